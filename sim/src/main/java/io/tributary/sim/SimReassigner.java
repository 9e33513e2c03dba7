package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The operator who moves replicas: every {@link FaultInjector#TICK_MS} of the fault period, at the
 * profile's {@code reassignmentsPerSecond}, it picks a partition (of any topic) and sends the real
 * AlterPartitionReassignments command to the controller: a new target replica set (the same
 * replication factor with one replica replaced, sometimes the leader; one replica more or fewer,
 * within one of the topic's replication factor and the broker count; or a pure reorder), or, for a
 * partition already moving, sometimes a cancel.
 *
 * <p>It draws from a random of its own, so a seed whose profile moves nothing keeps, event for
 * event, the schedule it had before reassignments were simulated.
 */
final class SimReassigner {

    private final Simulation sim;
    private final RandomGenerator random;
    private final double perSecond;

    /** @param perSecond how often an operator acts; 0 for never */
    SimReassigner(Simulation sim, RandomGenerator random, double perSecond) {
        this.sim = sim;
        this.random = random;
        this.perSecond = perSecond;
    }

    void tick(long nowMs) {
        if (perSecond <= 0 || random.nextDouble() >= perSecond * FaultInjector.TICK_MS / 1000.0 || !sim.controller.isUp()) {
            return;
        }
        int index = random.nextInt(sim.topics.count());
        PartitionRegistration reg = sim.topics.registration(sim.committedImage(), index);
        if (reg == null) {
            return;   // its topic is not created yet
        }
        TopicPartition tp = new TopicPartition(sim.topics.topic(index), sim.topics.partition(index));
        if (reg.isReassigning() && random.nextInt(3) == 0) {
            ApiError error = sim.controller.reassign(tp, null, nowMs);
            if (error.isSuccess()) {
                sim.coverage.hit(Coverage.Mark.REASSIGNMENT_CANCELLED);
            } else if (error.code() != ErrorCode.INVALID_REPLICA_ASSIGNMENT) {
                // INVALID_REPLICA_ASSIGNMENT refuses a cancel that would leave no ISR member: allowed.
                throw new InvariantViolation("a cancel of a move in progress is accepted or refused as unclean",
                        "cancelling " + tp + " (" + reg + ") failed: " + error);
            }
            return;
        }
        List<Integer> target = drawTarget(reg, minInsyncReplicas(sim.topics.topic(index)));
        ApiError error = sim.controller.reassign(tp, target, nowMs);
        if (!error.isSuccess()) {
            throw new InvariantViolation("a valid reassignment is accepted", "moving " + tp + " (" + reg + ") to " + target
                    + " failed: " + error);
        }
        PartitionRegistration after = sim.topics.registration(sim.committedImage(), index);
        if (after.isReassigning()) {
            sim.coverage.hit(Coverage.Mark.REASSIGNMENT_STARTED);
        }
    }

    /**
     * A new target from the current one (the target of the move in progress, else the replicas): a
     * reorder, one replica replaced, one added or one removed; the one replaced or removed is the
     * leader half the time.
     */
    private List<Integer> drawTarget(PartitionRegistration reg, int minInsyncReplicas) {
        List<Integer> target = new ArrayList<>(reg.targetReplicas());
        int brokers = sim.brokers.length;
        // Never below the topic's min.insync.replicas, as an operator would not: the partition would
        // refuse every acks=all write (the group coordinator's among them) until moved back.
        int minReplicas = Math.max(minInsyncReplicas, sim.config.replicationFactor() - 1);
        int maxReplicas = Math.min(brokers, sim.config.replicationFactor() + 1);
        List<Integer> others = new ArrayList<>();
        for (int b = 0; b < brokers; b++) {
            if (!target.contains(b)) {
                others.add(b);
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                if (!others.isEmpty()) {
                    target.set(victim(target, reg.leader()), others.get(random.nextInt(others.size())));
                    return target;
                }
            }
            case 1 -> {
                if (target.size() < maxReplicas && !others.isEmpty()) {
                    target.add(random.nextInt(target.size() + 1), others.get(random.nextInt(others.size())));
                    return target;
                }
            }
            case 2 -> {
                if (target.size() > minReplicas) {
                    target.remove(victim(target, reg.leader()));
                    return target;
                }
            }
            default -> {
            }
        }
        // A pure reorder: only the preferred leader changes.
        if (target.size() > 1) {
            target.add(target.remove(random.nextInt(target.size())));
        }
        return target;
    }

    private int minInsyncReplicas(String topic) {
        String value = sim.committedImage().topicConfigs(topic).get(TopicConfigs.MIN_INSYNC_REPLICAS);
        return value == null ? 1 : Integer.parseInt(value);
    }

    /** The position of the replica to drop: the leader half the time (when it is in the target), else any. */
    private int victim(List<Integer> target, int leader) {
        int leaderAt = target.indexOf(leader);
        return leaderAt >= 0 && random.nextBoolean() ? leaderAt : random.nextInt(target.size());
    }

    /**
     * Whether a move is in progress that {@code brokerId} takes part in (any broker for -1): for the
     * coverage of moves interrupted by a crash.
     */
    boolean moving(int brokerId) {
        MetadataImage image = sim.committedImage();
        for (int i = 0; i < sim.topics.count(); i++) {
            PartitionRegistration reg = sim.topics.registration(image, i);
            if (reg != null && reg.isReassigning() && (brokerId < 0 || reg.isReplica(brokerId))) {
                return true;
            }
        }
        return false;
    }
}
