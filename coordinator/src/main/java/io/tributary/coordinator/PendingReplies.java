package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.Reply;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The requests a {@link GroupCoordinatorShard} holds and the replies on their way back, for whatever
 * hosts the shard: the broker's {@code ShardHost}, and the simulation's coordinator, which must run
 * the same release rules so that the simulation checks them.
 *
 * <p>A request is {@linkplain #admit admitted} under an id the shard answers it by. An output's
 * replies are {@linkplain #hold held} until its records are committed, and {@link #release} sends
 * them strictly in output order: a reply is never sent before one of an earlier output, because a
 * client that saw a later commit succeed may rely on the earlier one. Every admitted request gets
 * exactly one answer; {@link #answerAll} makes sure of it when the shard goes away.
 *
 * <p>Not thread-safe: confined to the host's one thread.
 */
public final class PendingReplies {

    /** A request handed to the shard and not answered yet, and how its answer reaches the client. */
    public interface Waiter {
        CoordinatorRequest request();

        void complete(CoordinatorResponse response);
    }

    /**
     * An output's replies waiting for the high watermark to reach {@code atHighWatermark}, or for
     * {@code deadlineMs} ({@code offsets.commit.timeout.ms}) to pass; {@code baseOffset} is the
     * offset of the batch the output wrote, or -1 if it wrote none.
     */
    public record Release(long atHighWatermark, long baseOffset, List<Reply> replies, long deadlineMs) {
        public boolean wrote() {
            return baseOffset >= 0;
        }
    }

    /** Decides a held output's fate from the partition's state now. */
    public interface Outcome {
        /** NONE to send its replies, an error to answer them with it, or null to keep waiting. */
        ErrorCode of(Release head);
    }

    /** Told of each output whose replies went out as successes, in order (the simulation's checker listens). */
    public interface Acked {
        void acked(Release released);
    }

    /** In admission order, so that answering all of them is deterministic (the simulation replays it by seed). */
    private final Map<Long, Waiter> waiting = new LinkedHashMap<>();
    private final ArrayDeque<Release> releases = new ArrayDeque<>();
    private long nextRequestId;

    /** Admits a request; returns the id to hand the shard with it. */
    public long admit(Waiter waiter) {
        long id = nextRequestId++;
        waiting.put(id, waiter);
        return id;
    }

    /** Removes an admitted request without answering it (its caller answers); null if already answered. */
    public Waiter forget(long requestId) {
        return waiting.remove(requestId);
    }

    /** Requests admitted and not answered yet. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Whether a waiting request matches (the simulation marks rare paths by what was in flight). */
    public boolean anyWaiting(Predicate<CoordinatorRequest> test) {
        return waiting.values().stream().anyMatch(w -> test.test(w.request()));
    }

    /** Holds an output's replies until its records are committed or {@code deadlineMs} passes. */
    public void hold(ShardOutput out, long baseOffset, long deadlineMs) {
        if (!out.replies().isEmpty()) {
            releases.add(new Release(out.releaseAtHighWatermark(), baseOffset, out.replies(), deadlineMs));
        }
    }

    /** The deadline of the oldest held output, or {@code Long.MAX_VALUE} if none is held. */
    public long nextDeadlineMs() {
        return releases.isEmpty() ? Long.MAX_VALUE : releases.peek().deadlineMs();
    }

    /**
     * Sends or fails, in order, the held outputs that {@code outcome} decides, stopping at the first
     * it leaves waiting. One past its deadline fails COORDINATOR_NOT_AVAILABLE, as Kafka answers a
     * write that timed out.
     */
    public void release(long nowMs, Outcome outcome, Acked acked) {
        while (!releases.isEmpty()) {
            Release head = releases.peek();
            ErrorCode decided = outcome.of(head);
            if (decided == null && head.deadlineMs() <= nowMs) {
                decided = ErrorCode.COORDINATOR_NOT_AVAILABLE;
            }
            if (decided == null) {
                return;
            }
            releases.poll();
            if (decided == ErrorCode.NONE) {
                acked.acked(head);
                send(head.replies());
            } else {
                answer(head.replies(), decided);
            }
        }
    }

    /** Sends each reply to its request, if that request is still waiting. */
    public void send(List<Reply> replies) {
        for (Reply r : replies) {
            Waiter w = waiting.remove(r.requestId());
            if (w != null) {
                w.complete(r.response());
            }
        }
    }

    /** Answers each reply's request with {@code error} instead, if that request is still waiting. */
    public void answer(List<Reply> replies, ErrorCode error) {
        for (Reply r : replies) {
            Waiter w = waiting.remove(r.requestId());
            if (w != null) {
                w.complete(w.request().errorResponse(error));
            }
        }
    }

    /** Answers every held output and every other waiting request with {@code error}: the shard goes away. */
    public void answerAll(ErrorCode error) {
        for (Release r : releases) {
            answer(r.replies(), error);
        }
        releases.clear();
        for (Waiter w : List.copyOf(waiting.values())) {
            w.complete(w.request().errorResponse(error));
        }
        waiting.clear();
    }

    @Override
    public String toString() {
        return "waiting " + waiting.size() + " releases " + releases.size();
    }
}
