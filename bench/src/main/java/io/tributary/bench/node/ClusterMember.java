package io.tributary.bench.node;

import io.tributary.bench.SystemKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One process of a multi-node cluster of either system, each node broker and controller (KRaft's
 * combined mode), launched exactly as {@link TributaryNode} and {@link KafkaNode} launch a single
 * node (same JVM flags, same log setup) but with the cluster's voters in its properties, and able to
 * be killed and launched again on the same directory.
 *
 * <p>Lifecycle: created → {@link #format} (Kafka only; a no-op for Tributary, which needs none) →
 * {@link #launch} → {@link #kill} or {@link #terminate} + {@link #awaitExit} → {@link #launch} again,
 * on the same directory and ports. Each launch writes its output to {@code stdout-N.log}.
 */
public final class ClusterMember {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param nodeId         the node's id, also its voter id
     * @param directory      properties, logs, and {@code data/} (its {@code log.dirs})
     * @param clientPort     the PLAINTEXT listener
     * @param controllerPort the CONTROLLER listener, as named in the voters
     */
    public record Layout(int nodeId, Path directory, int clientPort, int controllerPort) {

        /** The nodes of one cluster, at most this many: each system has a block of ten ports per cluster. */
        public static final int CLUSTER_SIZE_MAX = 5;

        /**
         * Node {@code nodeId} (1-based) of a {@code system} cluster in {@code clusterDirectory}: Tributary's
         * node N uses portBase+20+N-1 (client) and portBase+25+N-1 (controller), Kafka's portBase+30+N-1 and
         * portBase+35+N-1, clear of the single nodes' portBase..portBase+11.
         */
        public static Layout of(int portBase, SystemKind system, Path clusterDirectory, int nodeId) {
            if (nodeId < 1 || nodeId > CLUSTER_SIZE_MAX) {
                throw new IllegalArgumentException("cluster node id out of range 1.." + CLUSTER_SIZE_MAX + ": " + nodeId);
            }
            int base = portBase + (system == SystemKind.TRIBUTARY ? 20 : 30);
            return new Layout(nodeId, clusterDirectory.resolve("node-" + nodeId), base + nodeId - 1,
                    base + CLUSTER_SIZE_MAX + nodeId - 1);
        }

        public Path dataDirectory() {
            return directory.resolve("data");
        }

        public String clientAddress() {
            return NodeLayout.HOST + ":" + clientPort;
        }

        public String controllerAddress() {
            return NodeLayout.HOST + ":" + controllerPort;
        }
    }

    private final SystemKind kind;
    private final Layout layout;
    private final List<String> command;
    private final List<String> formatCommand;
    private ChildProcess process;
    private int launches;

    private ClusterMember(SystemKind kind, Layout layout, List<String> command, List<String> formatCommand) {
        this.kind = kind;
        this.layout = layout;
        this.command = List.copyOf(command);
        this.formatCommand = formatCommand == null ? null : List.copyOf(formatCommand);
    }

    /** A Tributary node: {@code java <launcher flags> -jar tributary.jar server <file>}. */
    public static ClusterMember tributary(Layout layout, String voters, Set<String> systemDefaults, Path jar, Path home,
                                          List<String> jvmFlags) throws IOException {
        Path properties = writeProperties(layout, voters, systemDefaults);
        List<String> options = new ArrayList<>(jvmFlags);
        options.add("-Dtributary.home=" + home);
        return new ClusterMember(SystemKind.TRIBUTARY, layout,
                JavaCommand.jar(options, jar, List.of("server", properties.toString())), null);
    }

    /**
     * A Kafka node: {@code kafka.Kafka <file>} with {@code kafka-server-start.sh}'s flags, after
     * {@code StorageTool format -t clusterId} (every node of a cluster is formatted with the same id).
     */
    public static ClusterMember kafka(Layout layout, String voters, Set<String> systemDefaults, String clusterId,
                                      String kafkaClassPath, String heapOpts) throws IOException {
        Path properties = writeProperties(layout, voters, systemDefaults);
        Path log4j = layout.directory().resolve("log4j2.properties");
        Files.writeString(log4j, Log4jConfig.fileAtWarn(layout.directory().resolve("kafka-server.log")));
        List<String> options = new ArrayList<>(KafkaNode.jvmFlags(heapOpts));
        options.add("-Dlog4j2.configurationFile=" + log4j);
        options.add("-Dkafka.logs.dir=" + layout.directory());
        List<String> format = JavaCommand.mainClass(List.of("-Xmx256m", "-Dlog4j2.configurationFile=" + log4j),
                kafkaClassPath, "kafka.tools.StorageTool", List.of("format", "-t", clusterId, "-c", properties.toString()));
        return new ClusterMember(SystemKind.KAFKA, layout,
                JavaCommand.mainClass(options, kafkaClassPath, "kafka.Kafka", List.of(properties.toString())), format);
    }

    /**
     * The same keys for both systems, as a user following either system's quick start would write them;
     * nothing that affects speed is tuned, so each runs with its own defaults (session timeouts,
     * election timeouts, heartbeats). {@code systemDefaults} names keys of these left out, so each system
     * uses its own default for them: the groups scenario measures with each system's
     * group.initial.rebalance.delay.ms, which the other scenarios set to 0 so a lone consumer starts at once.
     */
    static Map<String, String> properties(Layout layout, String voters, Set<String> systemDefaults) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(layout.nodeId()));
        props.put("controller.quorum.voters", voters);
        props.put("listeners", "PLAINTEXT://" + layout.clientAddress() + ",CONTROLLER://" + layout.controllerAddress());
        props.put("advertised.listeners", "PLAINTEXT://" + layout.clientAddress());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", layout.dataDirectory().toString());
        props.put("group.initial.rebalance.delay.ms", "0");
        if (!props.keySet().containsAll(systemDefaults)) {
            throw new IllegalArgumentException("only keys the bench sets can be left at a system's default: " + systemDefaults);
        }
        props.keySet().removeAll(systemDefaults);
        return props;
    }

    private static Path writeProperties(Layout layout, String voters, Set<String> systemDefaults) throws IOException {
        Files.createDirectories(layout.dataDirectory());
        Path file = layout.directory().resolve("server.properties");
        Files.writeString(file, ServerProperties.render(properties(layout, voters, systemDefaults)));
        return file;
    }

    public SystemKind kind() {
        return kind;
    }

    public Layout layout() {
        return layout;
    }

    public int nodeId() {
        return layout.nodeId();
    }

    /** Kafka's {@code StorageTool format}; Tributary starts on an empty directory without one. */
    public void format() throws IOException, InterruptedException {
        if (formatCommand == null) {
            return;
        }
        ChildProcess formatter = ChildProcess.start("kafka-storage-format-" + nodeId(), formatCommand,
                layout.directory().resolve("format.log"));
        try {
            int exit = formatter.waitFor(FORMAT_TIMEOUT);
            if (exit != 0) {
                throw new IOException("Kafka StorageTool format of node " + nodeId() + " exited " + exit + ":\n" + formatter.tail(30));
            }
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Starts the process and returns at once; readiness is the caller's to measure. */
    public void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(kind.displayName() + " node " + nodeId() + " is already running");
        }
        launches++;
        process = ChildProcess.start(kind.displayName().toLowerCase(java.util.Locale.ROOT) + "-node-" + nodeId(), command,
                layout.directory().resolve("stdout-" + launches + ".log"));
    }

    /** SIGKILL and wait for the kernel to reap the process. */
    public void kill() throws InterruptedException {
        requireLaunched().kill();
    }

    /** SIGSTOP: the process freezes with its sockets open, as a long GC pause or a hung host would look. */
    public void pause() throws IOException, InterruptedException {
        requireLaunched().signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        requireLaunched().signal("CONT");
    }

    /** SIGTERM without waiting. */
    public void terminate() {
        requireLaunched().terminate();
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return requireLaunched().awaitExit(timeout);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return requireLaunched().pid();
    }

    public String logTail(int lines) {
        return process == null ? "(not started)" : process.tail(lines);
    }

    /** SIGTERM, then SIGKILL after {@code grace}; for cleanup. */
    public void stop(Duration grace) {
        if (process != null) {
            process.stop(grace);
        }
    }

    private ChildProcess requireLaunched() {
        if (process == null) {
            throw new IllegalStateException(kind.displayName() + " node " + nodeId() + " was never launched");
        }
        return process;
    }
}
