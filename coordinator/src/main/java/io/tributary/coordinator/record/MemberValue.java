package io.tributary.coordinator.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One member of a group as persisted with its generation.
 *
 * @param memberId           the coordinator-assigned member id
 * @param groupInstanceId    the static member's {@code group.instance.id}, or null for a dynamic member
 * @param clientId           the client id the member joined with
 * @param clientHost         the address the member joined from
 * @param rebalanceTimeoutMs how long the coordinator waits for this member to rejoin in a rebalance
 * @param sessionTimeoutMs   how long the coordinator waits for this member's heartbeat
 * @param subscription       the member's metadata for the group's selected protocol (opaque bytes)
 * @param assignment         what the leader assigned to this member in this generation (opaque bytes)
 */
public record MemberValue(String memberId, String groupInstanceId, String clientId, String clientHost,
                          int rebalanceTimeoutMs, int sessionTimeoutMs, byte[] subscription, byte[] assignment) {

    public MemberValue {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(assignment, "assignment");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberValue m
                && memberId.equals(m.memberId) && Objects.equals(groupInstanceId, m.groupInstanceId)
                && clientId.equals(m.clientId) && clientHost.equals(m.clientHost)
                && rebalanceTimeoutMs == m.rebalanceTimeoutMs && sessionTimeoutMs == m.sessionTimeoutMs
                && Arrays.equals(subscription, m.subscription) && Arrays.equals(assignment, m.assignment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(memberId, groupInstanceId, clientId, clientHost, rebalanceTimeoutMs, sessionTimeoutMs,
                Arrays.hashCode(subscription), Arrays.hashCode(assignment));
    }

    @Override
    public String toString() {
        return "MemberValue[" + memberId + ", instance=" + groupInstanceId + ", client=" + clientId + "@" + clientHost
                + ", rebalanceTimeoutMs=" + rebalanceTimeoutMs + ", sessionTimeoutMs=" + sessionTimeoutMs
                + ", subscription=" + subscription.length + "B, assignment=" + assignment.length + "B]";
    }
}
