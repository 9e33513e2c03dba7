package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;
import java.util.Objects;

/**
 * JoinGroup, any version.
 *
 * @param apiVersion         the request's version: from v4 a new dynamic member is first answered
 *                           MEMBER_ID_REQUIRED with its id (KIP-394)
 * @param memberId           empty for a member that has no id yet
 * @param groupInstanceId    the static member's {@code group.instance.id}, or null
 * @param rebalanceTimeoutMs v0 has none: the broker passes the session timeout, as Kafka does
 * @param clientHost         the client's address as the broker saw it, e.g. {@code /10.0.0.1}
 */
public record JoinGroupRequest(int apiVersion, String groupId, String memberId, String groupInstanceId,
                               String protocolType, List<Protocol> protocols, int sessionTimeoutMs,
                               int rebalanceTimeoutMs, String clientId, String clientHost)
        implements CoordinatorRequest {

    public JoinGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
    }

    @Override
    public JoinGroupResponse errorResponse(ErrorCode error) {
        return JoinGroupResponse.error(memberId, error);
    }
}
