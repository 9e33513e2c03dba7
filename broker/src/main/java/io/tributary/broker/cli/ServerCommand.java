package io.tributary.broker.cli;

import io.tributary.broker.Broker;
import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.ConfigFile;
import io.tributary.common.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tributary server FILE [--override KEY=VALUE]...}: runs one node until SIGTERM or Ctrl-C, then
 * stops it cleanly (stop accepting, answer what is in flight, close logs with checkpoints).
 */
public final class ServerCommand {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    private ServerCommand() {
    }

    public static int run(List<String> args) {
        if (args.isEmpty()) {
            System.err.println("tributary server: a properties file is required");
            Usage.print(System.err);
            return 2;
        }
        Path file = Path.of(args.get(0));
        Map<String, String> props;
        try {
            if (!Files.isRegularFile(file)) {
                System.err.println("tributary server: no such file: " + file);
                return 1;
            }
            props = new LinkedHashMap<>(ConfigFile.read(file));
        } catch (IOException e) {
            System.err.println("tributary server: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--override") && i + 1 < args.size()) {
                String kv = args.get(++i);
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    System.err.println("tributary server: --override takes KEY=VALUE, got " + kv);
                    return 2;
                }
                props.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
            } else {
                System.err.println("tributary server: unexpected argument " + a);
                return 2;
            }
        }
        return runUntilStopped(props, file.toString());
    }

    /** Parses, starts, waits for a signal, stops. */
    public static int runUntilStopped(Map<String, String> props, String source) {
        return runUntilStopped(props, source, () -> { });
    }

    /**
     * {@link #runUntilStopped(Map, String)}, running {@code onStarted} once the node has started and
     * before waiting for it to stop ({@code dev} prints its banner there).
     */
    static int runUntilStopped(Map<String, String> props, String source, Runnable onStarted) {
        BrokerConfig config;
        try {
            config = BrokerConfig.parse(props, key -> log.warn("Ignoring unknown configuration key '{}' in {}", key, source));
        } catch (ConfigException e) {
            log.error("Cannot start: {}", e.getMessage());
            System.err.println("tributary: " + e.getMessage());
            return 1;
        }
        Broker broker;
        try {
            broker = Broker.start(config);
        } catch (ConfigException e) {
            log.error("Cannot start: {}", e.getMessage());
            System.err.println("tributary: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // One line for the operator; the stack trace only at DEBUG, since these are environment problems
            // (a port in use, a locked or foreign directory), not bugs.
            log.error("Cannot start node {}: {}", config.nodeId(), e.getMessage());
            log.debug("Startup failure of node {}", config.nodeId(), e);
            System.err.println("tributary: cannot start: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(broker::close, "tributary-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        onStarted.run();
        broker.awaitStopped();
        if (broker.failure() != null) {
            System.err.println("tributary: node " + config.nodeId() + " stopped: " + broker.failure().getMessage());
            return 1;
        }
        return 0;
    }
}
