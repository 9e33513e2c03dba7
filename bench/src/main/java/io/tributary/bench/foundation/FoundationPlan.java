package io.tributary.bench.foundation;

/**
 * How much load the foundation scenario sends. The throughput runs are long enough for a steady state
 * (the first {@code throughputWarmup} records are left out of the figures, which covers JIT warm-up of
 * the broker and the client); the latency run holds a fixed rate well below either system's limit, so
 * it measures latency rather than queueing.
 */
public record FoundationPlan(long throughputRecords, long throughputWarmup, long latencyRecords, long latencyWarmup,
                             int latencyRecordsPerSec, int recordSizeBytes) {

    public FoundationPlan {
        if (throughputWarmup >= throughputRecords || latencyWarmup >= latencyRecords) {
            throw new IllegalArgumentException("warm-up must be fewer than the records");
        }
        if (latencyRecordsPerSec <= 0 || recordSizeBytes <= 0) {
            throw new IllegalArgumentException("rate and record size must be positive");
        }
    }

    /**
     * 2 GiB per throughput topic (about 15 s of steady state per run at this machine's speed: with
     * 1 GiB the 6-partition runs were short enough that single hiccups swung the ratio by 10%); 30 s at
     * 5,000 records/s for latency.
     */
    public static FoundationPlan full() {
        return new FoundationPlan(2_000_000, 200_000, 150_000, 25_000, 5_000, 1024);
    }

    /** A tenth of the data and a 10 s latency run: for trying the bench, not for the docs. */
    public static FoundationPlan quick() {
        return new FoundationPlan(200_000, 20_000, 50_000, 10_000, 5_000, 1024);
    }

    public long throughputBytes() {
        return throughputRecords * recordSizeBytes;
    }
}
