package io.tributary.bench.node;

import io.tributary.bench.SystemKind;

import java.io.IOException;
import java.util.List;

/**
 * One single-node cluster of either system, run as its own JVM process. A scenario sees only this
 * interface, so the same code drives Tributary and Kafka and neither gets a different load.
 *
 * <p>Lifecycle: created → {@link #start()} (returns once the node accepts TCP connections) →
 * {@link #close()} (SIGTERM, then SIGKILL after a grace period). A node is started at most once.
 */
public interface BrokerNode extends AutoCloseable {

    SystemKind kind();

    /** Starts the node and returns once its client port accepts connections; throws with the log tail if it dies. */
    void start() throws IOException, InterruptedException;

    String bootstrapServers();

    /** The broker JVM's pid, for /proc probes. Only valid after {@link #start()}. */
    long pid();

    /** The JVM options the node was started with (heap and GC), for the report. */
    List<String> jvmOptions();

    /** The last lines of the node's own log, for error messages. */
    String logTail(int lines);

    boolean isAlive();

    @Override
    void close();
}
