package io.tributary.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Node;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One Tributary node running as a real OS process: {@code java -jar broker/target/tributary.jar
 * server DIR/node.properties}, with its data in {@code DIR/data} and its stdout and stderr in
 * {@code DIR/node.log}.
 *
 * <p>States and their legal transitions:
 * <pre>
 *   CREATED --launch()--> RUNNING --kill() | stop() | (crash)--> EXITED --restart() | relaunch()--> RUNNING
 *   RUNNING --pause()--> PAUSED --resume()--> RUNNING;  PAUSED --kill()--> EXITED
 *   any --close()--> CLOSED (kills the process if it still runs)
 * </pre>
 * {@code restart()} of a running node, {@code stop()} of a paused one (SIGTERM would wait for
 * SIGCONT) and any transition out of CLOSED throw {@link IllegalStateException}. A restart reuses the directory, the properties file and the ports,
 * so the node comes back as the same broker with the same data at the same address.
 *
 * <p>Readiness is a condition, never a sleep: the client port accepts a connection, and an Admin
 * {@code describeCluster} call answers with a cluster that lists this node. Every wait is bounded,
 * and a node that exits or does not become ready fails with the tail of its log.
 */
public final class TributaryNode implements AutoCloseable {
    public static final Duration READY_TIMEOUT_DEFAULT = Duration.ofSeconds(90);
    public static final Duration STOP_TIMEOUT_DEFAULT = Duration.ofSeconds(30);
    /** How long a SIGKILLed process may take to be reaped by the kernel. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);
    /** A first launch that loses its port to another process is retried on fresh ports this often. */
    private static final int BIND_ATTEMPTS_MAX = 3;
    private static final int FAILURE_TAIL_LINES = 80;

    private enum State { CREATED, RUNNING, PAUSED, EXITED, CLOSED }

    private final int nodeId;
    private final Path dir;
    private final Map<String, String> extraProperties;
    private final boolean portPinned;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final NodeLog log;
    private int port;
    private Process process;
    private int launches;
    private boolean everReady;
    private State state = State.CREATED;

    private TributaryNode(Builder builder) {
        this.nodeId = builder.nodeId;
        this.dir = builder.dir;
        this.extraProperties = Map.copyOf(builder.properties);
        this.portPinned = builder.port > 0;
        this.port = portPinned ? builder.port : FreePorts.next();
        this.readyTimeout = builder.readyTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.log = new NodeLog(dir.resolve("node.log"));
        try {
            Files.createDirectories(dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir(), e);
        }
        writeProperties();
    }

    /** A node whose files live in {@code dir} (created if missing). */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle.

    /** Launches the process and waits until it is ready. */
    public TributaryNode start() {
        launch();
        awaitReady();
        return this;
    }

    /**
     * Launches the process without waiting. A cluster launches all its nodes first and then waits
     * for each, because a node of a cluster may not be ready until its peers run.
     */
    public synchronized TributaryNode launch() {
        requireState(State.CREATED, "launch");
        spawn();
        return this;
    }

    /** Waits, up to the node's ready timeout, until it is ready; see the class comment. */
    public TributaryNode awaitReady() {
        return awaitReady(readyTimeout);
    }

    public TributaryNode awaitReady(Duration timeout) {
        for (int attempt = 1; ; attempt++) {
            try {
                waitUntilReady(timeout);
                synchronized (this) {
                    everReady = true;
                }
                return this;
            } catch (NodeFailure failure) {
                if (!lostPortOnFirstLaunch() || attempt >= BIND_ATTEMPTS_MAX) {
                    throw failure;
                }
                // Another process took the port between FreePorts releasing it and the node binding it.
                synchronized (this) {
                    port = FreePorts.next();
                    writeProperties();
                    spawn();
                }
            }
        }
    }

    /**
     * SIGKILL, as a crash would: no shutdown hook runs, nothing is flushed by the node itself. Works
     * on a paused node too (a crash of a hung process).
     */
    public synchronized void kill() {
        if (state != State.PAUSED) {
            requireState(State.RUNNING, "kill");
        }
        process.destroyForcibly();
        awaitExit(KILL_TIMEOUT, "SIGKILL");
    }

    /**
     * SIGTERM, and wait for the process to exit (a clean shutdown). A node that does not exit within
     * its stop timeout is SIGKILLed and the call fails: not stopping on SIGTERM is a defect.
     */
    public synchronized void stop() {
        requireState(State.RUNNING, "stop");
        process.destroy();
        try {
            awaitExit(stopTimeout, "SIGTERM");
        } catch (NodeFailure failure) {
            process.destroyForcibly();
            awaitExit(KILL_TIMEOUT, "SIGKILL after an ignored SIGTERM");
            throw failure;
        }
    }

    /**
     * SIGSTOP: the process freezes where it is, mid-write or mid-request, as in a long GC pause or
     * a hung machine; its sockets stay open and nothing it holds is released. Returns once the
     * kernel reports the process stopped.
     */
    public synchronized void pause() {
        requireState(State.RUNNING, "pause");
        signal("STOP");
        await("node " + nodeId + " is stopped by SIGSTOP").atMost(KILL_TIMEOUT).pollInterval(Duration.ofMillis(5))
                .until(() -> "T".equals(processState()) || "t".equals(processState()));
        state = State.PAUSED;
    }

    /** SIGCONT: a paused node carries on where it stopped. */
    public synchronized void resume() {
        requireState(State.PAUSED, "resume");
        signal("CONT");
        state = State.RUNNING;
    }

    /** Starts the node again on the same directory and ports, and waits until it is ready. */
    public TributaryNode restart() {
        relaunch();
        return awaitReady();
    }

