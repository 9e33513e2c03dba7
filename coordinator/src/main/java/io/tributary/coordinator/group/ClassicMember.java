package io.tributary.coordinator.group;

import io.tributary.coordinator.api.Protocol;

import java.util.Arrays;
import java.util.List;

/**
 * One member of a classic group. The persisted part (ids, client, timeouts, assignment) comes from
 * the group's records; the rest (the parked JoinGroup or SyncGroup, whether it is new) is
 * rebalance state, which a load starts empty.
 */
public final class ClassicMember {

    /** No request parked. */
    public static final long NO_REQUEST = -1L;

    private final String memberId;
    private final String groupInstanceId;
    private String clientId;
    private String clientHost;
    private int rebalanceTimeoutMs;
    private int sessionTimeoutMs;
    private List<Protocol> protocols;
    private byte[] assignment = new byte[0];
    private long awaitingJoinRequestId = NO_REQUEST;
    private long awaitingSyncRequestId = NO_REQUEST;
    private boolean isNew;

    public ClassicMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                         int rebalanceTimeoutMs, int sessionTimeoutMs, List<Protocol> protocols) {
        this.memberId = memberId;
        this.groupInstanceId = groupInstanceId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    public String memberId() {
        return memberId;
    }

    public String groupInstanceId() {
        return groupInstanceId;
    }

    public boolean isStatic() {
        return groupInstanceId != null;
    }

    public String clientId() {
        return clientId;
    }

    public String clientHost() {
        return clientHost;
    }

    public int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    public int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    public List<Protocol> protocols() {
        return protocols;
    }

    public byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] assignment) {
        this.assignment = assignment;
    }

    /** The member's metadata for {@code protocolName}, or empty bytes if it does not support it. */
    public byte[] metadata(String protocolName) {
        for (Protocol p : protocols) {
            if (p.name().equals(protocolName)) {
                return p.metadata();
            }
        }
        return new byte[0];
    }

    /** Whether the member's protocols, names, order and metadata, are exactly these. */
    public boolean matches(List<Protocol> other) {
        return protocols.equals(other);
    }

    /** Takes the metadata and timeouts of a JoinGroup that rejoins this member. */
    public void update(List<Protocol> protocols, int rebalanceTimeoutMs, int sessionTimeoutMs, String clientId,
                       String clientHost) {
        this.protocols = List.copyOf(protocols);
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.clientId = clientId;
        this.clientHost = clientHost;
    }

    public long awaitingJoinRequestId() {
        return awaitingJoinRequestId;
    }

    public boolean isAwaitingJoin() {
        return awaitingJoinRequestId != NO_REQUEST;
    }

    /** Parks a JoinGroup; returns the one it replaces, or {@link #NO_REQUEST}. */
    public long awaitJoin(long requestId) {
        long previous = awaitingJoinRequestId;
        awaitingJoinRequestId = requestId;
        return previous;
    }

    public long awaitingSyncRequestId() {
        return awaitingSyncRequestId;
    }

    /** Parks a SyncGroup; returns the one it replaces, or {@link #NO_REQUEST}. */
    public long awaitSync(long requestId) {
        long previous = awaitingSyncRequestId;
        awaitingSyncRequestId = requestId;
        return previous;
    }

    public boolean isNew() {
        return isNew;
    }

    public void isNew(boolean isNew) {
        this.isNew = isNew;
    }

    @Override
    public String toString() {
        return "ClassicMember[" + memberId + (groupInstanceId == null ? "" : ", instance=" + groupInstanceId)
                + ", protocols=" + protocols + ", assignment=" + Arrays.toString(assignment) + "]";
    }
}
