package io.tributary.bench.cluster;

import io.tributary.bench.report.Direction;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import java.util.List;

/** The rows of the cluster table, in the order they print. Every row is a time in milliseconds; lower is better. */
final class ClusterMetrics {

    static final Metric TAKEOVER_QUORUM = ms("SIGKILL of the active controller → the quorum names a new active controller", 0);
    static final Metric TAKEOVER_BROKERS = ms("SIGKILL of the active controller → every surviving broker's DescribeCluster names it", 0);
    static final Metric TAKEOVER_CREATE = ms("SIGKILL of the active controller → first CreateTopics acknowledged through a survivor", 0);
    static final Metric PROPAGATION_SEND = ms("CreateTopics sent → every broker's Metadata shows the topic with leaders", 1);
    static final Metric PROPAGATION_ACK = ms("CreateTopics acknowledged → every broker's Metadata shows it (≤ 0: before the ack)", 1);
    static final Metric PROPAGATION_SPREAD = ms("first broker → last broker to show the new topic", 1);
    static final Metric STARTUP_EMPTY = ms("3-node start on empty directories → 3 brokers unfenced and a CreateTopics accepted", 0);
    static final Metric STARTUP_RESTART = ms("3-node restart on existing directories → 3 brokers unfenced and a CreateTopics accepted", 0);
    static final Metric FORMAT = ms("storage format of 3 nodes before the first start (in parallel; Tributary needs none)", 0);
    static final Metric REJOIN = ms("killed node launched again → listed as a broker again", 0);
    static final Metric STOP_ALL = ms("SIGTERM to all 3 nodes at once → every process exited", 0);

    static final List<Metric> ALL = List.of(TAKEOVER_QUORUM, TAKEOVER_BROKERS, TAKEOVER_CREATE, PROPAGATION_SEND,
            PROPAGATION_ACK, PROPAGATION_SPREAD, STARTUP_EMPTY, STARTUP_RESTART, FORMAT, REJOIN, STOP_ALL);

    private ClusterMetrics() {
    }

    private static Metric ms(String label, int decimals) {
        return new Metric(label, "ms", Direction.LOWER_IS_BETTER, decimals);
    }

    static Measurements declared() {
        Measurements measurements = new Measurements();
        ALL.forEach(measurements::declare);
        return measurements;
    }
}
