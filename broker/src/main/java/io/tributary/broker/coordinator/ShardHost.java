package io.tributary.broker.coordinator;

import io.tributary.broker.config.GroupSettings;
import io.tributary.broker.partition.AppendResult;
import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.GroupCoordinatorShard;
import io.tributary.coordinator.PendingReplies;
import io.tributary.coordinator.ShardOutput;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link GroupCoordinatorShard} of a {@code __consumer_offsets} partition this broker leads, for
 * one leader epoch, and the effects its outputs ask for: it loads the partition, appends each
 * output's records as one batch (acks=all), releases the replies once the high watermark passes
 * them, and ticks the shard at its deadlines. A new leader epoch gets a new host.
 *
 * <p>Threading: everything but {@link #submit}, {@link #onHighWatermark} and {@link #unload} (which
 * only queue work) runs on the host's one thread, so the shard and every field below the constructor
 * are confined to it. The load runs there too, in chunks of {@code offsets.load.buffer.size} bytes,
 * so requests arriving meanwhile (answered COORDINATOR_LOAD_IN_PROGRESS by the loading shard) and the
 * other shards on the thread are not held up by a long load.
 */
final class ShardHost {

    private static final Logger log = LoggerFactory.getLogger(ShardHost.class);

    private enum State { LOADING, ACTIVE, LOAD_FAILED, UNLOADED }

    /** A request handed to the shard and not answered yet. */
    private record Waiter(CoordinatorRequest request, CompletableFuture<CoordinatorResponse> future)
            implements PendingReplies.Waiter {
        @Override
        public void complete(CoordinatorResponse response) {
            future.complete(response);
        }
    }

    private final TopicPartition tp;
    private final Partition partition;
    private final int leaderEpoch;
    private final ScheduledExecutorService thread;
    private final LoadBuffer loadBuffer;
    private final GroupSettings settings;
    private final Time time;
    private final int requestsMax;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicBoolean releaseCheckQueued = new AtomicBoolean();
    private final AtomicBoolean fullWarned = new AtomicBoolean();

    private State state = State.LOADING;
    private GroupCoordinatorShard shard;
    private final PendingReplies pending = new PendingReplies();
    private long lastNowMs = Long.MIN_VALUE;
    private ScheduledFuture<?> tick;
    private long tickAtMs = Long.MAX_VALUE;
    private ShardLoad load;
    private long loadStartNs;

    /**
     * @param requestsMax the most requests this shard holds at once (queued, parked in a rebalance, or
     *                    waiting for the high watermark); past it a request is answered COORDINATOR_NOT_AVAILABLE
     */
    ShardHost(Partition partition, int leaderEpoch, ScheduledExecutorService thread, LoadBuffer loadBuffer, GroupSettings settings,
              Time time, int requestsMax) {
        this.tp = partition.topicPartition();
        this.partition = partition;
        this.leaderEpoch = leaderEpoch;
        this.thread = thread;
        this.loadBuffer = loadBuffer;
        this.settings = settings;
        this.time = time;
        this.requestsMax = requestsMax;
    }

    Partition partition() {
        return partition;
    }

    int leaderEpoch() {
        return leaderEpoch;
    }

    /** Starts loading the partition; requests meanwhile get COORDINATOR_LOAD_IN_PROGRESS. */
    void load() {
        run(this::startLoad);
    }

    /** Hands a request to the shard; the future completes with its one reply, on the host's thread. */
    CompletableFuture<CoordinatorResponse> submit(CoordinatorRequest request) {
        if (admitted.incrementAndGet() > requestsMax) {
            admitted.decrementAndGet();
            if (fullWarned.compareAndSet(false, true)) {
                log.warn("Group coordinator for {}: {} requests waiting, the most it holds; new requests get "
                        + "COORDINATOR_NOT_AVAILABLE until some are answered", tp, requestsMax);
            }
            return CompletableFuture.completedFuture(request.errorResponse(ErrorCode.COORDINATOR_NOT_AVAILABLE));
        }
        CompletableFuture<CoordinatorResponse> future = new CompletableFuture<>();
        future.whenComplete((r, e) -> admitted.decrementAndGet());
        try {
            thread.execute(() -> handle(request, future));
        } catch (RejectedExecutionException e) {
            future.complete(request.errorResponse(ErrorCode.NOT_COORDINATOR));
        }
        return future;
    }

