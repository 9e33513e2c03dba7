package io.tributary.broker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * With no input (dev started with stdin from /dev/null, or in the background) nothing is read.
 */
final class DevConsole {

    static final int QUEUE_LINES = 16;
    private static final long POLL_MS = 100;

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

    /**
     * Reads lines without ever blocking in {@code read()}: bytes are read only once they are there and,
     * when standard input is a terminal, only while dev is in the terminal's foreground. A process that
     * reads its terminal from the background is stopped by SIGTTIN, and with it every node of its
     * process group: {@code ./tributary dev &} would freeze the whole cluster.
     */
    private void read(InputStream in) {
        boolean terminal = stdinIsTerminal();
        StringBuilder line = new StringBuilder();
        byte[] buffer = new byte[1024];
        try {
            while (true) {
                int available = in.available();
                if (available <= 0 || (terminal && inBackground())) {
                    // Nothing typed yet (or not ours to read): look again shortly; a person is typing.
                    Thread.sleep(POLL_MS);
                    continue;
                }
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n < 0) {
                    return;
                }
                for (char c : new String(buffer, 0, n, StandardCharsets.UTF_8).toCharArray()) {
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    offer(line.toString());
                    line.setLength(0);
                }
            }
        } catch (IOException e) {
            // Standard input went away (a closed terminal): there is nothing more to read.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(String line) {
        if (!line.isBlank() && !lines.offer(line)) {
            System.out.println("tributary dev: busy, '" + line.trim() + "' ignored; type it again in a moment");
        }
    }

    /** Whether file descriptor 0 is a terminal (Linux: /proc/self/fd/0 names a tty device). */
    private static boolean stdinIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether this process is in the background of its terminal: its process group is not the
     * terminal's foreground group (fields 5 and 8 of /proc/self/stat, after the command name).
     */
    static boolean inBackground() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long processGroup = Long.parseLong(fields[2]);
            long foregroundGroup = Long.parseLong(fields[5]);
            return foregroundGroup != processGroup;
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: read anyway, as any program would.
            return false;
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
