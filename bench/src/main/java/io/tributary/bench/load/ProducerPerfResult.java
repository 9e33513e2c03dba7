package io.tributary.bench.load;

/**
 * The summary line of Kafka's {@code ProducerPerformance}: how many records were acknowledged, the rate,
 * and the send-to-acknowledgement latency distribution. Latencies are whole milliseconds in that tool
 * (percentiles) or two-decimal milliseconds (avg, max).
 *
 * @param steadyState true when this is the line that leaves out the warm-up records
 */
public record ProducerPerfResult(long records, boolean steadyState, double recordsPerSec, double mbPerSec,
                                 double avgLatencyMs, double maxLatencyMs,
                                 long p50Ms, long p95Ms, long p99Ms, long p999Ms) {

    public ProducerPerfResult {
        if (records <= 0 || recordsPerSec <= 0 || mbPerSec <= 0) {
            throw new IllegalArgumentException("a producer result needs records and a positive rate: "
                    + records + " records, " + recordsPerSec + " records/s, " + mbPerSec + " MB/s");
        }
        if (!(p50Ms <= p95Ms && p95Ms <= p99Ms && p99Ms <= p999Ms)) {
            throw new IllegalArgumentException("percentiles out of order: " + p50Ms + ", " + p95Ms + ", " + p99Ms + ", " + p999Ms);
        }
    }
}
