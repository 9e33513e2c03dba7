package io.tributary.bench.node;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What every single-node {@link BrokerNode} shares, whichever system it runs: one child JVM, its
 * layout and JVM options, and the same start wait and stop grace, so neither system is started or
 * stopped any differently. A subclass only says how to launch its process ({@link #launch}).
 */
abstract class ProcessBrokerNode implements BrokerNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    protected final NodeLayout layout;
    private final List<String> jvmOptions;
    private ChildProcess process;

    ProcessBrokerNode(NodeLayout layout, List<String> jvmOptions) {
        this.layout = layout;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Prepares the node's directory and starts its JVM with {@code jvmOptions}; returns the process. */
    protected abstract ChildProcess launch(List<String> jvmOptions) throws IOException, InterruptedException;

    @Override
    public final void start() throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException(kind().displayName() + " node in " + layout.directory() + " was already started");
        }
        process = launch(jvmOptions);
        TcpWait.untilAccepting(NodeLayout.HOST, layout.clientPort(), process, START_TIMEOUT);
    }

    @Override
    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    @Override
    public long pid() {
        if (process == null) {
            throw new IllegalStateException(kind().displayName() + " node not started");
        }
        return process.pid();
    }

    @Override
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    @Override
    public String logTail(int lines) {
        return process == null ? "(not started)" : process.tail(lines);
    }

    @Override
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }
}
