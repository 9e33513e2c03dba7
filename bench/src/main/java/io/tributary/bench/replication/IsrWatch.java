package io.tributary.bench.replication;

import org.apache.kafka.clients.admin.Admin;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Polls the admin client's describeTopics until an {@link IsrSnapshot} condition holds. Both systems
 * answer from their brokers' metadata, which is where a client learns about ISR changes too. The poll
 * interval ({@value #POLL_MS} ms) plus one round trip bounds the resolution of every ISR figure.
 */
public final class IsrWatch {

    public static final long POLL_MS = 20;
    private static final long ATTEMPT_MS = 2_000;

    private IsrWatch() {
    }

    public static IsrSnapshot snapshot(Admin admin, Collection<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        return IsrSnapshot.of(admin.describeTopics(topics).allTopicNames().get(ATTEMPT_MS, TimeUnit.MILLISECONDS));
    }

    /**
     * Returns {@link System#nanoTime()} when an answer satisfying {@code condition} arrived; throws past
     * {@code deadlineNs} with the last answer seen. A failed or slow answer (a broker that just died) is
     * retried, not fatal.
     */
    public static long await(Admin admin, List<String> topics, Predicate<IsrSnapshot> condition, String what, long deadlineNs)
            throws TimeoutException, InterruptedException {
        IsrSnapshot last = null;
        Exception lastError = null;
        while (System.nanoTime() - deadlineNs < 0) {
            try {
                IsrSnapshot seen = snapshot(admin, topics);
                long seenNs = System.nanoTime();
                last = seen;
                if (condition.test(seen)) {
                    return seenNs;
                }
            } catch (ExecutionException | TimeoutException e) {
                lastError = e;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
        }
        TimeoutException timeout = new TimeoutException(what + " was not seen before the deadline; last answer: "
                + (last == null ? "none" : last));
        if (lastError != null) {
            timeout.initCause(lastError);
        }
        throw timeout;
    }
}
