package io.tributary.bench.node;

import io.tributary.bench.SystemKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tributary as a single combined broker+controller node: {@code java -jar broker/target/tributary.jar
 * server <file>} in its own JVM, with the heap and GC flags the {@code ./tributary} launcher uses.
 * The node's own log (stdout) goes to a file beside its data.
 */
public final class TributaryNode implements BrokerNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final NodeLayout layout;
    private final Path jar;
    private final Path home;
    private final List<String> jvmOptions;
    private ChildProcess process;

    /**
     * @param jar      broker/target/tributary.jar (its manifest names its libraries in lib/)
     * @param home     the repository root, passed as {@code tributary.home} as the launcher does
     * @param jvmFlags heap and GC flags, normally {@link TributaryLauncher#jvmFlags}
     */
    public TributaryNode(NodeLayout layout, Path jar, Path home, List<String> jvmFlags) {
        this.layout = layout;
        this.jar = jar;
        this.home = home;
        this.jvmOptions = List.copyOf(jvmFlags);
    }

    @Override
    public SystemKind kind() {
        return SystemKind.TRIBUTARY;
    }

    @Override
    public void start() throws IOException, InterruptedException {
        if (process != null) {
            throw new IllegalStateException("Tributary node in " + layout.directory() + " was already started");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no Tributary broker jar at " + jar + " (bench/run builds it)");
        }
        Path dir = layout.directory();
        Files.createDirectories(layout.dataDirectory());
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, ServerProperties.render(ServerProperties.singleNode(layout)));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dtributary.home=" + home);
        process = ChildProcess.start("tributary-node", JavaCommand.jar(options, jar, List.of("server", properties.toString())),
                dir.resolve("stdout.log"));
        TcpWait.untilAccepting(NodeLayout.HOST, layout.clientPort(), process, START_TIMEOUT);
    }

    @Override
    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    @Override
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("Tributary node not started");
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
