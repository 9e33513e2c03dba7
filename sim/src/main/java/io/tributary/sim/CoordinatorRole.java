package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.GroupCoordinatorConfig;
import io.tributary.coordinator.GroupCoordinatorShard;
import io.tributary.coordinator.PendingReplies;
import io.tributary.coordinator.ShardOutput;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.record.CoordinatorRecord;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The group coordinator of one {@code __consumer_offsets} partition on the broker leading it, for
 * one leader epoch: the real {@link GroupCoordinatorShard} and what the broker's
 * {@code broker/coordinator/ShardHost} does around it, in simulated time. On becoming leader it
 * loads the partition (after a simulated load time, during which the shard answers
 * COORDINATOR_LOAD_IN_PROGRESS), replaying every record of the local log; each output's records are
 * appended as one batch (acks=all: refused below min.insync.replicas), and its replies go out only
 * once the high watermark passes them, or fail with COORDINATOR_NOT_AVAILABLE after
 * {@code offsets.commit.timeout.ms}. A failed or misplaced append drops the shard and loads a new
 * one. Leadership lost: everything waiting is answered NOT_COORDINATOR.
 */
final class CoordinatorRole {

    /** A request handed to the shard and not answered yet; its answer goes back as a simulated message. */
    private final class Waiter implements PendingReplies.Waiter {
        private final int clientId;
        private final long clientRequestId;
        private final CoordinatorRequest request;

        Waiter(int clientId, long clientRequestId, CoordinatorRequest request) {
            this.clientId = clientId;
            this.clientRequestId = clientRequestId;
            this.request = request;
        }

        @Override
        public CoordinatorRequest request() {
            return request;
        }

        @Override
        public void complete(CoordinatorResponse response) {
            reply(clientId, clientRequestId, response);
        }
    }

    /** Requests held at once (queued in a rebalance or waiting for the high watermark); past it: COORDINATOR_NOT_AVAILABLE. */
    private static final int MAX_WAITING = 256;
    /** {@code offsets.commit.timeout.ms}: Kafka's 5 s, shortened to fit the schedules' fault periods of a few seconds. */
    static final long COMMIT_TIMEOUT_MS = 1_000;
    /**
     * The shard's settings: Kafka's defaults but a 50 ms {@code group.initial.rebalance.delay.ms}
     * (Kafka's test configs use 0), so a group forms within a schedule's few seconds.
     */
    static final GroupCoordinatorConfig CONFIG = GroupCoordinatorConfig.defaults()
            .withInitialRebalanceDelayMs(50);

    private final Replica replica;
    private final SplittableRandom random;
    private GroupCoordinatorShard shard;
    private boolean active;
    private boolean unloaded;
    private final PendingReplies pending = new PendingReplies();
    private long loadToken = -1;
    private long tickToken = -1;
    private long tickAtMs = Long.MAX_VALUE;

    CoordinatorRole(Replica replica, SplittableRandom random) {
        this.replica = replica;
        this.random = random;
    }

    /** The shard when it is loaded and serving, else null (for the checker). */
    GroupCoordinatorShard activeShard() {
        return active && !unloaded ? shard : null;
    }

    void start(long nowMs) {
        startLoad(nowMs);
    }

    private void startLoad(long nowMs) {
        active = false;
        shard = new GroupCoordinatorShard(CONFIG, random.split());
        Simulation sim = replica.sim();
        loadToken = sim.nextId();
        // Loading reads the whole partition: the more batches, the longer.
        long loadMs = 1 + random.nextInt(100) + replica.log.batchCount() / 4;
        sim.schedule(nowMs + loadMs, replica.broker.id, new Timer(Timer.Kind.COORDINATOR_LOAD, replica.partition, loadToken));
        sim.checker.coordinator.onShardChanged();
    }

    private void load(long nowMs) {
        SimLog log = replica.log;
        CoordinatorPayloads payloads = replica.sim().coordinatorPayloads;
        for (int i = 0; i < log.batchCount(); i++) {
            Batch b = log.batch(i);
            List<CoordinatorRecord> records = payloads.records(b.payloadId());
            for (int k = 0; k < records.size(); k++) {
                shard.replay(b.baseOffset() + k, records.get(k));
            }
        }
        active = true;
        replica.sim().checker.coordinator.onShardChanged();
        process(shard.activate(log.logEndOffset(), nowMs), nowMs);
    }

    void onRequest(int clientId, Message.GroupRequest m, long nowMs) {
        if (pending.waitingCount() >= MAX_WAITING) {
            reply(clientId, m.requestId(), m.request().errorResponse(ErrorCode.COORDINATOR_NOT_AVAILABLE));
            return;
        }
        long id = pending.admit(new Waiter(clientId, m.requestId(), m.request()));
        if (!active && m.request() instanceof OffsetCommitRequest) {
            replica.sim().coverage.hit(Coverage.Mark.COMMIT_LOAD_IN_PROGRESS);
        }
        process(shard.handle(id, m.request(), nowMs), nowMs);
    }

