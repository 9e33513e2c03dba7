package io.tributary.bench.replication;

import io.tributary.bench.report.Direction;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import java.util.List;

/** The rows of the replication table, in the order they print. */
final class ReplicationMetrics {

    private static final String TOPIC = "3 partitions, RF 3, min.insync.replicas=2";

    static final Metric PRODUCE_RECORDS = new Metric("produce 1 KiB acks=all, " + TOPIC, "records/s", Direction.HIGHER_IS_BETTER, 0);
    static final Metric PRODUCE_MB = new Metric("produce 1 KiB acks=all, " + TOPIC, "MB/s", Direction.HIGHER_IS_BETTER, 1);
    static final Metric LATENCY_P50 = new Metric("latency p50 at 5,000 records/s, acks=all, RF 3", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric LATENCY_P99 = new Metric("latency p99 at 5,000 records/s, acks=all, RF 3", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric LATENCY_P999 = new Metric("latency p99.9 at 5,000 records/s, acks=all, RF 3", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric CPU_PRODUCE = new Metric("broker CPU per GiB produced (sum over the 3 brokers)", "CPU s", Direction.LOWER_IS_BETTER, 2);
    static final Metric RSS_AFTER_PRODUCE = new Metric("broker VmRSS after produce (each broker)", "MiB", Direction.LOWER_IS_BETTER, 0);
    static final Metric HWM_AFTER_PRODUCE = new Metric("broker VmHWM after produce (each broker)", "MiB", Direction.LOWER_IS_BETTER, 0);
    static final Metric ISR_SHRINK = new Metric("SIGKILL of a follower → it is out of every ISR", "ms", Direction.LOWER_IS_BETTER, 0);
    static final Metric REJOIN = new Metric("follower restarted after 30 s down → back in every ISR", "ms", Direction.LOWER_IS_BETTER, 0);

    static final List<Metric> ALL = List.of(PRODUCE_RECORDS, PRODUCE_MB, LATENCY_P50, LATENCY_P99, LATENCY_P999, CPU_PRODUCE,
            RSS_AFTER_PRODUCE, HWM_AFTER_PRODUCE, ISR_SHRINK, REJOIN);

    private ReplicationMetrics() {
    }

    static Measurements declared() {
        Measurements measurements = new Measurements();
        ALL.forEach(measurements::declare);
        return measurements;
    }
}
