package io.tributary.broker.cli;

import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code tributary dev} prints once its cluster is ready: where to connect, where everything is,
 * and commands to try, each of which works as printed (DevCommandTest runs the kcat ones), including
 * a consumer in a group.
 */
final class DevBanner {

    /** The group the banner's group consumers join. */
    static final String DEMO_GROUP = "demo-group";

    private DevBanner() {
    }

    static String bootstrap(int port, int nodes) {
        return IntStream.rangeClosed(1, nodes).mapToObj(i -> "localhost:" + DevPorts.clientPort(port, i))
                .collect(Collectors.joining(","));
    }

    static String singleNode(int port, Path configFile, Path logsDir, Path serverLog, Path dataDir) {
        String bootstrap = bootstrap(port, 1);
        return """
                Tributary dev node ready (a one-node cluster in this process)
                  bootstrap servers : %1$s
                  console           : http://localhost:%8$d/
                  metrics           : %7$s
                  config            : %2$s
                  data (partitions) : %3$s
                  server log        : %4$s (also printed here)

                Try it:
                %6$s
                Java: props.put("bootstrap.servers", "%1$s");

                Ctrl-C stops the node cleanly; delete %5$s to start afresh.
                """.formatted(bootstrap, configFile, logsDir, serverLog, dataDir, tryIt(bootstrap, 1),
                        DevPorts.metricsUrls(port, 1), DevPorts.httpPort(port, 1));
    }

    static String cluster(DevOptions options, String voters, boolean keptControllerPorts) {
        int n = options.nodes();
        int port = options.port();
        String bootstrap = bootstrap(port, n);
        String controllerPorts = keptControllerPorts ? "as in each config (kept from the first start)"
                : DevPorts.controllerPort(port, 1) + "-" + DevPorts.controllerPort(port, n);
        return """
                Tributary dev cluster ready: %1$d nodes, each broker and controller, one process each
                  bootstrap servers : %2$s
                  controller quorum : %3$s
                  console           : http://localhost:%10$d/ (every node serves it, on its HTTP port)
                  metrics           : %9$s
                  ports             : node i serves clients on %4$d+i-1, the quorum (CONTROLLER) on %5$s, HTTP on %10$d+i-1
                  data (partitions) : %6$s/node-N/logs
                  configs           : %6$s/node-N/server.properties
                  server logs       : %6$s/node-N/tributary.log

                Try it:
                %7$s
                Java: props.put("bootstrap.servers", "%2$s");

                A failover drill: open the console, type 'kill 2' here (SIGKILL to node 2), watch its leaders move, then 'restart 2'.
                Or measure one: run this in another terminal (it kills a leader, reports the unavailability window and any lost record):
                  %11$s
                Commands: kill N, stop N, restart N, status, help%8$s.
                Ctrl-C stops every node cleanly; delete %6$s to start afresh.
                """.formatted(n, bootstrap, voters, port, controllerPorts, options.dataDir(), tryIt(bootstrap, n),
                options.restartCrashed() ? "; a crashed node is restarted at once (--restart-crashed)" : "",
                DevPorts.metricsUrls(port, n), DevPorts.httpPort(port, 1), drill(options, bootstrap));
    }

    /**
     * The {@code ./tributary drill} line for this cluster: the drill finds the leader's process
     * through dev's pid files, so it is told dev's data directory unless it is the default, and the
     * bootstrap servers unless they are the default port's.
     */
    static String drill(DevOptions options, String bootstrap) {
        StringBuilder line = new StringBuilder("./tributary drill");
        if (options.port() != DevOptions.DEFAULT_PORT) {
            line.append(" -b ").append(bootstrap);
        }
        if (!options.dataDir().equals(Path.of(DevOptions.DEFAULT_DATA_DIR).toAbsolutePath().normalize())) {
            line.append(" --dev-data-dir ").append(options.dataDir());
        }
        return line.toString();
    }

    /**
     * Commands to try, one a line and indented. The group consumer starts from the beginning where
     * the group has no committed offset yet ({@code auto.offset.reset=earliest}); kcat's {@code -e}
     * makes it exit once it has read what is there, so the line can be pasted and returns.
     */
    private static String tryIt(String bootstrap, int nodes) {
        String create = "kafka-topics.sh --bootstrap-server " + bootstrap + " --create --topic demo --partitions 3"
                + (nodes >= 3 ? " --replication-factor 3" : "");
        return String.join("\n",
                "  kcat -b " + bootstrap + " -L",
                "  " + create,
                "  echo hello | kcat -b " + bootstrap + " -P -t demo",
                "  kcat -b " + bootstrap + " -C -t demo -o beginning -e",
                "  kcat -b " + bootstrap + " -G " + DEMO_GROUP + " -X auto.offset.reset=earliest -e demo",
                "  kafka-console-producer.sh --bootstrap-server " + bootstrap + " --topic demo",
                "  kafka-console-consumer.sh --bootstrap-server " + bootstrap + " --topic demo --group " + DEMO_GROUP
                        + " --from-beginning");
    }
}
