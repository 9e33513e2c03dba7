package io.tributary.broker.net.client;

/**
 * How long {@link ControllerDiscovery} waits before asking the voters again, as a pure function of the
 * consecutive failures so far and of what the last round heard.
 *
 * <p>Two situations call for different patience. When no voter answers at all (every voter down, or
 * unreachable from here), asking again soon only adds load: the {@code unreachable} schedule
 * ({@link Backoff#CONTROLLER_DISCOVERY}, 50 ms doubling to 1 s). When a voter answers but names no controller
 * that has taken over, an election is under way, and elections end within an election timeout or two
 * (300-600 ms each): the {@code electing} schedule ({@link Backoff#CONTROLLER_ELECTION}, 20 ms doubling to
 * 100 ms) then finds the new controller at most about 100 ms after it takes over, where doubling to 1 s
 * would often leave a gap of most of a second after the election. A quorum that has lost its majority
 * also answers "no controller", for ever, so the electing schedule covers only the first
 * {@code electingRetriesMax} consecutive failures (about three seconds at 100 ms); after that the
 * unreachable schedule applies.
 *
 * @param unreachable        the delays after a round in which no voter answered
 * @param electing           the delays after a round in which some voter answered but none named a controller
 *                           that confirmed it is active
 * @param electingRetriesMax how many consecutive failures may use {@code electing}, at least 0
 */
public record DiscoveryBackoff(Backoff unreachable, Backoff electing, int electingRetriesMax) {

    /** The broker's: {@link Backoff#CONTROLLER_DISCOVERY}, {@link Backoff#CONTROLLER_ELECTION} for the first 30 retries. */
    public static final DiscoveryBackoff DEFAULT = new DiscoveryBackoff(Backoff.CONTROLLER_DISCOVERY, Backoff.CONTROLLER_ELECTION, 30);

    public DiscoveryBackoff {
        if (unreachable == null || electing == null) {
            throw new IllegalArgumentException("both schedules are required");
        }
        if (electingRetriesMax < 0) {
            throw new IllegalArgumentException("electingRetriesMax must not be negative, was " + electingRetriesMax);
        }
    }

    /** One schedule for every situation (tests). */
    public static DiscoveryBackoff always(Backoff backoff) {
        return new DiscoveryBackoff(backoff, backoff, 0);
    }

    /**
     * @param retry          which consecutive retry this is, from 1
     * @param quorumAnswered whether some voter answered in the last round (or the controller just lost was
     *                       found through one)
     * @param random         a uniform draw from [0, 1)
     */
    public long delayMs(int retry, boolean quorumAnswered, double random) {
        Backoff schedule = quorumAnswered && retry <= electingRetriesMax ? electing : unreachable;
        return schedule.delayMs(retry, random);
    }

    /** The longest delay either schedule gives. */
    public long maxMs() {
        return Math.max(unreachable.maxMs(), electing.maxMs());
    }
}
