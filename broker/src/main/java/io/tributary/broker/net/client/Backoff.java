package io.tributary.broker.net.client;

/**
 * Capped exponential backoff with jitter, as a pure function: the randomness comes in as a parameter.
 *
 * <p>The delay before retry {@code n} (n &gt;= 1) is {@code initialMs * 2^(n-1)}, scaled by a factor
 * drawn uniformly from {@code [1 - jitter, 1 + jitter)} and then capped at {@code maxMs}, so no delay
 * ever exceeds {@code maxMs}. Jitter keeps brokers that lost the same controller at the same moment
 * from asking the voters in lockstep.
 *
 * @param initialMs the first delay, before jitter
 * @param maxMs     the cap, after jitter
 * @param jitter    the relative spread, in [0, 1)
 */
public record Backoff(long initialMs, long maxMs, double jitter) {

    /** Finding the active controller while no voter answers: 50 ms doubling to 1 s, +-20%. */
    public static final Backoff CONTROLLER_DISCOVERY = new Backoff(50, 1_000, 0.2);

    /**
     * Finding the active controller while the voters answer but name none that has taken over (an election):
     * 20 ms doubling to 100 ms, +-20% ({@link DiscoveryBackoff}).
     */
    public static final Backoff CONTROLLER_ELECTION = new Backoff(20, 100, 0.2);

    public Backoff {
        if (initialMs <= 0 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 0 < initialMs <= maxMs, got " + initialMs + " and " + maxMs);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
        }
    }

    /**
     * @param retry  which retry this is, from 1
     * @param random a uniform draw from [0, 1)
     */
    public long delayMs(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1), was " + random);
        }
        // Doubling past 2^30 overflows nothing here because the cap is reached long before.
        double base = initialMs * Math.pow(2, Math.min(retry - 1, 30));
        double jittered = Math.min(base, maxMs) * (1 - jitter + 2 * jitter * random);
        long delay = Math.min(maxMs, Math.round(jittered));
        assert delay >= 0 && delay <= maxMs : "backoff " + delay + " outside [0, " + maxMs + "]";
        return delay;
    }
}
