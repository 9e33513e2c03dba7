package io.tributary.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the cluster is and how to talk to it, shared by every command (a picocli mixin). The
 * defaults follow Kafka's tools: {@code --bootstrap-server}, and {@code --command-config} for a
 * properties file of client settings (security, timeouts) applied to every client the command makes.
 */
public final class ConnectionOptions {
    /** The address of {@code ./tributary dev}'s first node, and Kafka's default port. */
    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String BOOTSTRAP_ENV = "TRIBUTARY_BOOTSTRAP_SERVER";

    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT[,...]",
            description = "The cluster to talk to (default: $" + BOOTSTRAP_ENV + ", else " + DEFAULT_BOOTSTRAP + ").")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "A properties file of client settings (security.protocol, sasl.*, ...) for every client.")
    Path commandConfig;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "How long a call to the cluster may take before the command gives up (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    public String bootstrap() {
        if (bootstrapServer != null && !bootstrapServer.isBlank()) {
            return bootstrapServer;
        }
        String env = System.getenv(BOOTSTRAP_ENV);
        return env != null && !env.isBlank() ? env.trim() : DEFAULT_BOOTSTRAP;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    /** The settings every client starts from: the bootstrap address, the timeouts, then the file's keys. */
    public Properties baseProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap());
        props.put("client.id", "tributary-cli");
        props.put("request.timeout.ms", Integer.toString(Math.max(1000, timeoutMs / 2)));
        props.put("default.api.timeout.ms", Integer.toString(timeoutMs));
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                props.load(reader);
            } catch (IOException e) {
                throw new CliException("cannot read --command-config " + commandConfig + ": " + e.getMessage());
            }
        }
        return props;
    }
}
