package io.tributary.metadata.controller.api;

import io.tributary.metadata.record.ConfigResourceType;

import java.util.List;
import java.util.Objects;

/**
 * IncrementalAlterConfigs for topic and broker resources. A broker resource is named by the broker
 * id in decimal, or {@code ""} for the cluster-wide default.
 */
public record IncrementalAlterConfigsRequest(List<Resource> resources, boolean validateOnly)
        implements ControllerCommand<AlterConfigsResponse> {

    public IncrementalAlterConfigsRequest {
        resources = List.copyOf(resources);
    }

    public record Resource(ConfigResourceType type, String name, List<AlterConfigOp> ops) {
        public Resource {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            ops = List.copyOf(ops);
        }
    }
}
