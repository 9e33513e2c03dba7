package io.tributary.wire.api.describeconfigs;

import io.tributary.wire.api.ConfigResourceType;
import java.util.List;

/**
 * A DescribeConfigs request.
 *
 * @param includeSynonyms      v1+
 * @param includeDocumentation v3+; false before
 */
public record DescribeConfigsRequest(List<Resource> resources, boolean includeSynonyms, boolean includeDocumentation) {

    public DescribeConfigsRequest {
        resources = List.copyOf(resources);
    }

    /**
     * One resource to describe.
     *
     * @param resourceType      the raw wire code (see {@link ConfigResourceType}), echoed in the answer
     * @param allKeys           true when the client asked for every config (the wire's null key list)
     * @param configurationKeys the keys asked for; empty when {@code allKeys}
     */
    public record Resource(byte resourceType, String resourceName, boolean allKeys, List<String> configurationKeys) {

        public Resource {
            configurationKeys = List.copyOf(configurationKeys);
        }

        public ConfigResourceType type() {
            return ConfigResourceType.forCode(resourceType);
        }
    }
}
