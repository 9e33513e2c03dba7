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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary dev}: a local cluster with no setup. Data lives under {@code ./data/dev} unless
 * {@code --data-dir} says otherwise (a fixed place, so a restart finds its topics; delete the
 * directory to start afresh). By default three nodes, each broker and controller, one process each
 * ({@link DevCluster}); {@code --nodes 1} runs a one-node cluster in this process. Ctrl-C stops
 * everything cleanly.
 */
public final class DevCommand {

    /** How long the one-node dev waits for its node to answer before printing the banner anyway. */
    private static final long SINGLE_NODE_READY_TIMEOUT_MS = 60_000;
    private static final int PROBE_TIMEOUT_MS = 1_000;

    private DevCommand() {
    }

    public static int run(List<String> args) {
        DevOptions.Parsed parsed;
        try {
            parsed = DevOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("tributary dev: " + e.getMessage());
            System.err.println(Usage.DEV);
            return 2;
        }
        if (parsed instanceof DevOptions.Help) {
            System.out.println(Usage.DEV);
            return 0;
        }
        DevOptions options = ((DevOptions.Run) parsed).options();
        if (options.nodes() > 1) {
            return new DevCluster(options).run();
        }
        if (options.restartCrashed()) {
            System.err.println("tributary dev: --restart-crashed needs --nodes 2 or more (one node runs in this process)");
            return 2;
        }
        Path nodeDir = options.dataDir().resolve("node-1");
        Path logsDir = nodeDir.resolve("logs");
        Path configFile = nodeDir.resolve("server.properties");
        Path serverLog = nodeDir.resolve("tributary.log");
        Map<String, String> props = devConfig(options.port(), logsDir);
        try {
            Files.createDirectories(logsDir);
            writeConfig(configFile, props);
        } catch (IOException e) {
            System.err.println("tributary dev: cannot prepare " + nodeDir + ": " + e.getMessage());
            return 1;
        }
        logToFileToo(serverLog);
        String banner = DevBanner.singleNode(options.port(), configFile, logsDir, serverLog, options.dataDir());
        return ServerCommand.runUntilStopped(props, configFile.toString(), () -> {
            awaitSingleNode(options.port());
            System.out.println(banner);
        });
    }

    /**
     * Waits, bounded, until the node answers Metadata listing itself with an active controller: a
     * one-node cluster registers its broker just after it starts listening.
     */
    private static void awaitSingleNode(int port) {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SINGLE_NODE_READY_TIMEOUT_MS);
        DevReadiness.NodeAnswer answer = DevReadiness.ask(port, PROBE_TIMEOUT_MS);
        while (!answer.ready(Set.of(1)) && System.nanoTime() - deadlineNs < 0) {
            try {
                // Polling a condition another process settles; it holds within a few hundred ms of the start.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            answer = DevReadiness.ask(port, PROBE_TIMEOUT_MS);
        }
        if (!answer.ready(Set.of(1))) {
            System.out.println("the node is not ready after " + SINGLE_NODE_READY_TIMEOUT_MS / 1000 + " s: " + answer.describe());
        }
    }

    static Map<String, String> devConfig(int port, Path logsDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", "1");
        p.put("process.roles", "broker,controller");
        p.put("listeners", "PLAINTEXT://localhost:" + port);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("http.listener", "http://localhost:" + DevPorts.httpPort(port, 1));
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
