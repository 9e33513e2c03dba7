package io.tributary.broker.cluster;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Several nodes of one cluster in this JVM: each is broker and controller (combined), with its data in
 * {@code dir/node-N}, its client listener on an ephemeral port and its CONTROLLER listener on a port
 * picked free beforehand (voters must name real ports). Nodes start and stop in parallel, as real
 * processes would, since a quorum forms only once a majority runs.
 */
final class TestCluster implements AutoCloseable {

    static final long READY_TIMEOUT_MS = 60_000;

    final Path dir;
    final int size;
    final Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
    final Map<Integer, Map<String, String>> props = new LinkedHashMap<>();
    final Map<Integer, Broker> nodes = new HashMap<>();
    private final List<Admin> admins = new ArrayList<>();

    TestCluster(Path dir, int size, Map<String, String> overrides) {
        this.dir = dir;
        this.size = size;
        for (int id = 1; id <= size; id++) {
            controllerPorts.put(id, freePort());
        }
        String voters = controllerPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
        for (int id = 1; id <= size; id++) {
            Map<String, String> p = new HashMap<>();
            p.put("node.id", String.valueOf(id));
            p.put("process.roles", "broker,controller");
            p.put("controller.quorum.voters", voters);
            p.put("controller.listener.names", "CONTROLLER");
            p.put("listeners", "PLAINTEXT://127.0.0.1:0,CONTROLLER://127.0.0.1:" + controllerPorts.get(id));
            p.put("log.dirs", dir.resolve("node-" + id).toString());
            // Tests start groups at once, as Kafka's own test and dev configs do; the server default stays 3 s.
            p.put("group.initial.rebalance.delay.ms", "0");
            p.putAll(overrides);
            props.put(id, p);
        }
    }

    TestCluster(Path dir, int size) {
        this(dir, size, Map.of());
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts every node (in parallel) and waits until each serves as an unfenced broker. */
    TestCluster start() throws Exception {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int id = 1; id <= size; id++) {
            int n = id;
            starts.add(CompletableFuture.runAsync(() -> startNode(n)));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        awaitReady();
        return this;
    }

    void startNode(int id) {
        try {
            Broker b = Broker.start(BrokerConfig.parse(props.get(id)));
            synchronized (this) {
                nodes.put(id, b);
            }
        } catch (Exception e) {
            throw new IllegalStateException("node " + id + " did not start", e);
        }
    }

    /** Adds a broker-only node (not a voter) with id {@code id}, and waits until it serves. */
    Broker startBrokerOnly(int id) throws Exception {
        Map<String, String> p = new HashMap<>(props.get(1));
        p.put("node.id", String.valueOf(id));
        p.put("process.roles", "broker");
        p.put("listeners", "PLAINTEXT://127.0.0.1:0");
        p.put("log.dirs", dir.resolve("node-" + id).toString());
        props.put(id, p);
        startNode(id);
        Broker b = node(id);
        b.ready().get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return b;
    }

    synchronized Broker node(int id) {
        return nodes.get(id);
    }

    /**
     * Waits until every node serves and every node's image shows every broker unfenced: a broker learns it
     * is unfenced from the controller's answer, the others from the metadata a round trip later.
     */
    void awaitReady() throws Exception {
        List<Broker> all = List.copyOf(nodes.values());
        for (Broker b : all) {
            b.ready().get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        for (Broker b : all) {
            Awaitility.await().atMost(Duration.ofMillis(READY_TIMEOUT_MS)).until(() ->
                    b.metadata().image().brokers().values().stream().filter(r -> !r.fenced()).count() >= all.size());
        }
    }

    /** The node whose controller is active now, or -1. */
    int activeController() {
        return nodes.entrySet().stream().filter(e -> e.getValue().controller() != null && e.getValue().controller().isActive())
                .mapToInt(Map.Entry::getKey).findFirst().orElse(-1);
    }

    String bootstrap(int id) {
        return node(id).bootstrapServers();
    }

    Admin admin(int id) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(id));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        Admin a = Admin.create(p);
        admins.add(a);
        return a;
    }

    /** Stops one node cleanly (controlled shutdown, hand-off) and forgets it. */
    void stop(int id) {
        Broker b;
        synchronized (this) {
            b = nodes.remove(id);
        }
        if (b != null) {
            b.close();
        }
    }

    /** Stops one node as SIGKILL would (its sockets close; nothing else happens). */
    void kill(int id) {
        Broker b;
        synchronized (this) {
            b = nodes.remove(id);
        }
        if (b != null) {
            b.halt();
        }
    }

    @Override
    public void close() {
        admins.forEach(Admin::close);
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Broker b : List.copyOf(nodes.values())) {
            stops.add(CompletableFuture.runAsync(b::close));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        nodes.clear();
    }
}
