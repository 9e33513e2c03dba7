package io.tributary.wire.api.incrementalalterconfigs;

import io.tributary.wire.api.ConfigResourceType;
import java.util.List;

/** An IncrementalAlterConfigs request. */
public record IncrementalAlterConfigsRequest(List<Resource> resources, boolean validateOnly) {

    public IncrementalAlterConfigsRequest {
        resources = List.copyOf(resources);
    }

    /** @param resourceType the raw wire code (see {@link ConfigResourceType}), echoed in the answer */
    public record Resource(byte resourceType, String resourceName, List<AlterableConfig> configs) {

        public Resource {
            configs = List.copyOf(configs);
        }

        public ConfigResourceType type() {
            return ConfigResourceType.forCode(resourceType);
        }
    }

    /** @param value null for DELETE (and allowed to be null otherwise, for the handler to refuse) */
    public record AlterableConfig(String name, AlterConfigOp op, String value) {
    }
}
