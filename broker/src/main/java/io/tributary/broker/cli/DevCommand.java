package io.tributary.broker.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary dev}: a local cluster with no setup. Data lives under {@code ./data/dev} unless
 * {@code --data-dir} says otherwise (a fixed place, so a restart finds its topics; delete the
 * directory to start afresh). By default three nodes, each broker and controller, one process each
 * ({@link DevCluster}); {@code --nodes 1} runs a one-node cluster in this process. Ctrl-C stops
 * everything cleanly.
 */
public final class DevCommand {

    static final String DEFAULT_DATA_DIR = "data/dev";
    static final int DEFAULT_PORT = 9092;
    static final int DEFAULT_NODES = 3;
    /** A dev cluster is for one machine; more nodes than this is a mistyped flag. */
    static final int NODES_MAX = 9;

    private DevCommand() {
    }

    public static int run(List<String> args) {
        int nodes = DEFAULT_NODES;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        int port = DEFAULT_PORT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            try {
                switch (a) {
                    case "--nodes" -> {
                        nodes = Integer.parseInt(require(a, next));
                        i++;
                    }
                    case "--data-dir" -> {
                        dataDir = Path.of(require(a, next));
                        i++;
                    }
                    case "--port" -> {
                        port = Integer.parseInt(require(a, next));
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument " + a);
                }
            } catch (IllegalArgumentException e) {
                System.err.println("tributary dev: " + e.getMessage());
                Usage.print(System.err);
                return 2;
            }
        }
        if (nodes < 1 || nodes > NODES_MAX) {
            System.err.println("tributary dev: --nodes must be between 1 and " + NODES_MAX);
            return 2;
        }
        if (port < 1 || httpPort(port) + nodes - 1 > 65535) {
            System.err.println("tributary dev: --port must be between 1 and " + (65536 - nodes - HTTP_PORT_OFFSET)
                    + " (node N listens on PORT+N-1, and serves HTTP on PORT+" + HTTP_PORT_OFFSET + "+N-1)");
            return 2;
        }
        if (nodes > 1) {
            return new DevCluster(nodes, port, dataDir.toAbsolutePath().normalize()).run();
        }
        Path nodeDir = dataDir.toAbsolutePath().normalize().resolve("node-1");
        Path logsDir = nodeDir.resolve("logs");
        Path configFile = nodeDir.resolve("server.properties");
        Path serverLog = nodeDir.resolve("tributary.log");
        Map<String, String> props = devConfig(port, logsDir);
        try {
            Files.createDirectories(logsDir);
            writeConfig(configFile, props);
        } catch (IOException e) {
            System.err.println("tributary dev: cannot prepare " + nodeDir + ": " + e.getMessage());
            return 1;
        }
        logToFileToo(serverLog);
        String bootstrap = "localhost:" + port;
        System.out.println("""
                Tributary dev node (a one-node cluster in this process)
                  bootstrap servers : %1$s
                  metrics           : %6$s
                  config            : %2$s
                  data (partitions) : %3$s
                  server log        : %4$s (also printed below)

                Try it:
                  kcat -b %1$s -L
                  echo hello | kcat -b %1$s -P -t demo
                  kcat -b %1$s -C -t demo -o beginning -e
                  kafka-console-producer.sh --bootstrap-server %1$s --topic demo
                  kafka-console-consumer.sh --bootstrap-server %1$s --topic demo --partition 0 --from-beginning
                Java: props.put("bootstrap.servers", "%1$s");

                Ctrl-C stops the node cleanly; delete %5$s to start afresh.
                """.formatted(bootstrap, configFile, logsDir, serverLog, dataDir.toAbsolutePath().normalize(),
                "http://localhost:" + httpPort(port) + "/metrics"));
        return ServerCommand.runUntilStopped(props, configFile.toString());
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    /**
     * Node N's HTTP port ({@code /metrics}) is {@code --port} plus this, plus N-1: 9644, 9645, ... with the
     * default 9092, the port operators know from Redpanda's admin API.
     */
    static final int HTTP_PORT_OFFSET = 552;

    /** The HTTP port of the node whose client port is {@code clientPort}; see {@link #HTTP_PORT_OFFSET}. */
    static int httpPort(int clientPort) {
        return clientPort + HTTP_PORT_OFFSET;
    }

    static Map<String, String> devConfig(int port, Path logsDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://localhost:" + port);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("http.listener", "http://localhost:" + httpPort(port));
        p.put("log.dirs", logsDir.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("auto.create.topics.enable", "true");
        // As Kafka's own dev configs do: a consumer group's first rebalance starts at once, not after 3 s.
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    static void writeConfig(Path file, Map<String, String> props) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# Written by 'tributary dev'. Rewritten on every start; edit config/dev.properties-style copies instead.\n");
            for (Map.Entry<String, String> e : props.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    /** Adds a file appender next to the console one, with the same one-line pattern. */
    private static void logToFileToo(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(ctx);
        enc.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n");
        enc.start();
        FileAppender<ILoggingEvent> app = new FileAppender<>();
        app.setContext(ctx);
        app.setName("DEV_FILE");
        app.setFile(file.toString());
        app.setAppend(true);
        app.setEncoder(enc);
        app.start();
        ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(app);
    }
}
