package io.tributary.bench.profile;

import io.tributary.bench.node.ChildProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Starts and dumps a Java Flight Recording in a running broker with {@code jcmd}, so the recording
 * covers only the load phases and not the JVM's start-up (class loading, JIT of start-up code), which
 * would otherwise dominate a short run's profile.
 */
public final class FlightRecorder {

    private static final String NAME = "bench";
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

    private FlightRecorder() {
    }

    public static void start(long pid, Path logDirectory) throws IOException, InterruptedException {
        jcmd(pid, List.of("JFR.start", "name=" + NAME, "settings=profile"), logDirectory.resolve("jcmd-jfr-start.log"));
    }

    public static void dump(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, List.of("JFR.dump", "name=" + NAME, "filename=" + file), file.resolveSibling("jcmd-jfr-dump.log"));
    }

    private static void jcmd(long pid, List<String> command, Path log) throws IOException, InterruptedException {
        List<String> full = new java.util.ArrayList<>();
        full.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        full.add(Long.toString(pid));
        full.addAll(command);
        ChildProcess jcmd = ChildProcess.start("jcmd " + command.get(0), full, log);
        try {
            int exit = jcmd.waitFor(JCMD_TIMEOUT);
            if (exit != 0) {
                throw new IOException("jcmd " + String.join(" ", command) + " exited " + exit + ": " + jcmd.tail(5));
            }
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
