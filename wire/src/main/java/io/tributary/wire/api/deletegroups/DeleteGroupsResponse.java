package io.tributary.wire.api.deletegroups;

import io.tributary.common.ErrorCode;
import java.util.List;

/** A DeleteGroups response: an error per group ({@code NON_EMPTY_GROUP}, {@code GROUP_ID_NOT_FOUND}, ...). */
public record DeleteGroupsResponse(int throttleTimeMs, List<Result> results) {

    public DeleteGroupsResponse {
        results = List.copyOf(results);
    }

    public record Result(String groupId, ErrorCode error) {
    }
}
