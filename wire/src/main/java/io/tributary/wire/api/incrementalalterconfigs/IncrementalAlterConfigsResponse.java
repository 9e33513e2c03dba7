package io.tributary.wire.api.incrementalalterconfigs;

import io.tributary.common.ErrorCode;
import java.util.List;

/** An IncrementalAlterConfigs response: one result per resource. */
public record IncrementalAlterConfigsResponse(int throttleTimeMs, List<Result> results) {

    public IncrementalAlterConfigsResponse {
        results = List.copyOf(results);
    }

    /** @param errorMessage null for none; @param resourceType the raw code from the request */
    public record Result(ErrorCode error, String errorMessage, byte resourceType, String resourceName) {
    }
}
