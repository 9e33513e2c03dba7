package io.tributary.sim;

import java.util.SplittableRandom;

/**
 * One schedule's parameters. Everything not given explicitly is drawn from the seed, so a seed
 * (plus the few explicit knobs the properties range over) replays the whole schedule.
 *
 * @param replicationFactor 1..3, at most {@code brokers}
 * @param minInsyncReplicas 1..replicationFactor
 * @param mutation          a planted bug, or null
 */
record SimConfig(long seed, int brokers, int partitions, int replicationFactor, int minInsyncReplicas, AcksMix acksMix,
                 int producers, int consumers, FaultProfile faults, Mutation mutation,
                 long faultPeriodMs, long settleMs,
                 long heartbeatIntervalMs, long sessionTimeoutMs, long replicaLagTimeMaxMs, long replicaFetchStallMaxMs,
                 long fetchBackoffMs,
                 long fetchTimeoutMs, long alterPartitionRetryMs, long hwCheckpointIntervalMs, long produceTimeoutMs,
                 long producerIntervalMs, long consumerIntervalMs, long networkDelayMaxMs) {

    /** The replay command printed with a failure. */
    String replayCommand() {
        return "mvn -B -ntp -o -pl sim -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=SimulationReplayTest"
                + " -Dsim.seed=" + seed + " -Dsim.rf=" + replicationFactor + " -Dsim.minIsr=" + minInsyncReplicas
                + " -Dsim.acks=" + acksMix + " -Dsim.faultPeriodMs=" + faultPeriodMs
                + (mutation != null ? " -Dsim.mutation=" + mutation : "");
    }

    /** A schedule with every parameter drawn from the seed. */
    static SimConfig fromSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int rf = 1 + r.nextInt(3);
        int minIsr = 1 + r.nextInt(rf);
        AcksMix acks = AcksMix.values()[r.nextInt(AcksMix.values().length)];
        return of(seed, rf, minIsr, acks, null);
    }

    static SimConfig of(long seed, int replicationFactor, int minInsyncReplicas, AcksMix acksMix, Mutation mutation) {
        if (replicationFactor < 1 || minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + ", min.insync.replicas " + minInsyncReplicas);
        }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 17);
        int brokers = Math.max(replicationFactor, 3 + r.nextInt(3));
        // replica.fetch.stall.max.ms, drawn from a stream of its own so the other draws stay as they were.
        // Above the fetch timeout plus backoff (a healthy follower fetches well within it), below the
        // session timeout (so the stall rule, not the fence, takes a paused follower out of the ISR).
        long stallMaxMs = 250 + new SplittableRandom(seed ^ 0x57A11L).nextInt(250);
        return new SimConfig(seed, brokers, 1 + r.nextInt(2), replicationFactor, minInsyncReplicas, acksMix,
                1 + r.nextInt(3), 1, FaultProfile.draw(r, new SplittableRandom(seed ^ 0x4EA551L)), mutation,
                // Mostly short fault periods; one in five long, where deeper histories (a paused leader
                // waking up epochs later) happen.
                r.nextInt(5) == 0 ? 15_000 + r.nextInt(30_000) : 3_000 + r.nextInt(5_000), 8_000,
                100, 600, 300 + r.nextInt(500), stallMaxMs, 5 + r.nextInt(50),
                200, 300, 50 + r.nextInt(500), 1_000,
                10 + r.nextInt(80), 20 + r.nextInt(100), 1 + r.nextInt(5));
    }

    SimConfig withFaults(FaultProfile profile) {
        return new SimConfig(seed, brokers, partitions, replicationFactor, minInsyncReplicas, acksMix, producers, consumers,
                profile, mutation, faultPeriodMs, settleMs, heartbeatIntervalMs, sessionTimeoutMs, replicaLagTimeMaxMs, replicaFetchStallMaxMs,
                fetchBackoffMs, fetchTimeoutMs, alterPartitionRetryMs, hwCheckpointIntervalMs, produceTimeoutMs,
                producerIntervalMs, consumerIntervalMs, networkDelayMaxMs);
    }

    /** The same schedule with a longer (or shorter) fault period: the long hunts use minutes. */
    SimConfig withFaultPeriodMs(long ms) {
        return new SimConfig(seed, brokers, partitions, replicationFactor, minInsyncReplicas, acksMix, producers, consumers,
                faults, mutation, ms, settleMs, heartbeatIntervalMs, sessionTimeoutMs, replicaLagTimeMaxMs, replicaFetchStallMaxMs,
                fetchBackoffMs, fetchTimeoutMs, alterPartitionRetryMs, hwCheckpointIntervalMs, produceTimeoutMs,
                producerIntervalMs, consumerIntervalMs, networkDelayMaxMs);
    }

    SimConfig withMutation(Mutation m) {
        return new SimConfig(seed, brokers, partitions, replicationFactor, minInsyncReplicas, acksMix, producers, consumers,
                faults, m, faultPeriodMs, settleMs, heartbeatIntervalMs, sessionTimeoutMs, replicaLagTimeMaxMs, replicaFetchStallMaxMs,
                fetchBackoffMs, fetchTimeoutMs, alterPartitionRetryMs, hwCheckpointIntervalMs, produceTimeoutMs,
                producerIntervalMs, consumerIntervalMs, networkDelayMaxMs);
    }
}