    /** The partition's high watermark moved (any thread, under the partition's lock): check releases soon. */
    void onHighWatermark() {
        if (releaseCheckQueued.compareAndSet(false, true)) {
            run(() -> {
                releaseCheckQueued.set(false);
                releaseCommitted(now());
            });
        }
    }

    /** Leadership moved on (or the node stops): everything waiting is answered NOT_COORDINATOR. */
    void unload() {
        run(() -> stop(State.UNLOADED));
    }

    // ------------------------------------------------------------------ on the host's thread

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("Group coordinator for {}: unexpected failure; the shard is reloaded from the log", tp, e);
                    if (state == State.ACTIVE) {
                        reload(ErrorCode.UNKNOWN_SERVER_ERROR);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // The node is stopping; whoever waits is answered by the final unload or their connection closes.
        }
    }

    private long now() {
        lastNowMs = Math.max(lastNowMs, time.milliseconds());
        return lastNowMs;
    }

    private void handle(CoordinatorRequest request, CompletableFuture<CoordinatorResponse> future) {
        if (state == State.UNLOADED || shard == null) {
            future.complete(request.errorResponse(state == State.UNLOADED ? ErrorCode.NOT_COORDINATOR
                    : ErrorCode.COORDINATOR_LOAD_IN_PROGRESS));
            return;
        }
        long id = pending.admit(new Waiter(request, future));
        try {
            process(shard.handle(id, request, now()));
        } catch (RuntimeException e) {
            if (pending.forget(id) != null) {
                future.complete(request.errorResponse(ErrorCode.UNKNOWN_SERVER_ERROR));
            }
            throw e;
        }
    }

    private void startLoad() {
        if (state == State.UNLOADED) {
            return;
        }
        shard = new GroupCoordinatorShard(settings.shard(), new SplittableRandom());
        state = State.LOADING;
        load = new ShardLoad(partition.log(), shard, loadBuffer, settings.loadBufferBytes(), partition.logStartOffset(), partition.logEndOffset());
        loadStartNs = System.nanoTime();
        loadChunk(shard);
    }

    private void loadChunk(GroupCoordinatorShard loading) {
        if (state != State.LOADING || shard != loading) {
            return;
        }
        try {
            if (load.hasMore()) {
                load.step();
                run(() -> loadChunk(loading));
                return;
            }
            state = State.ACTIVE;
            log.info("Group coordinator for {} loaded at leader epoch {}: {} records ({} replaced by a later one skipped), "
                    + "{} bytes in {} ms; {} groups, {} offsets", tp, leaderEpoch, load.records(), load.replaced(), load.bytes(),
                    (System.nanoTime() - loadStartNs) / 1_000_000, loading.groupCount(), loading.offsetCount());
            long endOffset = load.endOffset();
            // Cleared first: the activation's output may fail to append and start a new load.
            load = null;
            process(loading.activate(endOffset, now()));
        } catch (RuntimeException e) {
            // Serving a state that skipped records would hand out wrong offsets: stop and say so.
            state = State.LOAD_FAILED;
            log.error("Group coordinator for {}: loading stopped at offset {} of [{}, {}) because the partition does not "
                    + "parse; its groups answer COORDINATOR_LOAD_IN_PROGRESS until another leader loads it", tp,
                    load == null ? -1 : load.nextOffset(), partition.logStartOffset(), partition.logEndOffset(), e);
            load = null;
        }
    }

    /** Carries out one output: append its records, then queue its replies for the high watermark. */
    private void process(ShardOutput out) {
        long nowMs = now();
        if (!out.records().isEmpty()) {
            ErrorCode failed = append(out, nowMs);
            if (failed != null) {
                pending.answer(out.replies(), failed);
                reload(failed);
                return;
            }
        }
        if (state != State.ACTIVE) {
            // A loading shard's answers (COORDINATOR_LOAD_IN_PROGRESS) reveal nothing of its state.
            pending.send(out.replies());
        } else if (!out.replies().isEmpty()) {
            pending.hold(out, out.records().isEmpty() ? -1 : out.firstOffset(), nowMs + settings.offsetsCommitTimeoutMs());
            releaseCommitted(nowMs);
        }
        scheduleTick();
    }

    /** Appends an output's records; null when they landed where the shard counted, else the error its replies get. */
    private ErrorCode append(ShardOutput out, long nowMs) {
        if (!partition.isLeader() || partition.leaderEpoch() != leaderEpoch) {
            return ErrorCode.NOT_COORDINATOR;
        }
        AppendResult r = partition.appendAsLeader(CoordinatorBatches.build(out.records(), nowMs), (short) -1, nowMs);
        if (!r.ok()) {
            log.warn("Group coordinator for {}: writing {} records failed with {} ({}); reloading the shard from the log", tp,
                    out.records().size(), r.error(), r.errorMessage());
            return clientError(r.error());
        }
        if (r.baseOffset() != out.firstOffset()) {
            log.error("Group coordinator for {}: {} records landed at offset {}, not {} where the shard counted them (another "
                    + "writer?); reloading the shard from the log", tp, out.records().size(), r.baseOffset(), out.firstOffset());
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        return null;
    }

    /** What a client is told for a failed write, as Kafka's group coordinator maps it: errors the client retries. */
    static ErrorCode clientError(ErrorCode appendError) {
        return switch (appendError) {
            case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR -> ErrorCode.NOT_COORDINATOR;
            case NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT, UNKNOWN_TOPIC_OR_PARTITION ->
                    ErrorCode.COORDINATOR_NOT_AVAILABLE;
            default -> ErrorCode.UNKNOWN_SERVER_ERROR;
        };
    }

    /** Sends, in order, the replies whose records are committed; fails those past their deadline. */
    private void releaseCommitted(long nowMs) {
        boolean leading = partition.isLeader() && partition.leaderEpoch() == leaderEpoch;
        pending.release(nowMs, head -> {
            if (!leading) {
                return ErrorCode.NOT_COORDINATOR;
            }
            if (head.wrote()) {
                ErrorCode e = partition.checkReplicated(head.atHighWatermark(), leaderEpoch);
                return e == null ? null : e == ErrorCode.NONE ? ErrorCode.NONE : clientError(e);
            }
            return partition.highWatermark() >= head.atHighWatermark() ? ErrorCode.NONE : null;
        }, released -> { });
    }

    /**
     * Drops the shard after a failed write (it had applied records the log does not hold) and loads a
     * new one from the log. Replies of earlier outputs stay queued: their records are in the log.
     */
    private void reload(ErrorCode parkedError) {
        if (shard != null) {
            pending.answer(shard.unload(), parkedError);
        }
        cancelTick();
        startLoad();
    }

    private void stop(State end) {
        if (state == State.UNLOADED) {
            return;
        }
        state = end;
        if (shard != null) {
            pending.send(shard.unload());
        }
        // Every request gets exactly one answer, whatever the shard still held.
        pending.answerAll(ErrorCode.NOT_COORDINATOR);
        cancelTick();
        log.info("Group coordinator for {} unloaded at leader epoch {}", tp, leaderEpoch);
    }

    private void scheduleTick() {
        long next = state == State.ACTIVE ? shard.nextDeadlineMs() : Long.MAX_VALUE;
        next = Math.min(next, pending.nextDeadlineMs());
        if (next == tickAtMs) {
            return;
        }
        cancelTick();
        if (next == Long.MAX_VALUE) {
            return;
        }
        tickAtMs = next;
        try {
            tick = thread.schedule(() -> run(this::onTick), Math.max(0, next - time.milliseconds()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Stopping.
        }
    }

    private void cancelTick() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
        tickAtMs = Long.MAX_VALUE;
    }

    private void onTick() {
        tick = null;
        tickAtMs = Long.MAX_VALUE;
        if (state == State.UNLOADED) {
            return;
        }
        long nowMs = now();
        releaseCommitted(nowMs);
        if (state == State.ACTIVE) {
            process(shard.tick(nowMs));
        } else {
            scheduleTick();
        }
    }

    /** Test hook: requests admitted and not answered yet. */
    int admittedRequests() {
        return admitted.get();
    }

    @Override
    public String toString() {
        return "ShardHost[" + tp + ", epoch " + leaderEpoch + "]";
    }
}
