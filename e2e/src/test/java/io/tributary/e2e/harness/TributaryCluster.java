package io.tributary.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;

/**
 * A cluster of Tributary processes: {@code size} voters, each broker and controller (KRaft's combined
 * mode), plus any broker-only nodes added later. Every node is a {@link TributaryNode} of the test's
 * {@link Nodes}, so the scope kills and cleans them up as it does single nodes, and a failure report
 * carries every node's log tail.
 *
 * <p>Ports are reserved up front, because every voter's config names every voter's CONTROLLER port:
 * {@code controller.quorum.voters=1@127.0.0.1:C1,2@127.0.0.1:C2,...}. If a port was taken between
 * reserving and binding (the node's log says so), the cluster is built again on fresh ports in fresh
 * directories, at most {@value #BIND_ATTEMPTS_MAX} times.
 *
 * <p>Readiness is a condition: every running node is ready (see {@link TributaryNode}), and every
 * running broker's own Metadata answer lists exactly the running brokers and names a controller.
 */
public final class TributaryCluster {
    /** How long the nodes of a cluster may take to agree on its membership and controller. */
    public static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int BIND_ATTEMPTS_MAX = 3;
    private static final short DESCRIBE_CLUSTER_VERSION = 1;
    private static final byte CONTROLLERS_ENDPOINT = 2;

    private final Nodes scope;
    private final int size;
    private final Map<String, String> properties;
    /** Voters and broker-only nodes by node id. */
    private final Map<Integer, TributaryNode> members = new TreeMap<>();
    private final Map<Integer, Integer> controllerPorts = new TreeMap<>();
    private int generation;

