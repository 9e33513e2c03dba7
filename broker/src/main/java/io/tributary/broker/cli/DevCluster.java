package io.tributary.broker.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code tributary dev --nodes N} (N &gt; 1, default 3): a local cluster of N processes, each broker
 * and controller ({@link DevNode}). Node {@code i} keeps everything in {@code DIR/node-i/}: its config
 * ({@code server.properties}, rewritten at every start), its data ({@code logs/}) and its output
 * ({@code tributary.log}). Ports follow {@link DevPorts}.
 *
 * <p>The banner (where to connect, what to try) is printed only once the cluster is ready
 * ({@link DevReadiness}): every node answers on its client port and lists every broker, so the
 * user's first command neither meets "connection refused" nor sees part of the cluster.
 *
 * <p>A node that exits by itself is reported, with how to bring it back: {@code restart N} on dev's
 * standard input ({@link DevConsole}), or at once under {@code --restart-crashed}. A restarted node
 * keeps its data directory: it rejoins as the same broker, as after a real crash.
 *
 * <p>Ctrl-C (or SIGTERM to this process) stops every node cleanly (SIGTERM to each, then waiting up
 * to {@value #STOP_WAIT_S} s before SIGKILL).
 */
final class DevCluster {

    static final int STOP_WAIT_S = 30;
    /** How often dev looks at its nodes and standard input; a person is on the other side. */
    private static final long TICK_MS = 200;
    private static final int PROBE_TIMEOUT_MS = 1_000;
    private static final long PROGRESS_EVERY_MS = 10_000;

    private final DevOptions options;
    private final List<DevNode> nodes = new ArrayList<>();
    /** Guards launching against stopping: once the shutdown hook runs, no node is started again. */
    private final Object lifecycle = new Object();
    private boolean stopping;

    DevCluster(DevOptions options) {
        this.options = options;
    }

    int run() {
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        boolean keptPorts = false;
        try {
            for (int id = 1; id <= options.nodes(); id++) {
                Path dir = nodeDir(id);
                Files.createDirectories(dir.resolve("logs"));
                OptionalInt stored = DevPorts.storedControllerPort(dir.resolve("server.properties"));
                int derived = DevPorts.controllerPort(options.port(), id);
                keptPorts |= stored.isPresent() && stored.getAsInt() != derived;
                controllerPorts.put(id, stored.orElse(derived));
            }
            String voters = voters(controllerPorts);
            for (int id = 1; id <= options.nodes(); id++) {
                DevNode node = new DevNode(id, nodeDir(id), DevPorts.clientPort(options.port(), id), controllerPorts.get(id));
                DevCommand.writeConfig(node.configFile(), config(node, voters));
                nodes.add(node);
            }
        } catch (IOException e) {
            System.err.println("tributary dev: cannot prepare " + options.dataDir() + ": " + e.getMessage());
            return 1;
        }
        String taken = takenPorts();
        if (!taken.isEmpty()) {
            System.err.println("tributary dev: " + taken + " in use by another program (an earlier dev still running?);"
                    + " stop it, or choose other ports with --port");
            return 1;
        }
        if (keptPorts) {
            System.out.println("CONTROLLER ports kept from " + options.dataDir() + " (a quorum keeps its voters' addresses);"
                    + " delete the directory to get the ports derived from --port");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "tributary-dev-stop"));
        for (DevNode node : nodes) {
            if (!launch(node)) {
                stopAll();
                return 1;
            }
        }
        if (!awaitReady()) {
            stopAll();
            return 1;
        }
        nodes.forEach(DevNode::markServing);
        System.out.println(DevBanner.cluster(options, voters(controllerPorts), keptPorts));
        return watch(DevConsole.start(System.in));
    }

    private Path nodeDir(int id) {
        return options.dataDir().resolve("node-" + id);
    }

    private static String voters(Map<Integer, Integer> controllerPorts) {
        return controllerPorts.entrySet().stream().map(e -> e.getKey() + "@localhost:" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private String takenPorts() {
        List<String> taken = new ArrayList<>();
        for (DevNode node : nodes) {
            if (DevPorts.taken(node.clientPort())) {
                taken.add(node.clientPort() + " (node " + node.id() + ", clients)");
            }
            if (DevPorts.taken(node.controllerPort())) {
                taken.add(node.controllerPort() + " (node " + node.id() + ", CONTROLLER)");
            }
        }
        return taken.isEmpty() ? "" : (taken.size() == 1 ? "port " : "ports ") + String.join(", ", taken) + (taken.size() == 1 ? " is" : " are");
    }

    private Map<String, String> config(DevNode node, String voters) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(node.id()));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://localhost:" + node.clientPort() + ",CONTROLLER://localhost:" + node.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + node.clientPort());
        p.put("http.listener", "http://localhost:" + DevPorts.httpPort(options.port(), node.id()));
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", node.dir().resolve("logs").toString());
        p.put("num.partitions", "1");
        // As a production cluster would: three copies where there are three brokers, and acks=all
        // needing two of them, so one broker can die without losing or refusing acknowledged writes.
        int copies = Math.min(3, options.nodes());
        p.put("default.replication.factor", String.valueOf(copies));
        p.put("min.insync.replicas", String.valueOf(copies >= 3 ? 2 : 1));
        p.put("offsets.topic.replication.factor", String.valueOf(copies));
        p.put("auto.create.topics.enable", "true");
        // As Kafka's own dev configs do: a consumer group's first rebalance starts at once, not after 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** Starts {@code node}'s process unless dev is stopping; false (and says why) if it could not. */
    private boolean launch(DevNode node) {
        synchronized (lifecycle) {
            if (stopping) {
                return false;
            }
            try {
                node.launch();
                return true;
            } catch (IOException e) {
                System.err.println("tributary dev: cannot start node " + node.id() + ": " + e.getMessage());
                return false;
            }
        }
    }

    /**
     * Waits until every node serves and lists every broker, printing what is missing every
     * {@value #PROGRESS_EVERY_MS} ms. False if a node exits first (reported with its last log lines):
     * a node that fails at its first start will fail again, so dev stops rather than retries.
     */
    private boolean awaitReady() {
        Set<Integer> ids = new TreeSet<>();
        nodes.forEach(n -> ids.add(n.id()));
        List<Integer> ports = nodes.stream().map(DevNode::clientPort).toList();
        long startNs = System.nanoTime();
        long nextProgressNs = startNs + TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS);
        while (true) {
            for (DevNode node : nodes) {
                if (!node.alive()) {
                    System.out.println("node " + node.id() + " exited with status " + node.exitCode() + " before the cluster was ready; "
                            + "the end of " + node.log() + ":");
                    node.logTail(10).forEach(line -> System.out.println("  " + line));
                    return false;
                }
            }
            List<DevReadiness.NodeAnswer> answers = DevReadiness.probe(ports, PROBE_TIMEOUT_MS);
            if (DevReadiness.allReady(answers, ids)) {
                System.out.printf("cluster ready in %.1f s%n", (System.nanoTime() - startNs) / 1e9);
                return true;
            }
            if (System.nanoTime() - nextProgressNs >= 0) {
                nextProgressNs += TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS);
                System.out.println("waiting for the cluster: " + answers.stream().filter(a -> !a.ready(ids))
                        .map(DevReadiness.NodeAnswer::describe).collect(Collectors.joining("; ")));
            }
            if (!pause()) {
                return false;
            }
        }
    }

    /** Waits one tick, or less if a node exits meanwhile; false if interrupted. */
    private boolean pause() {
        try {
            nodes.get(0).awaitExit(TICK_MS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Reports nodes that exit and nodes that serve again, and runs the console's commands. Returns
     * once no node runs and none is to start again: 0 if every node was stopped on request, 1 otherwise.
     */
    private int watch(DevConsole console) {
        while (true) {
            for (DevNode node : nodes) {
                checkExited(node);
                checkServing(node);
            }
            if (nodes.stream().noneMatch(DevNode::alive)) {
                boolean allRequested = nodes.stream().allMatch(DevNode::stoppedOnRequest);
                if (!stopping()) {
                    System.out.println("no node is running; dev exits (./tributary dev starts them again on their data)");
                }
                return allRequested ? 0 : 1;
            }
            String line;
            try {
                line = console.poll(TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            if (line != null) {
                execute(DevConsole.parse(line, options.nodes()));
            }
        }
    }

    private void checkExited(DevNode node) {
        if (node.alive() || node.exitReported() || stopping()) {
            return;
        }
        node.markExitReported();
        int code = node.exitCode();
        if (node.restartWhenStopped()) {
            System.out.println("node " + node.id() + " stopped (status " + code + "); starting it again");
            relaunch(node);
            return;
        }
        if (node.stoppedOnRequest()) {
            System.out.println("node " + node.id() + " stopped (status " + code + "); type 'restart " + node.id() + "' to start it again");
            return;
        }
        System.out.println("node " + node.id() + " exited with status " + code + DevNode.describeStatus(code) + "; see " + node.log());
        if (options.restartCrashed() && node.servedSinceLaunch() && DevNode.isCrash(code)) {
            System.out.println("restarting node " + node.id() + " on its data (--restart-crashed)");
            relaunch(node);
        } else if (!node.servedSinceLaunch()) {
            System.out.println("it exited before it served; its log says why. Type 'restart " + node.id() + "' to try again");
        } else {
            System.out.println("type 'restart " + node.id() + "' to start it again on its data (or run dev with --restart-crashed)");
        }
    }

    /** Announces a started node once it and every other running node list every running broker. */
    private void checkServing(DevNode node) {
        if (!node.alive() || node.servedSinceLaunch()) {
            return;
        }
        List<DevNode> running = nodes.stream().filter(DevNode::alive).toList();
        Set<Integer> ids = new TreeSet<>();
        running.forEach(n -> ids.add(n.id()));
        if (DevReadiness.allReady(DevReadiness.probe(running.stream().map(DevNode::clientPort).toList(), PROBE_TIMEOUT_MS), ids)) {
            node.markServing();
            System.out.println("node " + node.id() + " is serving again on localhost:" + node.clientPort() + "; brokers " + ids + " are up");
        }
    }

    private void relaunch(DevNode node) {
        if (DevPorts.taken(node.clientPort()) || DevPorts.taken(node.controllerPort())) {
            System.out.println("node " + node.id() + "'s ports " + node.clientPort() + "/" + node.controllerPort()
                    + " are held by another program; free them and type 'restart " + node.id() + "'");
            return;
        }
        launch(node);
    }

    private void execute(DevConsole.Command command) {
        if (command instanceof DevConsole.Kill k) {
            DevNode node = runningNode(k.node());
            if (node != null) {
                System.out.println("killing node " + k.node() + " (SIGKILL to pid " + node.pid() + ")");
                node.kill();
            }
        } else if (command instanceof DevConsole.Stop s) {
            DevNode node = runningNode(s.node());
            if (node != null) {
                System.out.println("stopping node " + s.node() + " (SIGTERM to pid " + node.pid() + ")");
                node.stop(false);
            }
        } else if (command instanceof DevConsole.Restart r) {
            DevNode node = nodes.get(r.node() - 1);
            if (node.alive()) {
                System.out.println("stopping node " + r.node() + " (SIGTERM to pid " + node.pid() + ") to start it again");
                node.stop(true);
            } else {
                relaunch(node);
            }
        } else if (command instanceof DevConsole.Status) {
            nodes.forEach(n -> System.out.println(n.describe()));
        } else if (command instanceof DevConsole.Help) {
            System.out.println(DevConsole.HELP);
        } else if (command instanceof DevConsole.Invalid i) {
            System.out.println(i.message());
        }
    }

    /** Node {@code id} if it runs; null (and says so) otherwise. */
    private DevNode runningNode(int id) {
        DevNode node = nodes.get(id - 1);
        if (!node.alive()) {
            System.out.println("node " + id + " is not running; type 'restart " + id + "' to start it");
            return null;
        }
        return node;
    }

    private boolean stopping() {
        synchronized (lifecycle) {
            return stopping;
        }
    }

    /** SIGTERM to every node at once (each stops cleanly), then wait; SIGKILL whoever is still there after the bound. */
    private void stopAll() {
        synchronized (lifecycle) {
            stopping = true;
        }
        List<DevNode> alive = nodes.stream().filter(DevNode::alive).toList();
        if (alive.isEmpty()) {
            return;
        }
        System.out.println("stopping " + alive.size() + " node(s) ...");
        alive.forEach(n -> n.stop(false));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_S);
        for (DevNode node : alive) {
            long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            if (!node.awaitStopped(leftMs)) {
                System.out.println("pid " + node.pid() + " did not stop within " + STOP_WAIT_S + " s; killing it");
                node.kill();
            }
        }
        System.out.println("every node stopped");
    }
}
