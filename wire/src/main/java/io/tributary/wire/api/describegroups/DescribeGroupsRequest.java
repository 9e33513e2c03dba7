package io.tributary.wire.api.describegroups;

import java.util.List;

/** A DescribeGroups request. @param includeAuthorizedOperations v3+, false before */
public record DescribeGroupsRequest(List<String> groups, boolean includeAuthorizedOperations) {

    public DescribeGroupsRequest {
        groups = List.copyOf(groups);
    }
}
