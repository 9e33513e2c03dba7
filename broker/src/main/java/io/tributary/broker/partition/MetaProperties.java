package io.tributary.broker.partition;

import io.tributary.common.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.List;
import java.util.Optional;

/**
 * {@code meta.properties} in every log directory, as Kafka writes it: which node and which cluster
 * the data belongs to. A directory of another node, or of another cluster, is refused at start
 * instead of being silently mixed in.
 *
 * <pre>
 * version=1
 * node.id=&lt;node id&gt;
 * cluster.id=&lt;cluster id&gt;
 * </pre>
 */
public final class MetaProperties {

    static final String FILE = "meta.properties";

    private MetaProperties() {
    }

    /**
     * Checks every directory against {@code nodeId} and returns the cluster id they record (null for
     * fresh directories). Mismatches throw {@link ConfigException} naming {@code node.id} or the directory.
     */
    public static String check(Iterable<Path> dirs, int nodeId) throws IOException {
        String clusterId = null;
        for (Path dir : dirs) {
            Path f = dir.resolve(FILE);
            if (!Files.exists(f)) {
                continue;
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String node = p.getProperty("node.id");
            if (node != null && !node.trim().equals(Integer.toString(nodeId))) {
                throw new ConfigException("node.id", nodeId, "log directory " + dir + " belongs to node " + node.trim()
                        + " (see its " + FILE + ")");
            }
            String cid = p.getProperty("cluster.id");
            if (cid != null) {
                if (clusterId != null && !clusterId.equals(cid.trim())) {
                    throw new IOException("log directories disagree on the cluster id: " + clusterId + " and " + cid.trim()
                            + " (in " + f + ")");
                }
                clusterId = cid.trim();
            }
        }
        return clusterId;
    }

    /** Writes (atomically) the node and cluster id into every directory. */
    public static void write(Iterable<Path> dirs, int nodeId, String clusterId) throws IOException {
        for (Path dir : dirs) {
            Properties p = new Properties();
            p.setProperty("version", "1");
            p.setProperty("node.id", Integer.toString(nodeId));
            p.setProperty("cluster.id", clusterId);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "Written by Tributary");
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Refuses log directories recorded for another cluster ({@code recorded}, from {@link #check}) than
     * the one {@code source} names; records the cluster id in them otherwise, and returns it.
     */
    public static String recordClusterId(List<Path> dirs, int nodeId, String recorded, Optional<String> clusterId, String source) {
        String id = clusterId.orElseThrow(() -> new IllegalStateException("no cluster id in " + source));
        if (recorded != null && !recorded.equals(id)) {
            throw new IllegalStateException("the log directories " + dirs + " belong to cluster " + recorded + " but "
                    + source + " is of cluster " + id + "; refusing to mix them");
        }
        try {
            write(dirs, nodeId, id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
