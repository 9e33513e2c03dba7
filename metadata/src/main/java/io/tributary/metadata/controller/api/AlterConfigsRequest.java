package io.tributary.metadata.controller.api;

import io.tributary.metadata.record.ConfigResourceType;

import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * The legacy AlterConfigs (kafkajs still uses it): each resource's overrides are replaced as a
 * whole by the given map, so keys not listed are deleted.
 */
public record AlterConfigsRequest(List<Resource> resources, boolean validateOnly)
        implements ControllerCommand<AlterConfigsResponse> {

    public AlterConfigsRequest {
        resources = List.copyOf(resources);
    }

    public record Resource(ConfigResourceType type, String name, Map<String, String> configs) {
        public Resource {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(configs, "configs");
        }
    }
}
