package io.tributary.wire.api.alterconfigs;

import io.tributary.common.ErrorCode;
import java.util.List;

/** An AlterConfigs response: one result per resource of the request. */
public record AlterConfigsResponse(int throttleTimeMs, List<Result> results) {

    public AlterConfigsResponse {
        results = List.copyOf(results);
    }

    /** @param errorMessage null for none; @param resourceType the raw code from the request */
    public record Result(ErrorCode error, String errorMessage, byte resourceType, String resourceName) {
    }
}
