package io.tributary.metadata.controller.api;

import io.tributary.metadata.record.ConfigResourceType;

import java.util.List;

/** One result per requested resource, in request order (both AlterConfigs forms). */
public record AlterConfigsResponse(List<ResourceResult> resources) {

    public AlterConfigsResponse {
        resources = List.copyOf(resources);
    }

    public record ResourceResult(ConfigResourceType type, String name, ApiError error) {
    }
}
