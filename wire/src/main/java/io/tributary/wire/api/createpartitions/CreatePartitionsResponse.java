package io.tributary.wire.api.createpartitions;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A CreatePartitions response. */
public record CreatePartitionsResponse(int throttleTimeMs, List<Result> results) {

    public CreatePartitionsResponse {
        results = List.copyOf(results);
    }

    /** @param errorMessage null for none */
    public record Result(String name, ErrorCode error, String errorMessage) {
    }
}
