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
                        Run a local node for development: writes DIR/node-1/server.properties, keeps data and
                        a log file under DIR (default ./data/dev), listens on localhost:PORT (default 9092),
                        and prints how to connect. Ctrl-C stops it cleanly. Only --nodes 1 for now.
                  version
                        Print the version.
                  help
                        Print this text.

                Environment: TRIBUTARY_HEAP_OPTS and TRIBUTARY_JVM_OPTS pass options to the JVM;
                -Dtributary.log.level=DEBUG logs every request.""");
    }
}
