package io.tributary.wire.api.describeconfigs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.api.ConfigType;
import java.util.List;

/** A DescribeConfigs response. The config type and documentation are dropped before v3. */
public record DescribeConfigsResponse(int throttleTimeMs, List<Result> results) {

    public DescribeConfigsResponse {
        results = List.copyOf(results);
    }

    /** @param errorMessage null for none; @param resourceType the raw code from the request */
    public record Result(ErrorCode error, String errorMessage, byte resourceType, String resourceName, List<Entry> configs) {

        public Result {
            configs = List.copyOf(configs);
        }
    }

    /**
     * One config of the resource.
     *
     * @param value         null for sensitive configs and unset ones
     * @param synonyms      where the value could come from, highest precedence first (if asked for)
     * @param documentation null unless asked for (v3+)
     */
    public record Entry(
            String name,
            String value,
            boolean readOnly,
            ConfigSource source,
            boolean isSensitive,
            List<Synonym> synonyms,
            ConfigType type,
            String documentation) {

        public Entry {
            synonyms = List.copyOf(synonyms);
        }
    }

    public record Synonym(String name, String value, ConfigSource source) {
    }
}
