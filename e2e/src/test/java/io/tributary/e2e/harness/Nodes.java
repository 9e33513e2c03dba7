package io.tributary.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;

/**
 * The nodes of one test (or one test class), handed to it by {@link TributaryExtension}. It makes
 * nodes in a fresh directory under {@code e2e/target/e2e-runs/}, kills whatever still runs when the
 * scope ends, and deletes the directory unless a test failed (then it stays for inspection, and the
 * failure carries each node's log tail).
 *
 * <p>Tests that only need "a broker to talk to" call {@link #bootstrap()}: it is the external
 * cluster when {@code -Dtributary.e2e.bootstrap} is set, and otherwise one local node started on
 * first use. Tests that kill or restart processes call {@link #start()} or {@link #create}, which
 * skip the test when the run targets an external cluster.
 */
public final class Nodes implements AutoCloseable {
    private final String label;
    private final List<TributaryNode> nodes = new ArrayList<>();
    private Path root;
    private TributaryNode shared;
    private boolean failed;
    private boolean closed;

    Nodes(String label) {
        this.label = label.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** Whether this run targets an external cluster instead of starting Tributary processes. */
    public boolean external() {
        return E2eSettings.externalBootstrap().isPresent();
    }

    /** The address of a cluster to talk to: the external one, or one local node started on first use. */
    public synchronized String bootstrap() {
        if (external()) {
            return E2eSettings.externalBootstrap().orElseThrow();
        }
        if (shared == null) {
            shared = start();
        }
        return shared.bootstrap();
    }

    /** One node, started and ready, with node id 1 unless this scope already has nodes. */
    public TributaryNode start() {
        return start(builder -> { });
    }

    /** One node customised by {@code customizer} (node id, port, properties), started and ready. */
    public TributaryNode start(Consumer<TributaryNode.Builder> customizer) {
        return create(customizer).start();
    }

    /**
     * One node, written to disk but not launched: a cluster creates all its nodes, launches them
     * all, then waits for each (see {@link #startAll}).
     */
    public synchronized TributaryNode create(Consumer<TributaryNode.Builder> customizer) {
        requireLocalProcesses();
        requireOpen();
        int ordinal = nodes.size() + 1;
        TributaryNode.Builder builder = TributaryNode.builder(root().resolve("node-" + ordinal)).nodeId(ordinal);
        customizer.accept(builder);
        TributaryNode node = builder.build();
        nodes.add(node);
        return node;
    }

    /** Launches every node, then waits until each is ready. */
    public static List<TributaryNode> startAll(List<TributaryNode> toStart) {
        toStart.forEach(TributaryNode::launch);
        toStart.forEach(TributaryNode::awaitReady);
        return toStart;
    }

    /** {@code host:port,host:port,...} of {@code members}, for clients of a multi-node cluster. */
    public static String bootstrapOf(List<TributaryNode> members) {
        return String.join(",", members.stream().map(TributaryNode::bootstrap).toList());
    }

    /** Skips the calling test when the run targets an external cluster (it cannot kill those processes). */
    public void requireLocalProcesses() {
        Assumptions.assumeFalse(external(), "this test starts, kills or restarts Tributary processes, "
                + "so it does not run against the external cluster given by -Dtributary.e2e.bootstrap");
    }

    public synchronized List<TributaryNode> all() {
        return List.copyOf(nodes);
    }

    /** The tail of every node's log, for a failure report. */
    public synchronized String logTails(int lineCount) {
        StringBuilder text = new StringBuilder();
        for (TributaryNode node : nodes) {
            text.append("\n---- ").append(node).append(node.isAlive() ? ", running" : ", not running")
                    .append(": last ").append(lineCount).append(" lines of ").append(node.log().file())
                    .append(" ----\n").append(node.log().tail(lineCount)).append('\n');
        }
        return text.toString();
    }

    synchronized void markFailed() {
        failed = true;
    }

    /** Kills every node still running; deletes the directory unless a test failed. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        nodes.forEach(TributaryNode::close);
        if (root != null && !failed) {
            deleteRecursively(root);
        }
    }

    private Path root() {
        if (root == null) {
            try {
                Files.createDirectories(E2eSettings.runsDir());
                root = Files.createTempDirectory(E2eSettings.runsDir(), label + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a run directory under " + E2eSettings.runsDir(), e);
            }
        }
        return root;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the nodes of " + label + " are closed");
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Leaving a directory behind under target/ is harmless; the next clean removes it.
        }
    }
}
