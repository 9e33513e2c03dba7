package io.tributary.bench;

import io.tributary.bench.load.ClientJvm;
import io.tributary.bench.node.BrokerNode;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.node.KafkaNode;
import io.tributary.bench.node.Log4jConfig;
import io.tributary.bench.node.NodeLayout;
import io.tributary.bench.node.TributaryLauncher;
import io.tributary.bench.node.TributaryNode;
import io.tributary.bench.report.MachineInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Everything a scenario needs from its surroundings: where the repository and the work directory are,
 * the class paths for Kafka's server and for the load generators, how each system's node is started,
 * and what machine this is. Built once per bench run by {@link Bench}.
 *
 * <p>Ports: Tributary's node uses portBase (client) and portBase+1 (controller); Kafka's node uses
 * portBase+10 and portBase+11. Only one node runs at a time, but separate pairs mean a port still in
 * TIME_WAIT from one system never delays the other. Clusters use portBase+20 to portBase+39 (see
 * {@link ClusterMember.Layout#of}).
 */
public final class BenchEnvironment {

    private final BenchOptions options;
    private final Path root;
    private final Path workDirectory;
    private final String kafkaClassPath;
    private final ClientJvm clients;
    private final Path tributaryJar;
    private final List<String> tributaryJvmFlags;
    private final String kafkaHeapOpts;
    private final MachineInfo machine;

    private BenchEnvironment(BenchOptions options, Path root, Path workDirectory, String kafkaClassPath,
                             ClientJvm clients, Path tributaryJar, List<String> tributaryJvmFlags,
                             String kafkaHeapOpts, MachineInfo machine) {
        this.options = options;
        this.root = root;
        this.workDirectory = workDirectory;
        this.kafkaClassPath = kafkaClassPath;
        this.clients = clients;
        this.tributaryJar = tributaryJar;
        this.tributaryJvmFlags = tributaryJvmFlags;
        this.kafkaHeapOpts = kafkaHeapOpts;
        this.machine = machine;
    }

    /**
     * @param root the repository root (bench/run passes it as {@code tributary.home})
     */
    public static BenchEnvironment create(BenchOptions options, Path root) throws IOException {
        Path classPathFile = root.resolve("bench/target/runtime.classpath");
        if (!Files.isRegularFile(classPathFile)) {
            throw new IOException("no " + classPathFile + "; build with bench/run (mvn package of the bench module writes it)");
        }
        String kafkaClassPath = Files.readString(classPathFile).trim();
        Path workDirectory = root.resolve("bench/target/work");
        Files.createDirectories(workDirectory);
        Path clientLog4j = workDirectory.resolve("clients-log4j2.properties");
        Files.writeString(clientLog4j, Log4jConfig.fileAtWarn(workDirectory.resolve("clients.log")));
        // The load generators need Kafka's tools and client plus the bench's own classes (AssignConsumer),
        // which is exactly the class path the bench itself runs with.
        ClientJvm clients = new ClientJvm(System.getProperty("java.class.path"), clientLog4j);
        Path launcher = root.resolve("tributary");
        String launcherText = Files.isRegularFile(launcher) ? Files.readString(launcher) : "";
        List<String> tributaryFlags = TributaryLauncher.jvmFlags(launcherText,
                System.getenv("TRIBUTARY_HEAP_OPTS"), System.getenv("TRIBUTARY_JVM_OPTS"));
        String kafkaHeap = System.getenv().getOrDefault("KAFKA_HEAP_OPTS", KafkaNode.DEFAULT_HEAP_OPTS);
        return new BenchEnvironment(options, root, workDirectory, kafkaClassPath, clients,
                root.resolve("broker/target/tributary.jar"), tributaryFlags, kafkaHeap, MachineInfo.detect());
    }

    public BenchOptions options() {
        return options;
    }

    public Path root() {
        return root;
    }

    public Path workDirectory() {
        return workDirectory;
    }

    public ClientJvm clients() {
        return clients;
    }

    public MachineInfo machine() {
        return machine;
    }

    /** A not-yet-started single node of the given system, living in {@code directory}. */
    public BrokerNode newNode(SystemKind system, Path directory) {
        int base = options.portBase();
        return switch (system) {
            case TRIBUTARY -> new TributaryNode(new NodeLayout(directory, base, base + 1), tributaryJar, root, tributaryJvmFlags);
            case KAFKA -> new KafkaNode(new NodeLayout(directory, base + 10, base + 11), kafkaClassPath, kafkaHeapOpts, List.of());
        };
    }

    /** Where node {@code nodeId} (1-based) of a {@code system} cluster lives and listens; see the class comment for ports. */
    public ClusterMember.Layout clusterLayout(SystemKind system, Path clusterDirectory, int nodeId) {
        return ClusterMember.Layout.of(options.portBase(), system, clusterDirectory, nodeId);
    }

    /**
     * A not-yet-launched node of a {@code system} cluster whose voters are {@code voters}; Kafka's nodes
     * are formatted with {@code clusterId} (Tributary ignores it: its controller picks one at first start).
     * {@code systemDefaults} names settings the bench would write that this cluster leaves at each system's default.
     */
    public ClusterMember newClusterMember(SystemKind system, ClusterMember.Layout layout, String voters, String clusterId,
                                          Set<String> systemDefaults) throws IOException {
        return switch (system) {
            case TRIBUTARY -> ClusterMember.tributary(layout, voters, systemDefaults, tributaryJar, root, tributaryJvmFlags);
            case KAFKA -> ClusterMember.kafka(layout, voters, systemDefaults, clusterId, kafkaClassPath, kafkaHeapOpts);
        };
    }

    /** Where a scenario run with {@code --jfr} leaves a node's flight recording of its load phases. */
    public Path recording(SystemKind system, Path directory) {
        return directory.resolve(system.name().toLowerCase(java.util.Locale.ROOT) + ".jfr");
    }

    /** A one-line description of how each system's node is launched, for the report. */
    public String launchDescription(SystemKind system) {
        return switch (system) {
            case TRIBUTARY -> "`java " + String.join(" ", tributaryJvmFlags) + " -jar broker/target/tributary.jar server <file>`"
                    + (System.getenv("TRIBUTARY_HEAP_OPTS") != null || System.getenv("TRIBUTARY_JVM_OPTS") != null
                    ? " (the `./tributary` launcher's flags, with TRIBUTARY_HEAP_OPTS / TRIBUTARY_JVM_OPTS from the environment)"
                    : " (the `./tributary` launcher's defaults)");
            case KAFKA -> "`java " + String.join(" ", KafkaNode.jvmFlags(kafkaHeapOpts))
                    + " -cp <Kafka 4.3.1 jars> kafka.Kafka server.properties`"
                    + (System.getenv("KAFKA_HEAP_OPTS") != null
                    ? " (`kafka-server-start.sh`'s flags, with KAFKA_HEAP_OPTS from the environment)"
                    : " (`kafka-server-start.sh`'s defaults)");
        };
    }
}
