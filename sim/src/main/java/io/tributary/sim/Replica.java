package io.tributary.sim;

import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.replication.producer.ProducerStateTable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * One partition on one simulated broker: its log (which survives crashes, in part), its
 * producer state, its high watermark and checkpoint, and its role for the current leader epoch: a
 * {@link LeaderRole}, a {@link FollowerRole}, or none (no leader, or not told yet).
 *
 * <p>Role changes follow the metadata image, as the broker's metadata publisher would drive
 * {@code Partition.makeLeader}/{@code makeFollower}: a higher leader epoch naming this broker
 * makes it leader (a new {@code LeaderState}); naming another broker makes it follower (a new
 * {@code FollowerState}); the same epoch with a new partition epoch is an ISR change for the
 * leader. Epochs never go back: an image with an older epoch is ignored (and cannot happen, since
 * images apply in log order).
 */
final class Replica {

    final SimBroker broker;
    final int partition;
    final SimLog log = new SimLog();
    ProducerStateTable producers = new ProducerStateTable();
    /** This replica's high watermark: the leader's, or the follower's {@code min(leader HW, log end)}. */
    long highWatermark;
    /** The high-watermark checkpoint as written (maybe not yet durable), and as last made durable. */
    private long hwCheckpointWritten;
    private long hwCheckpointDurable;
    int leaderEpoch = -1;
    int leaderId = -1;
    int partitionEpoch = -1;
    LeaderRole leaderRole;
    FollowerRole followerRole;
    /** The group coordinator, on the leader of an {@code __consumer_offsets} partition; else null. */
    CoordinatorRole coordinatorRole;

    Replica(SimBroker broker, int partition) {
        this.broker = broker;
        this.partition = partition;
    }

    Simulation sim() {
        return broker.sim;
    }

    boolean isLeader() {
        return leaderRole != null;
    }

    /** The partition's state in a newly applied image. */
    void onPartitionState(PartitionRegistration reg, int minInsyncReplicas, long nowMs) {
        if (reg.leaderEpoch() < leaderEpoch) {
            return;
        }
        if (reg.leader() == broker.id) {
            if (leaderRole == null || reg.leaderEpoch() > leaderEpoch) {
                becomeLeader(reg, minInsyncReplicas, nowMs);
            } else {
                int oldPartitionEpoch = partitionEpoch;
                partitionEpoch = reg.partitionEpoch();
                leaderRole.onImage(reg, oldPartitionEpoch, minInsyncReplicas, nowMs);
            }
            return;
        }
        if (reg.leaderEpoch() > leaderEpoch || leaderRole != null) {
            becomeFollower(reg.leader(), reg.leaderEpoch(), reg.partitionEpoch(), nowMs);
        } else {
            partitionEpoch = reg.partitionEpoch();
        }
    }

    private void becomeLeader(PartitionRegistration reg, int minInsyncReplicas, long nowMs) {
        endRole();
        if (reg.leaderEpoch() > 0) {
            sim().coverage.hit(Coverage.Mark.LEADER_FAILOVER);
        }
        leaderEpoch = reg.leaderEpoch();
        leaderId = broker.id;
        partitionEpoch = reg.partitionEpoch();
        // As Kafka's makeLeader: the new epoch starts at the log end, in the cache before any batch of it.
        log.assignEpoch(leaderEpoch, log.logEndOffset());
        highWatermark = Math.min(highWatermark, log.logEndOffset());
        leaderRole = new LeaderRole(this, new TreeSet<>(reg.replicas()), new TreeSet<>(reg.isr()), minInsyncReplicas, nowMs);
        sim().checker.onBecomeLeader(this, Set.copyOf(reg.isr()));
        leaderRole.start(nowMs);
        if (sim().topics.isOffsets(partition)) {
            coordinatorRole = new CoordinatorRole(this, sim().random.split());
            coordinatorRole.start(nowMs);
        }
    }

    private void becomeFollower(int newLeaderId, int epoch, int newPartitionEpoch, long nowMs) {
        endRole();
        leaderEpoch = epoch;
        leaderId = newLeaderId;
        partitionEpoch = newPartitionEpoch;
        if (sim().config.mutation() == Mutation.TRUNCATE_TO_HW && highWatermark < log.logEndOffset()) {
            // Planted bug (pre-KIP-101): trust the local high watermark and cut everything above it.
            truncate(highWatermark);
        }
        highWatermark = Math.min(highWatermark, log.logEndOffset());
        if (newLeaderId >= 0) {
            followerRole = new FollowerRole(this, newLeaderId, epoch);
            followerRole.fetch(nowMs);
        }
    }

    /** Ends the current role: waiting produces fail, in-flight requests are forgotten. */
    void endRole() {
        if (coordinatorRole != null) {
            coordinatorRole.unload();
            coordinatorRole = null;
        }
        if (leaderRole != null) {
            leaderRole.stop();
        }
        leaderRole = null;
        followerRole = null;
    }

    /** Cuts the log and the producer state at {@code offset}; returns the new log end. */
    long truncate(long offset) {
        for (int i = log.indexHolding(offset); i >= 0 && i < log.batchCount(); i++) {
            Batch b = log.batch(i);
            if (b.lastOffset() >= offset && Integer.valueOf(broker.id).equals(sim().checker.history(partition).leaderOfEpoch.get(b.epoch()))) {
                // Records this broker appended as the leader of an epoch since superseded, never committed.
                sim().coverage.hit(Coverage.Mark.DEPOSED_LEADER_TAIL_TRUNCATED);
                break;
            }
        }
        long end = log.truncateTo(offset);
        producers.truncateFrom(end);
        return end;
    }

    /** Records the idempotence state of batches appended as follower (or found in recovery). */
    void replayProducers(List<Batch> batches) {
        for (Batch b : batches) {
            if (b.producerId() >= 0) {
                producers.replay(b.producerId(), b.producerEpoch(), b.baseSequence(), b.lastSequence(), b.baseOffset(),
                        b.lastOffset(), 0L);
            }
        }
    }

    void writeHwCheckpoint() {
        hwCheckpointWritten = highWatermark;
    }

    void flush() {
        log.flush();
        hwCheckpointDurable = hwCheckpointWritten;
    }

    /**
     * The broker lost power: the log keeps its durable prefix and part of its tail, the
     * checkpoint keeps its durable or its newest value, and everything in memory is gone. Returns
     * the batches lost.
     */
    int crash(RandomGenerator random, boolean powerLoss) {
        endRole();
        if (!powerLoss) {
            flush();
        }
        int lost = log.crash(random);
        long checkpoint = random.nextBoolean() ? hwCheckpointDurable : hwCheckpointWritten;
        hwCheckpointWritten = checkpoint;
        hwCheckpointDurable = checkpoint;
        // Recovery: producer state is rebuilt from the log, the high watermark from the checkpoint.
        producers = new ProducerStateTable();
        for (int i = 0; i < log.batchCount(); i++) {
            replayProducers(List.of(log.batch(i)));
        }
        if (checkpoint > log.logEndOffset()) {
            sim().coverage.hit(Coverage.Mark.HW_CLIPPED_ON_RESTART);
        }
        highWatermark = Math.min(checkpoint, log.logEndOffset());
        leaderEpoch = -1;
        leaderId = -1;
        partitionEpoch = -1;
        return lost;
    }

    @Override
    public String toString() {
        return "b" + broker.id + "/p" + partition + " " + (leaderRole != null ? "LEADER" : followerRole != null ? "FOLLOWER of b" + leaderId : "NONE")
                + " epoch " + leaderEpoch + " hw " + highWatermark + " " + log;
    }
}
