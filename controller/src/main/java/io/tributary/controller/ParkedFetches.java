package io.tributary.controller;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Brokers' metadata long-polls waiting for a commit at or after their offset, each until its
 * deadline. Bounded by {@code max}: a fetch beyond it is refused (the broker backs off and asks
 * again) rather than parked. Linear scans: the bound is small (about one parked fetch per broker).
 * Driver thread only.
 */
final class ParkedFetches {

    /** One waiting fetch. {@code deadlineNs} is on the monotonic clock. */
    record Parked(long fromOffset, long deadlineNs, CompletableFuture<MetadataFetchResult> future) {
    }

    private final int max;
    private final List<Parked> parked = new ArrayList<>();

    ParkedFetches(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one fetch must be allowed to wait, got " + max);
        }
        this.max = max;
    }

    /** Parks a fetch; false when {@code max} already wait. */
    boolean park(Parked p) {
        if (parked.size() >= max) {
            return false;
        }
        parked.add(p);
        return true;
    }

    /** Removes and returns the fetches a commit at {@code offset} answers (those asking for it or earlier). */
    List<Parked> answeredBy(long offset) {
        return removeIf(p -> p.fromOffset() <= offset);
    }

    /** Removes and returns the fetches whose deadline passed at {@code nowNs}. */
    List<Parked> expired(long nowNs) {
        return removeIf(p -> nowNs - p.deadlineNs() >= 0);
    }

    /** Removes and returns every parked fetch. */
    List<Parked> drain() {
        List<Parked> all = new ArrayList<>(parked);
        parked.clear();
        return all;
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when none waits. */
    long nextDeadlineNs() {
        long next = Long.MAX_VALUE;
        for (Parked p : parked) {
            next = Math.min(next, p.deadlineNs());
        }
        return next;
    }

    int size() {
        return parked.size();
    }

    int max() {
        return max;
    }

    private List<Parked> removeIf(java.util.function.Predicate<Parked> test) {
        List<Parked> out = new ArrayList<>();
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (test.test(p)) {
                it.remove();
                out.add(p);
            }
        }
        return out;
    }
}
