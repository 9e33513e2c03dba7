package io.tributary.bench.foundation;

import io.tributary.bench.report.Direction;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import java.util.List;

/** The rows of the foundation table, in the order they print. */
final class FoundationMetrics {

    static final Metric PRODUCE_1P_RECORDS = new Metric("produce 1 KiB acks=all, 1 partition", "records/s", Direction.HIGHER_IS_BETTER, 0);
    static final Metric PRODUCE_1P_MB = new Metric("produce 1 KiB acks=all, 1 partition", "MB/s", Direction.HIGHER_IS_BETTER, 1);
    static final Metric LATENCY_P50 = new Metric("latency p50 at 5,000 records/s, acks=all", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric LATENCY_P99 = new Metric("latency p99 at 5,000 records/s, acks=all", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric CONSUME_1P_MB = new Metric("consume (assign), 1 partition", "MB/s", Direction.HIGHER_IS_BETTER, 1);
    static final Metric CPU_PRODUCE = new Metric("broker CPU per GiB produced", "CPU s", Direction.LOWER_IS_BETTER, 2);
    static final Metric CPU_CONSUME = new Metric("broker CPU per GiB consumed", "CPU s", Direction.LOWER_IS_BETTER, 2);
    static final Metric RSS_AFTER_PRODUCE = new Metric("broker VmRSS after produce", "MiB", Direction.LOWER_IS_BETTER, 0);
    static final Metric HWM_AFTER_PRODUCE = new Metric("broker VmHWM after produce", "MiB", Direction.LOWER_IS_BETTER, 0);
    static final Metric RSS_AFTER_CONSUME = new Metric("broker VmRSS after consume", "MiB", Direction.LOWER_IS_BETTER, 0);
    static final Metric HWM_AFTER_CONSUME = new Metric("broker VmHWM after consume", "MiB", Direction.LOWER_IS_BETTER, 0);

    private FoundationMetrics() {
    }

    /** Produce throughput to the multi-partition topic of {@code partitions} partitions, in records/s. */
    static Metric produceManyRecords(int partitions) {
        return new Metric("produce 1 KiB acks=all, " + partitions + " partitions", "records/s", Direction.HIGHER_IS_BETTER, 0);
    }

    static Metric produceManyMb(int partitions) {
        return new Metric("produce 1 KiB acks=all, " + partitions + " partitions", "MB/s", Direction.HIGHER_IS_BETTER, 1);
    }

    static Metric consumeManyMb(int partitions) {
        return new Metric("consume (assign), " + partitions + " partitions", "MB/s", Direction.HIGHER_IS_BETTER, 1);
    }

    static List<Metric> all(int partitions) {
        return List.of(PRODUCE_1P_RECORDS, PRODUCE_1P_MB, produceManyRecords(partitions), produceManyMb(partitions),
                LATENCY_P50, LATENCY_P99, CONSUME_1P_MB, consumeManyMb(partitions), CPU_PRODUCE, CPU_CONSUME,
                RSS_AFTER_PRODUCE, HWM_AFTER_PRODUCE, RSS_AFTER_CONSUME, HWM_AFTER_CONSUME);
    }

    static Measurements declared(int partitions) {
        Measurements measurements = new Measurements();
        all(partitions).forEach(measurements::declare);
        return measurements;
    }
}