    TributaryCluster(Nodes scope, int size, Map<String, String> properties) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one voter, got " + size);
        }
        this.scope = scope;
        this.size = size;
        this.properties = Map.copyOf(properties);
        build();
    }

    // ---------------------------------------------------------------------------------------------
    // Lifecycle.

    /** Launches every node, waits until each is ready and all agree on the brokers and a controller. */
    public TributaryCluster start() {
        for (int attempt = 1; ; attempt++) {
            try {
                members.values().forEach(TributaryNode::launch);
                awaitReady();
                return this;
            } catch (NodeFailure failure) {
                if (attempt >= BIND_ATTEMPTS_MAX || !lostAPort()) {
                    throw failure;
                }
                members.values().forEach(TributaryNode::close);
                build();
            }
        }
    }

    /**
     * SIGKILL the active controller's process (see {@link #activeController()}) and return it, with the
     * {@link System#nanoTime()} just before the signal, for timing what follows.
     */
    public KilledController killActiveController() {
        TributaryNode active = node(activeController());
        long killedAtNs = System.nanoTime();
        active.kill();
        return new KilledController(active, killedAtNs);
    }

    /** A controller killed by {@link #killActiveController()}, and when. */
    public record KilledController(TributaryNode node, long killedAtNs) {
    }

    /** SIGTERM to every running node at once, then waits for each to exit. */
    public void stopAll() {
        parallel(running(), TributaryNode::stop);
    }

    /** SIGKILL every running node. */
    public void killAll() {
        parallel(running(), TributaryNode::kill);
    }

    /** Starts every node that is not running on its directory and ports, and waits as {@link #start} does. */
    public TributaryCluster restartAll() {
        members.values().stream().filter(n -> !n.isAlive()).forEach(TributaryNode::relaunch);
        awaitReady();
        return this;
    }

    /**
     * Adds a broker-only node ({@code process.roles=broker}, no CONTROLLER listener) that finds the
     * controllers through {@code controller.quorum.voters}, starts it and waits until every broker lists it.
     */
    public TributaryNode addBrokerOnly(int nodeId) {
        if (members.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is already in the cluster");
        }
        TributaryNode node = scope.create("cluster-" + generation + "-node-" + nodeId, builder -> {
            int port = FreePorts.next();
            builder.nodeId(nodeId).port(port).properties(commonProperties())
                    .property("process.roles", "broker")
                    .property("listeners", "PLAINTEXT://127.0.0.1:" + port)
                    .property("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port)
                    .properties(properties);
        });
        members.put(nodeId, node);
        node.start();
        awaitBrokers(runningIds());
        return node;
    }

    // ---------------------------------------------------------------------------------------------
    // What tests look at.

    /** Voters and broker-only nodes, by node id. */
    public List<TributaryNode> nodes() {
        return List.copyOf(members.values());
    }

    public TributaryNode node(int nodeId) {
        TributaryNode node = members.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + " in " + members.keySet());
        }
        return node;
    }

    public List<TributaryNode> running() {
        return members.values().stream().filter(TributaryNode::isAlive).toList();
    }

    public Set<Integer> runningIds() {
        return running().stream().map(TributaryNode::nodeId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The voters' ids, 1 to size. */
    public Set<Integer> voterIds() {
        return Set.copyOf(controllerPorts.keySet());
    }

    /** Every node's client address, for {@code bootstrap.servers}. */
    public String bootstrap() {
        return Nodes.bootstrapOf(nodes());
    }

    /** The client addresses of the running nodes. */
    public String runningBootstrap() {
        return Nodes.bootstrapOf(running());
    }

    /** The {@code controller.quorum.voters} line every node was given. */
    public String voters() {
        return controllerPorts.entrySet().stream().map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /**
     * The active controller as the quorum itself says: every running voter, asked on its CONTROLLER
     * listener with DescribeCluster for the controllers endpoint type (KIP-919), names the same node;
     * -1 while they do not agree or name none (an election in progress).
     *
     * <p>Each voter is asked directly, on a connection of its own, rather than through an admin client
     * with {@code bootstrap.controllers}: such a client, once a controller answered "no active
     * controller" during an election, kept its metadata without a controller and timed out every later
     * call (seen with kafka-clients 4.3.1), which is the client's behaviour, not the cluster's.
     */
    public int activeControllerFromQuorum() {
        int agreed = -1;
        for (Map.Entry<Integer, Integer> voter : controllerPorts.entrySet()) {
            if (!node(voter.getKey()).isAlive()) {
                continue;
            }
            int named;
            try (BrokerConnection connection = BrokerConnection.open("127.0.0.1:" + voter.getValue(), PROBE_TIMEOUT)) {
                DescribeClusterResponse answer = (DescribeClusterResponse) connection.send(new DescribeClusterRequest.Builder(
                        new DescribeClusterRequestData().setEndpointType(CONTROLLERS_ENDPOINT)).build(DESCRIBE_CLUSTER_VERSION));
                named = answer.data().errorCode() == 0 ? answer.data().controllerId() : -1;
            } catch (RuntimeException e) {
                return -1; // a voter that does not answer cannot confirm anything
            }
            if (named < 0 || (agreed >= 0 && named != agreed)) {
                return -1;
            }
            agreed = named;
        }
        return agreed;
    }

    /**
     * The active controller, once the quorum names a running voter (see {@link #activeControllerFromQuorum}),
     * every running broker's Metadata names that same node as controller, and so does the official
     * admin client's {@code describeCluster} through the running brokers (what clients are told);
     * waits up to {@link #SETTLE_TIMEOUT}.
     */
    public int activeController() {
        int[] found = {-1};
        await("the quorum and every running broker name one running controller")
                .atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> {
                    int fromQuorum = activeControllerFromQuorum();
                    if (fromQuorum < 0 || !node(fromQuorum).isAlive()) {
                        return false;
                    }
                    for (MetadataView view : metadataFromEach(List.of()).values()) {
                        if (view.controllerId() != fromQuorum) {
                            return false;
                        }
                    }
                    try (Admin admin = Clients.admin(runningBootstrap(), PROBE_TIMEOUT)) {
                        if (admin.describeCluster().controller().get().id() != fromQuorum) {
                            return false;
                        }
                    }
                    found[0] = fromQuorum;
                    return true;
                });
        return found[0];
    }

    /** Each running broker's own Metadata answer for {@code topics} ({@code null}: all), by node id. */
    public Map<Integer, MetadataView> metadataFromEach(List<String> topics) {
        Map<Integer, MetadataView> views = new LinkedHashMap<>();
        for (TributaryNode node : running()) {
            views.put(node.nodeId(), MetadataView.of(BrokerConnection.metadataOf(node.bootstrap(), topics, PROBE_TIMEOUT)));
        }
        return views;
    }

    /**
     * Waits until every running broker's Metadata knows each topic of {@code partitionsByTopic} with
     * that many partitions, each with a leader. An admin request is answered once the broker that
     * forwarded it knows the change; the others learn it a round trip of the metadata long-poll later.
     */
    public void awaitTopics(Map<String, Integer> partitionsByTopic) {
        List<String> names = List.copyOf(partitionsByTopic.keySet());
        await("every running broker knows " + partitionsByTopic + " (topic=partitions), each partition with a leader")
                .atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> metadataFromEach(names).values().stream().allMatch(view -> partitionsByTopic.entrySet().stream()
                        .allMatch(e -> view.hasLeadersFor(e.getKey(), e.getValue()))));
    }

    /** Waits until every running broker's Metadata lists exactly {@code ids} and names a controller. */
    public void awaitBrokers(Collection<Integer> ids) {
        List<Integer> expected = ids.stream().sorted().toList();
        await("every running broker lists brokers " + expected + " and names a controller")
                .atMost(SETTLE_TIMEOUT).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> metadataFromEach(List.of()).values().stream()
                        .allMatch(v -> v.brokerIds().equals(expected) && v.controllerId() >= 0));
    }

    // ---------------------------------------------------------------------------------------------
    // Internals.

    private void awaitReady() {
        List<TributaryNode> launched = running();
        parallel(launched, TributaryNode::awaitReady);
        awaitBrokers(runningIds());
    }

    /** Reserves ports and writes every voter's files, in a directory of this generation. */
    private void build() {
        generation++;
        members.clear();
        controllerPorts.clear();
        for (int id = 1; id <= size; id++) {
            controllerPorts.put(id, FreePorts.next());
        }
        for (int id = 1; id <= size; id++) {
            int nodeId = id;
            int controllerPort = controllerPorts.get(id);
            TributaryNode node = scope.create("cluster-" + generation + "-node-" + id, builder -> {
                int port = FreePorts.next();
                builder.nodeId(nodeId).port(port).properties(commonProperties())
                        .property("process.roles", "broker,controller")
                        .property("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort)
                        .property("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port)
                        .properties(properties);
            });
            members.put(id, node);
        }
    }

    private Map<String, String> commonProperties() {
        Map<String, String> common = new LinkedHashMap<>();
        common.put("controller.quorum.voters", voters());
        common.put("controller.listener.names", "CONTROLLER");
        common.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        common.put("inter.broker.listener.name", "PLAINTEXT");
        return common;
    }

    private boolean lostAPort() {
        return members.values().stream().anyMatch(n -> n.launches() == 1 && n.log().linesSinceLastLaunch().stream()
                .anyMatch(line -> line.contains("already in use") || line.contains("BindException")));
    }

    /** Runs {@code action} on every node at once (processes start and stop in parallel) and rethrows the first failure. */
    static void parallel(List<TributaryNode> nodes, Consumer<TributaryNode> action) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (TributaryNode node : nodes) {
            CompletableFuture<Void> future = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    action.accept(node);
                    future.complete(null);
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            }, "tributary-e2e-node-" + node.nodeId());
            thread.setDaemon(true);
            thread.start();
            futures.add(future);
        }
        Throwable first = null;
        for (CompletableFuture<Void> future : futures) {
            try {
                future.join();
            } catch (CompletionException e) {
                if (first == null) {
                    first = e.getCause();
                } else {
                    first.addSuppressed(e.getCause());
                }
            }
        }
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
