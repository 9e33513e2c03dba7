package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

/**
 * A request for a group coordinator shard, as plain values: the broker converts each wire request
 * (one group of it, for the batched forms) into one of these, and the shard's reply back into the
 * wire response of the version the client spoke.
 */
public sealed interface CoordinatorRequest permits JoinGroupRequest, SyncGroupRequest, HeartbeatRequest,
        LeaveGroupRequest, OffsetCommitRequest, OffsetFetchRequest, OffsetDeleteRequest, ListGroupsRequest,
        DescribeGroupsRequest, DeleteGroupsRequest, TopicsDeletedRequest {

    /** The answer to this request when the whole shard answers with {@code error} (loading, not coordinator). */
    CoordinatorResponse errorResponse(ErrorCode error);
}