    /**
     * Starts the node again on the same directory and ports without waiting: a cluster relaunches all
     * its nodes first and then waits for each, since none is ready before a majority of voters runs.
     */
    public synchronized TributaryNode relaunch() {
        refreshState();
        requireState(State.EXITED, "restart");
        spawn();
        return this;
    }

    /** Kills the process if it still runs. Never throws, so it is safe in cleanup paths. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.CLOSED;
    }

    // ---------------------------------------------------------------------------------------------
    // What tests look at.

    public int nodeId() {
        return nodeId;
    }

    /** The client address, {@code 127.0.0.1:port}. */
    public synchronized String bootstrap() {
        return "127.0.0.1:" + port;
    }

    public synchronized int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The node's {@code log.dirs}. */
    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path propertiesFile() {
        return dir.resolve("node.properties");
    }

    public NodeLog log() {
        return log;
    }

    /** Whether the process exists (a paused node is alive). */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The operating-system process id of the current (or last) launch. */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + nodeId + " was never launched");
        }
        return process.pid();
    }

    /** The exit code of the last launch, if it has exited (137 after SIGKILL, 143 after SIGTERM). */
    public synchronized OptionalInt exitCode() {
        return process == null || process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** How many times the process has been launched, the first start included. */
    public synchronized int launches() {
        return launches;
    }

    @Override
    public String toString() {
        return "node " + nodeId + " at " + bootstrap() + " (" + dir + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Internals.

    private void spawn() {
        List<String> command = new ArrayList<>(E2eSettings.nodeCommand());
        command.add(propertiesFile().toString());
        launches++;
        log.appendMarker(launches, command);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        ProcessReaper.track(process);
        state = State.RUNNING;
    }

    private void waitUntilReady(Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        try {
            await("node " + nodeId + " accepts connections on " + bootstrap())
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .failFast("node " + nodeId + " exited", () -> !isAlive())
                    .until(this::portAccepts);
            Duration left = Duration.ofNanos(Math.max(1, deadlineNs - System.nanoTime()));
            try (Admin admin = Clients.admin(bootstrap(), Duration.ofSeconds(5))) {
                await("node " + nodeId + " answers describeCluster")
                        .atMost(left)
                        .pollInterval(Duration.ofMillis(100))
                        .failFast("node " + nodeId + " exited", () -> !isAlive())
                        .ignoreExceptions()
                        .until(() -> listsItself(admin));
            }
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new NodeFailure(this + " did not become ready: " + e.getMessage() + describeExit()
                    + "\n---- last " + FAILURE_TAIL_LINES + " lines of " + log.file() + " ----\n"
                    + log.tail(FAILURE_TAIL_LINES), e);
        }
    }

    private void signal(String name) {
        CommandRunner.Result result = CommandRunner.run(List.of("kill", "-" + name, Long.toString(process.pid())),
                dir, new byte[0], Duration.ofSeconds(10));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("cannot send SIG" + name + " to " + this + ": " + result.describe());
        }
    }

    /** The state letter of {@code /proc/PID/stat} (R, S, D, T, Z, ...), or "gone". */
    private String processState() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
            // pid (comm) state ...: comm may hold spaces and parentheses, so read after the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "gone";
        }
    }

    private boolean listsItself(Admin admin) throws Exception {
        List<Integer> ids = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).stream().map(Node::id).toList();
        return ids.contains(nodeId);
    }

    private boolean portAccepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized boolean lostPortOnFirstLaunch() {
        if (portPinned || everReady || launches == 0 || isAlive()) {
            return false;
        }
        return log.linesSinceLastLaunch().stream().anyMatch(
                line -> line.contains("already in use") || line.contains("BindException"));
    }

    private void awaitExit(Duration timeout, String how) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new NodeFailure(this + " still runs " + timeout.toSeconds() + "s after " + how
                        + "\n---- last " + FAILURE_TAIL_LINES + " lines of " + log.file() + " ----\n"
                        + log.tail(FAILURE_TAIL_LINES));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + this + " to exit", e);
        }
        state = State.EXITED;
    }

    private void refreshState() {
        if ((state == State.RUNNING || state == State.PAUSED) && !process.isAlive()) {
            state = State.EXITED; // it crashed, or was killed from outside the harness
        }
    }

    private String describeExit() {
        OptionalInt code = exitCode();
        return code.isPresent() ? " (the process exited with code " + code.getAsInt() + ")" : "";
    }

    private void requireState(State required, String action) {
        if (state != required) {
            throw new IllegalStateException("cannot " + action + " " + this + ": it is " + state
                    + ", and " + action + " needs " + required);
        }
    }

    private void writeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("node.id", Integer.toString(nodeId));
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("log.dirs", dataDir().toString());
        // Groups start at once, as Kafka's own test configs do; a test may set the 3 s server default back.
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.putAll(extraProperties);
        StringBuilder text = new StringBuilder("# Written by the Tributary end-to-end harness.\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            Files.writeString(propertiesFile(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile(), e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    /** How to make a node. Every key set with {@link #property} overrides the generated one. */
    public static final class Builder {
        private final Path dir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private int nodeId = 1;
        private int port;
        private Duration readyTimeout = READY_TIMEOUT_DEFAULT;
        private Duration stopTimeout = STOP_TIMEOUT_DEFAULT;

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        public Builder nodeId(int nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** Pins the client port (a cluster reserves its ports up front); by default a free one is picked. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A properties-file key; it overrides the generated {@code node.id}, listeners and log dirs. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** Writes the node's files; does not launch it. */
        public TributaryNode build() {
            return new TributaryNode(this);
        }

        public TributaryNode start() {
            return build().start();
        }
    }
}
