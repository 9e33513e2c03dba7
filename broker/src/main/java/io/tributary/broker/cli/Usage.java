package io.tributary.broker.cli;

import java.io.PrintStream;

/** The help text. */
public final class Usage {

    private Usage() {
    }

    /** {@code tributary dev --help}. */
    public static final String DEV = """
            Usage: tributary dev [--nodes N] [--port PORT] [--data-dir DIR] [--restart-crashed]

            Runs a local cluster for development: N nodes (default 3, at most 9), each broker and controller,
            one process each, and prints how to connect once every node serves and lists every broker.
            --nodes 1 runs a one-node cluster in this process.

              --nodes N          nodes in the cluster (default 3)
              --port PORT        node i serves clients on localhost:PORT+i-1 (default PORT 9092) and the
                                 controller quorum (CONTROLLER listener) on localhost:PORT+100+i-1
              --data-dir DIR     node i keeps its config (server.properties), data (logs/) and log
                                 (tributary.log) under DIR/node-i (default ./data/dev); a restart finds its
                                 topics again, delete DIR to start afresh
              --restart-crashed  start a node again at once, on its data, when it crashes after serving
              --help             print this text

            While it runs, dev reads commands on its standard input, one a line:
              kill N | stop N | restart N | status | help
            'kill 2' is a crash of node 2 (SIGKILL), 'stop 2' a clean stop, 'restart 2' brings it back on its
            data: a failover drill to repeat at will. Ctrl-C stops every node cleanly.""";

    public static void print(PrintStream out) {
        out.println("""
                Usage: tributary COMMAND [ARGS]

                Commands:
                  server FILE [--override KEY=VALUE]...
                        Run one node from a Kafka-style properties file (see docs/configuration.md and
                        config/server.properties). --override sets a key on top of the file, as Kafka's does.
                        Ctrl-C or SIGTERM stops it cleanly.
                  dev [--nodes N] [--port PORT] [--data-dir DIR] [--restart-crashed]
                        Run a local cluster for development; prints how to connect once every node serves.
                        See 'tributary dev --help'.
                  version
                        Print the version.
                  help
                        Print this text.

                Client commands, for any Kafka-compatible cluster (./tributary runs them from the cli module;
                COMMAND --help for each, docs/cli.md for all; exit status 0 done, 1 failed, 2 bad usage):
                  topics create|list|describe|alter|delete   produce   consume
                  groups list|describe|reset-offsets   cluster   elect-leaders
                  drill   a failover drill: kills a topic's leader under load and reports the unavailability
                          window and lost, duplicated or reordered records (3 when one acknowledged was lost)

                Environment: TRIBUTARY_HEAP_OPTS and TRIBUTARY_JVM_OPTS pass options to the JVM;
                -Dtributary.log.level=DEBUG logs every request.""");
    }
}
