package io.tributary.bench.replication;

import java.time.Duration;

/**
 * How much load the replication scenario sends, and how long the follower stays down.
 *
 * @param rejoinRecordsPerSec the producer's rate while a follower is down and coming back: steady, well
 *                            below either system's limit, so the figure is about the follower, not queueing
 * @param rejoinLoad          how long that producer runs in all; it starts before the kill and outlasts the
 *                            downtime, so the follower has records to catch up on when it returns
 */
public record ReplicationPlan(long throughputRecords, long throughputWarmup, long latencyRecords, long latencyWarmup,
                              int latencyRecordsPerSec, int recordSizeBytes, int rejoinRecordsPerSec, Duration rejoinLoad,
                              Duration downtime) {

    public static final int PARTITIONS = 3;
    public static final short REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;

    public ReplicationPlan {
        if (throughputWarmup >= throughputRecords || latencyWarmup >= latencyRecords) {
            throw new IllegalArgumentException("warm-up must be fewer than the records");
        }
        if (latencyRecordsPerSec <= 0 || recordSizeBytes <= 0 || rejoinRecordsPerSec <= 0) {
            throw new IllegalArgumentException("rates and record size must be positive");
        }
        if (downtime.isNegative() || rejoinLoad.compareTo(downtime) <= 0) {
            throw new IllegalArgumentException("the rejoin load (" + rejoinLoad + ") must outlast the downtime (" + downtime + ")");
        }
    }

    /**
     * 1 GiB produced for throughput (half the foundation's: every byte is written by three brokers on the
     * same two cores, so this already moves 3 GiB to disk per system and round), 30 s at 5,000 records/s
     * for latency, and a follower down for 30 s while 2,000 records/s keep coming for 80 s in all.
     */
    public static ReplicationPlan full() {
        return new ReplicationPlan(1_000_000, 100_000, 150_000, 25_000, 5_000, 1024, 2_000, Duration.ofSeconds(80),
                Duration.ofSeconds(30));
    }

    /** A tenth of the throughput data and a 10 s latency run; the follower still stays down for 30 s. */
    public static ReplicationPlan quick() {
        return new ReplicationPlan(100_000, 10_000, 50_000, 10_000, 5_000, 1024, 2_000, Duration.ofSeconds(60),
                Duration.ofSeconds(30));
    }

    public long throughputBytes() {
        return throughputRecords * recordSizeBytes;
    }

    public long rejoinRecords() {
        return rejoinRecordsPerSec * rejoinLoad.toSeconds();
    }
}
