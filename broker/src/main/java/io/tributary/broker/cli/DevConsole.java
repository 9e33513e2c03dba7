package io.tributary.broker.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The commands {@code tributary dev} reads from its standard input, one a line, so a failover drill
 * can be run and repeated from the terminal dev runs in:
 *
 * <pre>
 *   kill N      SIGKILL node N: a crash (restarted at once under --restart-crashed)
 *   stop N      SIGTERM node N: a clean stop, its leaderships handed away first
 *   restart N   start node N again on its data (stopping it cleanly first if it runs)
 *   status      each node's state, pid and ports
 *   help        this list
 * </pre>
 *
 * Lines are read on a daemon thread into a queue of {@value #QUEUE_LINES} lines; a line that arrives
 * while the queue is full is refused with a message (a person types far slower than dev drains it).
 * End of input (dev started with no terminal, or stdin closed) just ends the reading.
 */
final class DevConsole {

    static final int QUEUE_LINES = 16;

    static final String HELP = """
            Commands (type them here, one a line):
              kill N      SIGKILL node N, a crash (a failover drill; under --restart-crashed it comes back at once)
              stop N      SIGTERM node N, a clean stop (it hands its leaderships away first)
              restart N   start node N again on its data (after stopping it cleanly if it runs)
              status      each node's state, pid and ports
              help        this list""";

    /** A parsed line. */
    sealed interface Command permits Kill, Stop, Restart, Status, Help, Invalid {
    }

    record Kill(int node) implements Command {
    }

    record Stop(int node) implements Command {
    }

    record Restart(int node) implements Command {
    }

    record Status() implements Command {
    }

    record Help() implements Command {
    }

    /** A line that is not a command, with what to tell the user. */
    record Invalid(String message) implements Command {
    }

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_LINES);

    private DevConsole() {
    }

    /** Starts reading {@code in} on a daemon thread. */
    static DevConsole start(InputStream in) {
        DevConsole console = new DevConsole();
        Thread reader = new Thread(() -> console.read(in), "tributary-dev-console");
        reader.setDaemon(true);
        reader.start();
        return console;
    }

    private void read(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !lines.offer(line)) {
                    System.out.println("tributary dev: busy, '" + line.trim() + "' ignored; type it again in a moment");
                }
            }
        } catch (IOException e) {
            // Standard input went away (a closed terminal): there is nothing more to read.
        }
    }

    /** The next line typed, waiting at most {@code timeoutMs}; null if none came. */
    String poll(long timeoutMs) throws InterruptedException {
        return lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    static Command parse(String line, int nodes) {
        String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        String verb = words[0];
        switch (verb) {
            case "status":
                return words.length == 1 ? new Status() : new Invalid("status takes no argument");
            case "help":
            case "?":
                return new Help();
            case "kill":
            case "stop":
            case "restart":
            case "start":
                break;
            default:
                return new Invalid("unknown command '" + line.trim() + "'; type help");
        }
        if (words.length != 2) {
            return new Invalid(verb + " takes a node number, 1 to " + nodes + " (e.g. " + verb + " 2)");
        }
        int node;
        try {
            node = Integer.parseInt(words[1]);
        } catch (NumberFormatException e) {
            return new Invalid(verb + " takes a node number, 1 to " + nodes + ", not " + words[1]);
        }
        if (node < 1 || node > nodes) {
            return new Invalid("there is no node " + node + "; the nodes are 1 to " + nodes);
        }
        return switch (verb) {
            case "kill" -> new Kill(node);
            case "stop" -> new Stop(node);
            default -> new Restart(node);
        };
    }
}
