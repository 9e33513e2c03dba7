package io.tributary.broker.cli;

import java.io.PrintStream;

/** The help text. */
public final class Usage {

    private Usage() {
    }

    public static void print(PrintStream out) {
        out.println("""
                Usage: tributary COMMAND [ARGS]

                Commands:
                  server FILE [--override KEY=VALUE]...
                        Run one node from a Kafka-style properties file (see docs/configuration.md and
                        config/server.properties). --override sets a key on top of the file, as Kafka's does.
                        Ctrl-C or SIGTERM stops it cleanly.
                  dev [--nodes N] [--data-dir DIR] [--port PORT]
                        Run a local cluster for development: N nodes (default 3), each broker and controller,
                        one process each; node i writes DIR/node-i/server.properties, keeps its data and log
                        under DIR/node-i (default DIR ./data/dev) and listens on localhost:PORT+i-1 (default
                        PORT 9092). Prints how to connect. Ctrl-C stops every node cleanly. --nodes 1 runs a
                        one-node cluster in this process.
                  version
                        Print the version.
                  help
                        Print this text.

                Client commands, for any Kafka-compatible cluster (./tributary runs them from the cli module;
                COMMAND --help for each, docs/cli.md for all; exit status 0 done, 1 failed, 2 bad usage):
                  topics create|list|describe|alter|delete   produce   consume
                  groups list|describe|reset-offsets   cluster   elect-leaders

                Environment: TRIBUTARY_HEAP_OPTS and TRIBUTARY_JVM_OPTS pass options to the JVM;
                -Dtributary.log.level=DEBUG logs every request.""");
    }
}
