package io.tributary.coordinator.api;

/** A shard's answer to one {@link CoordinatorRequest}; the broker encodes it for the client's version. */
public sealed interface CoordinatorResponse permits JoinGroupResponse, SyncGroupResponse, HeartbeatResponse,
        LeaveGroupResponse, OffsetCommitResponse, OffsetFetchResponse, OffsetDeleteResponse, ListGroupsResponse,
        DescribeGroupsResponse, DeleteGroupsResponse, TopicsDeletedResponse {
}
