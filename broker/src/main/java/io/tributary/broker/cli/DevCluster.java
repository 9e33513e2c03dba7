package io.tributary.broker.cli;

import io.tributary.broker.config.ConfigFile;
import io.tributary.broker.config.Listener;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code tributary dev --nodes N} (N &gt; 1, default 3): a local cluster of N processes, each broker
 * and controller. Node {@code i} keeps everything in {@code DIR/node-i/}: its config
 * ({@code server.properties}, rewritten at every start), its data ({@code logs/}) and its output
 * ({@code tributary.log}). Clients connect to {@code localhost:PORT+i-1}.
 *
 * <p>CONTROLLER ports are picked free at the first start and then read back from each node's config,
 * because a controller quorum remembers its voters: a restart must find them where they were.
 *
 * <p>Ctrl-C (or SIGTERM to this process) stops every node cleanly (SIGTERM to each, then waiting up
 * to {@value #STOP_WAIT_S} s before SIGKILL). A node that exits by itself is reported with its log.
 */
final class DevCluster {

    static final int STOP_WAIT_S = 30;
    private static final String STARTED_LINE = "Tributary node ";

    private final int nodes;
    private final int port;
    private final Path dataDir;
    private final List<Process> processes = new ArrayList<>();

    DevCluster(int nodes, int port, Path dataDir) {
        this.nodes = nodes;
        this.port = port;
        this.dataDir = dataDir;
    }

    private Path nodeDir(int id) {
        return dataDir.resolve("node-" + id);
    }

    int run() {
        Map<Integer, Integer> controllerPorts = new LinkedHashMap<>();
        try {
            for (int id = 1; id <= nodes; id++) {
                Files.createDirectories(nodeDir(id).resolve("logs"));
                controllerPorts.put(id, controllerPort(nodeDir(id).resolve("server.properties")));
            }
            String voters = controllerPorts.entrySet().stream().map(e -> e.getKey() + "@localhost:" + e.getValue())
                    .collect(Collectors.joining(","));
            for (int id = 1; id <= nodes; id++) {
                DevCommand.writeConfig(nodeDir(id).resolve("server.properties"), config(id, voters, controllerPorts.get(id)));
            }
        } catch (IOException e) {
            System.err.println("tributary dev: cannot prepare " + dataDir + ": " + e.getMessage());
            return 1;
        }
        String bootstrap = IntStream.rangeClosed(1, nodes).mapToObj(i -> "localhost:" + (port + i - 1)).collect(Collectors.joining(","));
        System.out.println("""
                Tributary dev cluster: %1$d nodes, each broker and controller, one process each
                  bootstrap servers : %2$s
                  controller quorum : %3$s
                  metrics           : %5$s
                  data (partitions) : %4$s/node-N/logs
                  configs           : %4$s/node-N/server.properties
                  server logs       : %4$s/node-N/tributary.log

                Try it:
                  kcat -b %2$s -L
                  kafka-topics.sh --bootstrap-server %2$s --create --topic demo --partitions 3
                  echo hello | kcat -b %2$s -P -t demo
                  kcat -b %2$s -C -t demo -o beginning -e
                Java: props.put("bootstrap.servers", "%2$s");

                Ctrl-C stops every node cleanly; delete %4$s to start afresh.
                """.formatted(nodes, bootstrap, controllerPorts.entrySet().stream()
                        .map(e -> e.getKey() + "@localhost:" + e.getValue()).collect(Collectors.joining(",")), dataDir,
                IntStream.rangeClosed(1, nodes).mapToObj(i -> "http://localhost:" + DevCommand.httpPort(port + i - 1) + "/metrics")
                        .collect(Collectors.joining(" "))));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "tributary-dev-stop"));
        try {
            for (int id = 1; id <= nodes; id++) {
                processes.add(launch(id));
            }
        } catch (IOException e) {
            System.err.println("tributary dev: cannot start a node process: " + e.getMessage());
            stopAll();
            return 1;
        }
        return watch();
    }

    /** The CONTROLLER port an earlier start chose (kept in the node's config), or a free one. */
    private static int controllerPort(Path config) throws IOException {
        if (Files.isRegularFile(config)) {
            String listeners = ConfigFile.read(config).getOrDefault("listeners", "");
            for (String item : listeners.split(",")) {
                if (item.trim().toUpperCase().startsWith("CONTROLLER://")) {
                    return Listener.parse("listeners", item.trim()).port();
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Map<String, String> config(int id, String voters, int controllerPort) {
        int clientPort = port + id - 1;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", String.valueOf(id));
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.put("http.listener", "http://localhost:" + DevCommand.httpPort(clientPort));
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", nodeDir(id).resolve("logs").toString());
        p.put("num.partitions", "1");
        // As a production cluster would: three copies where there are three brokers, and acks=all
        // needing two of them, so one broker can die without losing or refusing acknowledged writes.
        int copies = Math.min(3, nodes);
        p.put("default.replication.factor", String.valueOf(copies));
        p.put("min.insync.replicas", String.valueOf(copies >= 3 ? 2 : 1));
        p.put("offsets.topic.replication.factor", String.valueOf(copies));
        p.put("auto.create.topics.enable", "true");
        // As Kafka's own dev configs do: a consumer group's first rebalance starts at once, not after 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private Process launch(int id) throws IOException {
        Path log = nodeDir(id).resolve("tributary.log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseG1GC");
        String level = System.getProperty("tributary.log.level");
        if (level != null) {
            command.add("-Dtributary.log.level=" + level);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tributary.broker.Main");
        command.add("server");
        command.add(nodeDir(id).resolve("server.properties").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        System.out.println("node " + id + ": pid " + p.pid() + ", client port " + (port + id - 1) + ", log " + log);
        return p;
    }

    /**
     * Reports each node once it serves (its log says so) and each that exits; returns once every node
     * has exited: 0 when all stopped cleanly (or by a signal we sent), 1 otherwise.
     */
    private int watch() {
        boolean[] announced = new boolean[nodes];
        boolean[] exited = new boolean[nodes];
        int failures = 0;
        int running = nodes;
        while (running > 0) {
            for (int i = 0; i < nodes; i++) {
                Process p = processes.get(i);
                if (!announced[i] && startedLine(i + 1)) {
                    announced[i] = true;
                    System.out.println("node " + (i + 1) + " is serving on localhost:" + (port + i) + ", metrics on http://localhost:"
                            + DevCommand.httpPort(port + i) + "/metrics");
                }
                if (!exited[i] && !p.isAlive()) {
                    exited[i] = true;
                    running--;
                    int code = p.exitValue();
                    if (code != 0 && code != 143) {
                        failures++;
                        System.out.println("node " + (i + 1) + " exited with status " + code + "; see " + nodeDir(i + 1).resolve("tributary.log"));
                    }
                }
            }
            try {
                // A human-facing status loop, not a test: a short pause between looks is all it needs.
                processes.get(firstRunning(exited)).waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IndexOutOfBoundsException e) {
                break;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static int firstRunning(boolean[] exited) {
        for (int i = 0; i < exited.length; i++) {
            if (!exited[i]) {
                return i;
            }
        }
        return exited.length;
    }

    private boolean startedLine(int id) {
        Path log = nodeDir(id).resolve("tributary.log");
        try {
            if (!Files.isRegularFile(log)) {
                return false;
            }
            // The log is appended to across runs; only this run's lines count, and they are at the end.
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 2000); i--) {
                String line = lines.get(i);
                if (line.contains(STARTED_LINE + id + " started")) {
                    return true;
                }
                if (line.contains("Tributary node " + id + " stopped")) {
                    return false;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** SIGTERM to every node at once (each stops cleanly), then wait; SIGKILL whoever is still there after the bound. */
    private void stopAll() {
        List<Process> alive = processes.stream().filter(Process::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        System.out.println("stopping " + alive.size() + " node(s) ...");
        alive.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_S);
        for (Process p : alive) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!p.waitFor(left, TimeUnit.MILLISECONDS)) {
                    System.out.println("pid " + p.pid() + " did not stop within " + STOP_WAIT_S + " s; killing it");
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        System.out.println("every node stopped");
    }
}
