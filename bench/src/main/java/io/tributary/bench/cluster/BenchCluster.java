package io.tributary.bench.cluster;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.node.ClusterMember;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The processes of one system's cluster of {@code size} combined broker+controller nodes, in one
 * directory ({@code node-N/} each). It launches, kills and stops nodes; what is measured around
 * that is the measurements' business. Public for the other multi-node scenarios (replication).
 */
public final class BenchCluster implements AutoCloseable {

    static final Duration STOP_GRACE = Duration.ofSeconds(120);

    private final SystemKind system;
    private final Path directory;
    private final List<ClusterMember> members;

    private BenchCluster(SystemKind system, Path directory, List<ClusterMember> members) {
        this.system = system;
        this.directory = directory;
        this.members = List.copyOf(members);
    }

    public static BenchCluster create(BenchEnvironment environment, SystemKind system, Path directory, int size) throws IOException {
        return create(environment, system, directory, size, Set.of());
    }

    /** As {@link #create(BenchEnvironment, SystemKind, Path, int)}, leaving {@code systemDefaults} at each system's default. */
    public static BenchCluster create(BenchEnvironment environment, SystemKind system, Path directory, int size,
                                      Set<String> systemDefaults) throws IOException {
        List<ClusterMember.Layout> layouts = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            layouts.add(environment.clusterLayout(system, directory, id));
        }
        String voters = layouts.stream().map(l -> l.nodeId() + "@" + l.controllerAddress()).collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        List<ClusterMember> members = new ArrayList<>();
        for (ClusterMember.Layout layout : layouts) {
            members.add(environment.newClusterMember(system, layout, voters, clusterId, systemDefaults));
        }
        return new BenchCluster(system, directory, members);
    }

    public SystemKind system() {
        return system;
    }

    Path directory() {
        return directory;
    }

    public List<ClusterMember> members() {
        return members;
    }

    public ClusterMember member(int nodeId) {
        return members.stream().filter(m -> m.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    public List<ClusterMember> running() {
        return members.stream().filter(ClusterMember::isAlive).toList();
    }

    public static String clientAddresses(Collection<ClusterMember> members) {
        return members.stream().map(m -> m.layout().clientAddress()).collect(Collectors.joining(","));
    }

    public String bootstrap() {
        return clientAddresses(members);
    }

    /** Formats every node at once (Kafka; Tributary needs no format) . */
    public void formatAll() {
        parallel(member -> {
            try {
                member.format();
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        });
    }

    /**
     * Brings a fresh cluster up as a user would: Kafka's nodes formatted first, then every node launched,
     * then {@link Readiness} awaited, all bounded by {@code readyTimeout} past the launch.
     */
    public void start(Duration readyTimeout) throws Exception {
        if (system == SystemKind.KAFKA) {
            formatAll();
        }
        launchAll();
        Readiness.await(members, System.nanoTime() + readyTimeout.toNanos());
    }

    public void launchAll() throws IOException {
        for (ClusterMember member : members) {
            member.launch();
        }
    }

    /** SIGTERM to every running node at once, then waits for each; SIGKILL whoever outlives {@link #STOP_GRACE}. */
    public void stopAll() throws InterruptedException {
        List<ClusterMember> running = running();
        running.forEach(ClusterMember::terminate);
        long deadlineNs = System.nanoTime() + STOP_GRACE.toNanos();
        List<Integer> killed = new ArrayList<>();
        for (ClusterMember member : running) {
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadlineNs - System.nanoTime()));
            if (!member.awaitExit(left)) {
                member.kill();
                killed.add(member.nodeId());
            }
        }
        if (!killed.isEmpty()) {
            throw new IllegalStateException(system.displayName() + " nodes " + killed + " did not exit within "
                    + STOP_GRACE.toSeconds() + " s of SIGTERM and were killed");
        }
    }

    /** The tail of every node's log, for a failure report. */
    public String logTails(int lines) {
        StringBuilder text = new StringBuilder();
        for (ClusterMember member : members) {
            text.append("---- ").append(system.displayName()).append(" node ").append(member.nodeId()).append(" ----\n")
                    .append(member.logTail(lines)).append('\n');
        }
        return text.toString();
    }

    /**
     * An admin client that retries fast: the bench measures when something becomes possible, so the
     * client's own backoff (reconnects start at 50 ms and grow to a second by default) must not add to it.
     */
    public static Admin admin(String bootstrap, Duration apiTimeout) {
        int apiTimeoutMs = (int) apiTimeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-cluster-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, apiTimeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 10,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 10,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 50));
    }

    @Override
    public void close() {
        for (ClusterMember member : members) {
            member.terminate();
        }
        for (ClusterMember member : members) {
            member.stop(Duration.ofSeconds(30));
        }
    }

    private void parallel(java.util.function.Consumer<ClusterMember> action) {
        List<CompletableFuture<Void>> futures = members.stream()
                .map(m -> CompletableFuture.runAsync(() -> action.accept(m))).toList();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
    }
}
