package io.tributary.bench.groups;

import io.tributary.bench.report.Direction;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

/** The rows of the groups table, in the order they print. */
final class GroupsMetrics {

    static final Metric FAILOVER_FIRST = Metric.millis("SIGKILL of the coordinator's broker → first commit acknowledged (any member)");
    static final Metric FAILOVER_ALL = Metric.millis("SIGKILL of the coordinator's broker → every member's commit acknowledged");
    static final Metric SKIPPED = Metric.records("Records the group skipped");
    static final Metric BELOW_COMMIT = Metric.records("Records redelivered below an acknowledged commit (a lost commit)");
    static final Metric REDELIVERED = Metric.records("Records redelivered after the last acknowledged commit");
    static final Metric JOIN_ALL = Metric.millis("4th member subscribes → every member has its new assignment");
    static final Metric JOIN_NEWCOMER = Metric.millis("4th member subscribes → its own assignment");
    static final Metric CONSUME_MB = new Metric("Consume through a group, one consumer, after its rebalance (fetch.MB.sec)", "MB/s",
            Direction.HIGHER_IS_BETTER, 1);
    static final Metric CONSUME_RECORDS = new Metric("Consume through a group, one consumer, after its rebalance (fetch.nMsg.sec)",
            "records/s", Direction.HIGHER_IS_BETTER, 0);
    static final Metric CONSUME_WHOLE_MB = new Metric("Consume through a group, one consumer, rebalance included (MB.sec)", "MB/s",
            Direction.HIGHER_IS_BETTER, 1);
    static final Metric CONSUME_JOIN =
            Metric.millis("Consume through a group: subscribe → the lone consumer's assignment (rebalance.time.ms)");
    static final Metric LOAD = Metric.millis("Offsets partition: ElectLeaders → first OffsetFetch answered by the new coordinator");
    static final Metric ELECT = Metric.millis("Offsets partition: ElectLeaders → its answer");

    private GroupsMetrics() {
    }

    static Measurements declared() {
        Measurements measurements = new Measurements();
        for (Metric metric : new Metric[] {FAILOVER_FIRST, FAILOVER_ALL, SKIPPED, BELOW_COMMIT, REDELIVERED, JOIN_ALL, JOIN_NEWCOMER,
                CONSUME_MB, CONSUME_RECORDS, CONSUME_WHOLE_MB, CONSUME_JOIN, LOAD, ELECT}) {
            measurements.declare(metric);
        }
        return measurements;
    }
}
