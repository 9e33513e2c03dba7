package io.tributary.sim;

import java.util.random.RandomGenerator;

/**
 * Swarm testing: each schedule draws which faults are enabled and how often, so that some runs
 * are dominated by one kind of fault (only crashes, only partitions) and others see a little of
 * everything. Rates are per simulated second; probabilities are per message.
 *
 * <p>{@code reassignmentsPerSecond} (an operator's AlterPartitionReassignments, see {@link SimReassigner})
 * is drawn from a stream of its own, so that adding it left every other draw of a seed as it was.
 */
record FaultProfile(double dropProbability, double duplicateProbability, double slowProbability, long maxDelayMs,
                    double crashesPerSecond, double pausesPerSecond, double partitionsPerSecond,
                    double controllerCrashesPerSecond, double shutdownsPerSecond, double electionsPerSecond,
                    double minIsrChangesPerSecond,
                    boolean powerLoss, long flushIntervalMs, double reassignmentsPerSecond) {

    /**
     * @param random           the schedule's draws
     * @param reassignmentDraws a stream apart from {@code random}, for the reassignment rate
     */
    static FaultProfile draw(RandomGenerator random, RandomGenerator reassignmentDraws) {
        boolean drops = random.nextInt(3) == 0;
        boolean dups = random.nextInt(3) == 0;
        boolean slow = random.nextInt(3) == 0;
        boolean crashes = random.nextInt(2) == 0;
        boolean pauses = random.nextInt(3) == 0;
        boolean partitions = random.nextInt(2) == 0;
        boolean controllerCrashes = random.nextInt(4) == 0;
        boolean shutdowns = random.nextInt(3) == 0;
        boolean elections = random.nextInt(3) == 0;
        boolean minIsrChanges = random.nextInt(4) == 0;
        return new FaultProfile(
                drops ? 0.002 + random.nextDouble() * 0.1 : 0,
                dups ? random.nextDouble() * 0.05 : 0,
                slow ? random.nextDouble() * 0.1 : 0,
                1 + random.nextInt(10),
                crashes ? 0.1 + random.nextDouble() * 1.5 : 0,
                pauses ? 0.1 + random.nextDouble() * 1.0 : 0,
                partitions ? 0.1 + random.nextDouble() * 1.5 : 0,
                controllerCrashes ? 0.1 + random.nextDouble() * 0.5 : 0,
                shutdowns ? 0.1 + random.nextDouble() * 0.8 : 0,
                elections ? 0.1 + random.nextDouble() * 1.0 : 0,
                minIsrChanges ? 0.1 + random.nextDouble() * 1.0 : 0,
                random.nextInt(3) != 0,
                random.nextInt(2) == 0 ? 5 + random.nextInt(50) : 100 + random.nextInt(2000),
                // Two seeds in three move replicas, some rarely (a move runs to its end), some often
                // (moves overlap, replace each other and meet the other faults).
                reassignmentDraws.nextInt(3) != 0 ? 0.1 + reassignmentDraws.nextDouble() * 1.2 : 0);
    }

    /** No faults at all (for smoke tests). */
    static FaultProfile none() {
        return new FaultProfile(0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, false, 50, 0);
    }
}
