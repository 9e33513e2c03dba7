package io.tributary.sim;

import io.tributary.common.TopicPartition;
import io.tributary.coordinator.GroupCoordinatorShard;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.metadata.image.PartitionRegistration;

import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The group coordinator's invariant: committed offsets never go back. For every group and
 * partition, the offset the current coordinator (the leader the controller's image names for the
 * group's {@code __consumer_offsets} partition, in that leader epoch, with its shard loaded) would
 * answer an OffsetFetch with, read through the real shard, is at least the last acknowledged commit;
 * and it is an offset some client sent (members commit ever larger offsets, so a later commit not
 * acknowledged yet may show; an offset never written must never show). Checked after every event
 * that can change the answer (a shard's step, a load or unload, an acknowledgement, a metadata
 * change), and at the end, after healing and settling, every acknowledged commit must be readable.
 *
 * <p>A partition whose committed records power loss or an unclean choice took (the replication
 * checker's excuses) is skipped: its offsets may legitimately go back.
 */
final class CoordinatorChecker {

    /** One acknowledged commit: the largest for its key so far. */
    private static final class Acked {
        final long offset;
        final int broker;
        boolean brokerStoppedSince;

        Acked(long offset, int broker) {
            this.offset = offset;
            this.broker = broker;
        }
    }

    private final Simulation sim;
    private final Map<String, Map<TopicPartition, NavigableSet<Long>>> sent = new TreeMap<>();
    private final Map<String, Map<TopicPartition, Acked>> acked = new TreeMap<>();
    private boolean dirty;

    CoordinatorChecker(Simulation sim) {
        this.sim = sim;
    }

    void onCommitSent(String groupId, TopicPartition tp, long offset) {
        sent.computeIfAbsent(groupId, g -> new TreeMap<>()).computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
    }

    void onCommitAcknowledged(String groupId, TopicPartition tp, long offset, int broker) {
        Map<TopicPartition, Acked> group = acked.computeIfAbsent(groupId, g -> new TreeMap<>());
        Acked before = group.get(tp);
        if (before == null || offset > before.offset) {
            group.put(tp, new Acked(offset, broker));
        }
        dirty = true;
    }

    /** A shard stepped, loaded or unloaded, or leadership changed: the answer may differ. */
    void onShardChanged() {
        dirty = true;
    }

    /** A broker crashed or paused: an acknowledgement it gave, served later by another coordinator, counts as surviving that. */
    void onBrokerStopped(int broker) {
        for (Map<TopicPartition, Acked> group : acked.values()) {
            for (Acked a : group.values()) {
                if (a.broker == broker) {
                    a.brokerStoppedSince = true;
                }
            }
        }
        dirty = true;
    }

    void afterEvent() {
        if (dirty) {
            dirty = false;
            check(false);
        }
    }

    void finalCheck() {
        check(true);
    }

    private void check(boolean atEnd) {
        for (SimGroupMember m : sim.groupMembers) {
            int index = m.offsetsIndex();
            if (sim.checker.history(index).lossExcused) {
                continue;
            }
            Map<TopicPartition, Acked> groupAcks = acked.getOrDefault(m.groupId, Map.of());
            GroupCoordinatorShard shard = null;
            CoordinatorRole coordinator = null;
            PartitionRegistration reg = sim.topics.registration(sim.committedImage(), index);
            if (reg != null && reg.hasLeader() && sim.brokers[reg.leader()].up) {
                Replica r = sim.brokers[reg.leader()].replicas.get(index);
                if (r != null && r.leaderEpoch == reg.leaderEpoch() && r.coordinatorRole != null) {
                    coordinator = r.coordinatorRole;
                    shard = coordinator.activeShard();
                }
            }
            if (shard == null) {
                if (atEnd && !groupAcks.isEmpty()) {
                    throw new InvariantViolation("acknowledged commits are readable", "after settling, group " + m.groupId
                            + " has no loaded coordinator (partition " + index + ": " + reg + ", " + coordinator + ")");
                }
                continue;
            }
            OffsetFetchResponse fetched = coordinator.peekOffsets(m.groupId, sim.nowMs());
            Map<TopicPartition, NavigableSet<Long>> groupSent = sent.getOrDefault(m.groupId, Map.of());
            for (OffsetFetchResponse.FetchedOffset f : fetched.partitions()) {
                NavigableSet<Long> values = groupSent.get(f.partition());
                if (f.offset() != OffsetFetchResponse.NO_OFFSET && (values == null || !values.contains(f.offset()))) {
                    throw new InvariantViolation("a committed offset is one a client wrote", "the coordinator of group "
                            + m.groupId + " on b" + reg.leader() + " (epoch " + reg.leaderEpoch() + ") returns offset " + f.offset()
                            + " for " + f.partition() + ", which no client committed");
                }
            }
            for (Map.Entry<TopicPartition, Acked> e : groupAcks.entrySet()) {
                long offset = OffsetFetchResponse.NO_OFFSET;
                for (OffsetFetchResponse.FetchedOffset f : fetched.partitions()) {
                    if (f.partition().equals(e.getKey())) {
                        offset = f.offset();
                    }
                }
                Acked a = e.getValue();
                if (offset < a.offset) {
                    throw new InvariantViolation("committed offsets never go back", "the coordinator of group " + m.groupId
                            + " on b" + reg.leader() + " (epoch " + reg.leaderEpoch() + ") returns offset " + offset + " for "
                            + e.getKey() + ", but b" + a.broker + " acknowledged a commit of " + a.offset
                            + (atEnd ? " (after settling)" : ""));
                }
                if (a.brokerStoppedSince && reg.leader() != a.broker) {
                    a.brokerStoppedSince = false;
                    sim.coverage.hit(Coverage.Mark.ACKED_COMMIT_SURVIVED_COORDINATOR_STOP);
                }
            }
        }
    }
}