    void onTimer(Timer t, long nowMs) {
        if (unloaded) {
            return;
        }
        if (t.kind() == Timer.Kind.COORDINATOR_LOAD) {
            if (t.token() == loadToken && !active) {
                load(nowMs);
            }
        } else if (t.token() == tickToken) {
            tickToken = -1;
            tickAtMs = Long.MAX_VALUE;
            releaseCommitted(nowMs);
            if (active) {
                process(shard.tick(nowMs), nowMs);
            } else {
                scheduleTick(nowMs);
            }
        }
    }

    /** The high watermark moved: release what it passed. */
    void onHighWatermark(long nowMs) {
        if (!unloaded) {
            releaseCommitted(nowMs);
        }
    }

    /** Leadership ended (or the broker stopped): everything waiting is answered NOT_COORDINATOR. */
    void unload() {
        if (unloaded) {
            return;
        }
        unloaded = true;
        if (pending.anyWaiting(r -> r instanceof OffsetCommitRequest)) {
            replica.sim().coverage.hit(Coverage.Mark.COORDINATOR_MOVED_WITH_COMMIT_IN_FLIGHT);
        }
        pending.send(shard.unload());
        pending.answerAll(ErrorCode.NOT_COORDINATOR);
        replica.sim().checker.coordinator.onShardChanged();
    }

    /** What this coordinator would answer an OffsetFetch for the group now, without sending it (the checker's read). */
    OffsetFetchResponse peekOffsets(String groupId, long nowMs) {
        ShardOutput out = shard.handle(-1, new OffsetFetchRequest(groupId, null, false), nowMs);
        return (OffsetFetchResponse) out.replies().get(0).response();
    }

    /** Carries out one output: append its records, then queue its replies for the high watermark. */
    private void process(ShardOutput out, long nowMs) {
        Simulation sim = replica.sim();
        long baseOffset = -1;
        if (!out.records().isEmpty()) {
            long payloadId = sim.nextId();
            sim.coordinatorPayloads.put(payloadId, out.records());
            Batch b = replica.leaderRole.appendCoordinatorBatch(out.records().size(), payloadId, nowMs);
            if (b == null || b.baseOffset() != out.firstOffset()) {
                // Below min.insync.replicas (or landed elsewhere): the shard applied records the log
                // lacks, so it is dropped and loaded again, as the broker's runtime does.
                if (b != null) {
                    throw new IllegalStateException(replica + ": coordinator records landed at " + b.baseOffset()
                            + ", not " + out.firstOffset() + " where the shard counted them");
                }
                pending.answer(out.replies(), ErrorCode.COORDINATOR_NOT_AVAILABLE);
                pending.answer(shard.unload(), ErrorCode.COORDINATOR_NOT_AVAILABLE);
                cancelTick();
                startLoad(nowMs);
                return;
            }
            baseOffset = b.baseOffset();
        }
        if (!active) {
            pending.send(out.replies());   // a loading shard's answers reveal nothing of its state
        } else if (!out.replies().isEmpty()) {
            pending.hold(out, baseOffset, nowMs + COMMIT_TIMEOUT_MS);
            releaseCommitted(nowMs);
        }
        if (baseOffset >= 0) {
            sim.checker.coordinator.onShardChanged();   // only records change what an OffsetFetch returns
        }
        scheduleTick(nowMs);
    }

    /** Sends, in order, the replies whose records are committed; fails those past their deadline. */
    private void releaseCommitted(long nowMs) {
        Simulation sim = replica.sim();
        pending.release(nowMs, head -> {
            if (sim.config.mutation() == Mutation.COORDINATOR_ACK_BEFORE_HW) {
                return ErrorCode.NONE;   // planted bug: answer before the records are committed
            }
            if (replica.highWatermark >= head.atHighWatermark()) {
                return head.wrote() && !replica.leaderRole.state.hasMinIsr() ? ErrorCode.COORDINATOR_NOT_AVAILABLE : ErrorCode.NONE;
            }
            return null;
        }, released -> {
            if (released.wrote()) {
                sim.checker.onAckAll(replica, replica.log.batchAt(released.baseOffset()));
            }
        });
    }

    private void reply(int clientId, long clientRequestId, CoordinatorResponse response) {
        replica.sim().send(replica.broker.id, clientId, new Message.GroupReply(clientRequestId, response));
    }

    private void scheduleTick(long nowMs) {
        long next = active ? shard.nextDeadlineMs() : Long.MAX_VALUE;
        next = Math.min(next, pending.nextDeadlineMs());
        if (next == tickAtMs) {
            return;
        }
        cancelTick();
        if (next == Long.MAX_VALUE) {
            return;
        }
        tickAtMs = next;
        Simulation sim = replica.sim();
        tickToken = sim.nextId();
        sim.schedule(Math.max(nowMs, next), replica.broker.id, new Timer(Timer.Kind.COORDINATOR_TICK, replica.partition, tickToken));
    }

    private void cancelTick() {
        tickToken = -1;
        tickAtMs = Long.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "coordinator " + (unloaded ? "UNLOADED" : active ? "ACTIVE" : "LOADING") + " " + pending;
    }
}
