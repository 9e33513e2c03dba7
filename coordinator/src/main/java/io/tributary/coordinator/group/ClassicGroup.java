package io.tributary.coordinator.group;

import io.tributary.coordinator.api.Protocol;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.MemberValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A group of the classic protocol (JoinGroup / SyncGroup / Heartbeat): its members, generation,
 * selected protocol, leader and state ({@link ClassicGroupState} lists the legal transitions;
 * {@link #transitionTo} refuses the others with {@link IllegalStateException}).
 *
 * <p>As in Kafka, a generation is persisted only when its assignment is stored (or when it is
 * empty): {@link #replay} applies such a record, and is the only way the persisted fields change.
 * Between two records, a rebalance changes the membership and the generation in memory; if the
 * coordinator fails over in between, the new one loads the last persisted generation, and the
 * members, finding their generation unknown, rejoin. No member ever holds an assignment that was
 * not persisted first, because a SyncGroup answer waits for its record to commit.
 */
public final class ClassicGroup implements Group {

    private final String groupId;
    private ClassicGroupState state = ClassicGroupState.EMPTY;
    private String protocolType;
    private int generationId;
    private String protocolName;
    private String leaderId;
    private long stateTimestampMs = GroupMetadataValue.NO_TIMESTAMP;
    private final Map<String, ClassicMember> members = new LinkedHashMap<>();
    private final Map<String, String> staticMembers = new HashMap<>();
    private final Set<String> pendingMembers = new LinkedHashSet<>();
    private final Set<String> pendingSyncMembers = new HashSet<>();
    private final JoinPhase joinPhase = new JoinPhase();

    public ClassicGroup(String groupId) {
        this.groupId = groupId;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public GroupType type() {
        return GroupType.CLASSIC;
    }

    public ClassicGroupState state() {
        return state;
    }

    @Override
    public String stateName() {
        return state.kafkaName();
    }

    public boolean isInState(ClassicGroupState s) {
        return state == s;
    }

    @Override
    public String protocolType() {
        return protocolType == null ? "" : protocolType;
    }

    public int generationId() {
        return generationId;
    }

    public String protocolName() {
        return protocolName;
    }

    public String leaderId() {
        return leaderId;
    }

    public boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    @Override
    public boolean isEmpty() {
        return members.isEmpty();
    }

    @Override
    public long emptySinceMs() {
        return state == ClassicGroupState.EMPTY ? stateTimestampMs : GroupMetadataValue.NO_TIMESTAMP;
    }

    public JoinPhase joinPhase() {
        return joinPhase;
    }

    /** Moves to {@code next}, refusing a transition {@link ClassicGroupState} does not list. */
    public void transitionTo(ClassicGroupState next, long nowMs) {
        if (!next.validPrevious().contains(state)) {
            throw new IllegalStateException("group " + groupId + " cannot go from " + state + " to " + next);
        }
        state = next;
        stateTimestampMs = nowMs;
    }

    // ---- members ----

    public int size() {
        return members.size();
    }

    public ClassicMember member(String memberId) {
        return members.get(memberId);
    }

    public boolean has(String memberId) {
        return members.containsKey(memberId);
    }

    public Collection<ClassicMember> members() {
        return members.values();
    }

    public boolean isPending(String memberId) {
        return pendingMembers.contains(memberId);
    }

    public void addPending(String memberId) {
        pendingMembers.add(memberId);
    }

    public boolean removePending(String memberId) {
        return pendingMembers.remove(memberId);
    }

    public int pendingCount() {
        return pendingMembers.size();
    }

    /** The member id a static member currently has, or null. */
    public String staticMemberId(String groupInstanceId) {
        return groupInstanceId == null ? null : staticMembers.get(groupInstanceId);
    }

    /** A request naming an instance id whose current member id is another one comes from a fenced old instance. */
    public boolean isStaticMemberFenced(String memberId, String groupInstanceId) {
        String current = staticMemberId(groupInstanceId);
        return current != null && !current.equals(memberId);
    }

    /** Adds a member; the first member decides the protocol type and leads. */
    public void add(ClassicMember member, String memberProtocolType) {
        if (members.isEmpty()) {
            protocolType = memberProtocolType;
        }
        members.put(member.memberId(), member);
        if (member.isStatic()) {
            staticMembers.put(member.groupInstanceId(), member.memberId());
        }
        pendingMembers.remove(member.memberId());
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** Removes a member; if it led, another member leads (or none, when it was the last). */
    public ClassicMember remove(String memberId) {
        ClassicMember removed = members.remove(memberId);
        pendingSyncMembers.remove(memberId);
        if (removed != null && removed.isStatic()) {
            staticMembers.remove(removed.groupInstanceId(), memberId);
        }
        if (memberId.equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        return removed;
    }

    /**
     * A static member rejoining without its member id takes {@code newMemberId}; its assignment
     * carries over, and it keeps leading if it led.
     */
    public ClassicMember replaceStatic(ClassicMember old, String newMemberId) {
        ClassicMember replacement = new ClassicMember(newMemberId, old.groupInstanceId(), old.clientId(),
                old.clientHost(), old.rebalanceTimeoutMs(), old.sessionTimeoutMs(), old.protocols());
        replacement.assignment(old.assignment());
        boolean led = isLeader(old.memberId());
        members.remove(old.memberId());
        if (pendingSyncMembers.remove(old.memberId())) {
            pendingSyncMembers.add(newMemberId);
        }
        members.put(newMemberId, replacement);
        staticMembers.put(old.groupInstanceId(), newMemberId);
        if (led) {
            leaderId = newMemberId;
        }
        return replacement;
    }

    /** After a join phase every member owes a SyncGroup; those that never send one are removed. */
    public void startPendingSync() {
        pendingSyncMembers.clear();
        pendingSyncMembers.addAll(members.keySet());
    }

    /** The member synced; true if no member owes a SyncGroup any more. */
    public boolean synced(String memberId) {
        pendingSyncMembers.remove(memberId);
        return pendingSyncMembers.isEmpty();
    }

    public Set<String> pendingSyncMembers() {
        return Set.copyOf(pendingSyncMembers);
    }

    public void clearPendingSync() {
        pendingSyncMembers.clear();
    }

    /** Every member has rejoined and no member id handed out with MEMBER_ID_REQUIRED is still expected. */
    public boolean hasAllMembersJoined() {
        for (ClassicMember m : members.values()) {
            if (!m.isAwaitingJoin()) {
                return false;
            }
        }
        return pendingMembers.isEmpty();
    }

    /** How long a rebalance waits: the largest rebalance timeout of the members. */
    public int rebalanceTimeoutMs() {
        int max = 0;
        for (ClassicMember m : members.values()) {
            max = Math.max(max, m.rebalanceTimeoutMs());
        }
        return max;
    }

    /** If the leader did not rejoin, a member that did leads instead. */
    public void electJoinedLeader() {
        ClassicMember leader = leaderId == null ? null : members.get(leaderId);
        if (leader == null || !leader.isAwaitingJoin()) {
            leaderId = members.values().stream().filter(ClassicMember::isAwaitingJoin)
                    .map(ClassicMember::memberId).findFirst().orElse(null);
        }
    }

    /** Starts the next generation in memory: a selected protocol when there are members, none when empty. */
    public void initNextGeneration(long nowMs) {
        generationId++;
        if (members.isEmpty()) {
            protocolName = null;
            leaderId = null;
        } else {
            protocolName = selectProtocol();
            transitionTo(ClassicGroupState.COMPLETING_REBALANCE, nowMs);
        }
    }

    // ---- protocols ----

    /**
     * Whether a member with these protocols may join: an empty group takes any non-empty list; a
     * group with members requires the same protocol type and at least one protocol every member
     * supports.
     */
    public boolean supportsProtocols(String memberProtocolType, List<Protocol> protocols) {
        if (memberProtocolType.isEmpty() || protocols.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!memberProtocolType.equals(protocolType)) {
            return false;
        }
        Set<String> candidates = candidateProtocols();
        for (Protocol p : protocols) {
            if (candidates.contains(p.name())) {
                return true;
            }
        }
        return false;
    }

    private Set<String> candidateProtocols() {
        Set<String> candidates = null;
        for (ClassicMember m : members.values()) {
            Set<String> names = new HashSet<>();
            m.protocols().forEach(p -> names.add(p.name()));
            if (candidates == null) {
                candidates = names;
            } else {
                candidates.retainAll(names);
            }
        }
        return candidates == null ? Set.of() : candidates;
    }

    /**
     * The protocol every member supports that most members prefer: each member votes for the first
     * of its protocols that all support. A tie goes to the protocol the leader ranks first.
     */
    public String selectProtocol() {
        Set<String> candidates = candidateProtocols();
        Map<String, Integer> votes = new HashMap<>();
        for (ClassicMember m : members.values()) {
            m.protocols().stream().map(Protocol::name).filter(candidates::contains).findFirst()
                    .ifPresent(name -> votes.merge(name, 1, Integer::sum));
        }
        ClassicMember leader = leaderId == null ? members.values().iterator().next() : members.get(leaderId);
        String best = null;
        for (Protocol p : leader.protocols()) {
            int v = votes.getOrDefault(p.name(), 0);
            if (v > 0 && (best == null || v > votes.get(best))) {
                best = p.name();
            }
        }
        if (best == null) {
            throw new IllegalStateException("group " + groupId + " has members but no protocol they all support");
        }
        return best;
    }

    @Override
    public boolean isSubscribedTo(String topic) {
        if (members.isEmpty()) {
            return false;
        }
        if (!ConsumerSubscription.CONSUMER_PROTOCOL_TYPE.equals(protocolType) || protocolName == null) {
            return true;
        }
        for (ClassicMember m : members.values()) {
            Optional<Set<String>> topics = ConsumerSubscription.topics(m.metadata(protocolName));
            if (topics.isEmpty() || topics.get().contains(topic)) {
                return true;
            }
        }
        return false;
    }

    // ---- records ----

    /** This group as a record value, with the given assignment per member (missing members get none). */
    public GroupMetadataValue toRecordValue(Map<String, byte[]> assignments, long stateTimestampMs) {
        List<MemberValue> values = new ArrayList<>(members.size());
        for (ClassicMember m : members.values()) {
            values.add(new MemberValue(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), m.metadata(protocolName),
                    assignments.getOrDefault(m.memberId(), new byte[0])));
        }
        return new GroupMetadataValue(protocolType(), generationId, protocolName, leaderId, stateTimestampMs, values);
    }

    /** The current assignments, to re-persist them unchanged. */
    public Map<String, byte[]> assignments() {
        Map<String, byte[]> out = new HashMap<>();
        members.values().forEach(m -> out.put(m.memberId(), m.assignment()));
        return out;
    }

    /**
     * Applies a persisted generation. While loading ({@code loading}), the group simply becomes
     * what the record says, Empty or Stable. On an active shard the record is one the shard just
     * wrote from this group's own members, so it only stores the assignments and moves the state
     * along a legal transition (to Stable after a sync, to Empty after a rebalance that ended with
     * no members); a record whose members differ from the group's is refused.
     */
    public void replay(GroupMetadataValue value, boolean loading) {
        protocolType = value.protocolType();
        generationId = value.generationId();
        protocolName = value.protocolName();
        leaderId = value.leaderId();
        if (loading) {
            members.clear();
            staticMembers.clear();
            for (MemberValue m : value.members()) {
                List<Protocol> protocols = value.protocolName() == null ? List.of()
                        : List.of(new Protocol(value.protocolName(), m.subscription()));
                ClassicMember member = new ClassicMember(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                        m.rebalanceTimeoutMs(), m.sessionTimeoutMs(), protocols);
                member.assignment(m.assignment());
                members.put(m.memberId(), member);
                if (m.groupInstanceId() != null) {
                    staticMembers.put(m.groupInstanceId(), m.memberId());
                }
            }
            state = members.isEmpty() ? ClassicGroupState.EMPTY : ClassicGroupState.STABLE;
            stateTimestampMs = value.currentStateTimestampMs();
            return;
        }
        if (value.members().size() != members.size()
                || !value.members().stream().allMatch(m -> members.containsKey(m.memberId()))) {
            throw new IllegalStateException("group " + groupId + " record members " + value.members()
                    + " differ from the group's " + members.keySet());
        }
        for (MemberValue m : value.members()) {
            members.get(m.memberId()).assignment(m.assignment());
        }
        transitionTo(members.isEmpty() ? ClassicGroupState.EMPTY : ClassicGroupState.STABLE, value.currentStateTimestampMs());
    }

    /** Marks the group deleted; the shard drops it from its table. */
    public void markDead(long nowMs) {
        transitionTo(ClassicGroupState.DEAD, nowMs);
    }

    /**
     * The timing of the current PreparingRebalance: when the join phase ends and, while the group
     * waits out {@code group.initial.rebalance.delay.ms} after being Empty, how much delay is left.
     */
    public static final class JoinPhase {
        private boolean initialDelay;
        private long remainingDelayMs;
        private boolean newMemberAdded;

        public boolean initialDelay() {
            return initialDelay;
        }

        public long remainingDelayMs() {
            return remainingDelayMs;
        }

        public boolean newMemberAdded() {
            return newMemberAdded;
        }

        public void startInitialDelay(long remainingDelayMs) {
            this.initialDelay = true;
            this.remainingDelayMs = remainingDelayMs;
            this.newMemberAdded = false;
        }

        /** Spends {@code delayMs} of the remaining delay for one more wait. */
        public void extend(long delayMs) {
            remainingDelayMs -= delayMs;
            newMemberAdded = false;
        }

        public void memberAdded() {
            if (initialDelay) {
                newMemberAdded = true;
            }
        }

        public void clear() {
            initialDelay = false;
            remainingDelayMs = 0;
            newMemberAdded = false;
        }
    }
}
