package io.tributary.bench.load;

/**
 * The summary line of Kafka's {@code ConsumerPerformance} ({@code kafka-consumer-perf-test.sh}). The tool
 * times its whole run from just after the consumer is built to the poll that returned the last record;
 * {@code rebalanceMs} is the part of it spent waiting for the group to assign partitions, and the fetch
 * rates are over the rest ({@code fetchMs}). MB are 2^20 bytes of keys and values, as the tool counts them.
 *
 * @param timedOut true when the tool gave up waiting for records (its "WARNING: Exiting before consuming"
 *                 line): it then reports what it read, fewer than asked for, and still exits 0
 */
public record ConsumerPerfResult(double mb, double mbPerSec, long records, double recordsPerSec, long rebalanceMs,
                                 long fetchMs, double fetchMbPerSec, double fetchRecordsPerSec, boolean timedOut) {

    public ConsumerPerfResult {
        if (records < 0 || rebalanceMs < 0) {
            throw new IllegalArgumentException("negative records or rebalance time: " + records + " records, " + rebalanceMs + " ms");
        }
        for (double rate : new double[] {mb, mbPerSec, recordsPerSec, fetchMbPerSec, fetchRecordsPerSec}) {
            // A fetch time of 0 ms would make the tool print Infinity or NaN; such a figure is refused, not averaged.
            if (!Double.isFinite(rate) || rate < 0) {
                throw new IllegalArgumentException("a consumer result needs finite, non-negative figures: " + rate);
            }
        }
    }
}
