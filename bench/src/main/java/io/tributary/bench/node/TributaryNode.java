package io.tributary.bench.node;

import io.tributary.bench.SystemKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tributary as a single combined broker+controller node: {@code java -jar broker/target/tributary.jar
 * server <file>} in its own JVM, with the heap and GC flags the {@code ./tributary} launcher uses.
 * The node's own log (stdout) goes to a file beside its data.
 */
public final class TributaryNode extends ProcessBrokerNode {

    private final Path jar;
    private final Path home;

    /**
     * @param jar      broker/target/tributary.jar (its manifest names its libraries in lib/)
     * @param home     the repository root, passed as {@code tributary.home} as the launcher does
     * @param jvmFlags heap and GC flags, normally {@link TributaryLauncher#jvmFlags}
     */
    public TributaryNode(NodeLayout layout, Path jar, Path home, List<String> jvmFlags) {
        super(layout, jvmFlags);
        this.jar = jar;
        this.home = home;
    }

    @Override
    public SystemKind kind() {
        return SystemKind.TRIBUTARY;
    }

    @Override
    protected ChildProcess launch(List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no Tributary broker jar at " + jar + " (bench/run builds it)");
        }
        Path dir = layout.directory();
        Files.createDirectories(layout.dataDirectory());
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, ServerProperties.render(ServerProperties.singleNode(layout)));
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dtributary.home=" + home);
        return ChildProcess.start("tributary-node", JavaCommand.jar(options, jar, List.of("server", properties.toString())),
                dir.resolve("stdout.log"));
    }
}
