package io.tributary.broker.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code tributary dev}, parsed and checked.
 *
 * @param restartCrashed {@code --restart-crashed}: a node that exits without being asked to, after it
 *                       had served, is started again at once on its own data
 */
record DevOptions(int nodes, int port, Path dataDir, boolean restartCrashed) {

    static final String DEFAULT_DATA_DIR = "data/dev";
    static final int DEFAULT_PORT = 9092;
    static final int DEFAULT_NODES = 3;
    /** A dev cluster is for one machine; more nodes than this is a mistyped flag. */
    static final int NODES_MAX = 9;

    /** What {@link #parse} found: options to run with, or help asked for. */
    sealed interface Parsed permits Run, Help {
    }

    record Run(DevOptions options) implements Parsed {
    }

    record Help() implements Parsed {
    }

    /**
     * @throws IllegalArgumentException naming the flag at fault, for a command line that does not parse
     *                                  or asks for ports outside 1-65535
     */
    static Parsed parse(List<String> args) {
        int nodes = DEFAULT_NODES;
        Path dataDir = Path.of(DEFAULT_DATA_DIR);
        int port = DEFAULT_PORT;
        boolean restartCrashed = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String next = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (a) {
                case "--help", "-h", "help" -> {
                    return new Help();
                }
                case "--nodes" -> {
                    nodes = integer(a, next);
                    i++;
                }
                case "--data-dir" -> {
                    dataDir = Path.of(require(a, next));
                    i++;
                }
                case "--port" -> {
                    port = integer(a, next);
                    i++;
                }
                case "--restart-crashed" -> restartCrashed = true;
                default -> throw new IllegalArgumentException("unexpected argument " + a);
            }
        }
        if (nodes < 1 || nodes > NODES_MAX) {
            throw new IllegalArgumentException("--nodes must be between 1 and " + NODES_MAX);
        }
        int highest = DevPorts.highestPort(port, nodes);
        if (port < 1 || highest > 65535) {
            throw new IllegalArgumentException("--port must be between 1 and " + (port + 65535 - highest)
                    + " for " + nodes + " node(s): the ports in use go up to PORT+" + (highest - port));
        }
        return new Run(new DevOptions(nodes, port, dataDir.toAbsolutePath().normalize(), restartCrashed));
    }

    private static String require(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(require(flag, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a number, got " + value);
        }
    }
}
