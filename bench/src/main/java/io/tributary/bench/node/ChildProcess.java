package io.tributary.bench.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JVM (or any program) the bench started: a broker node or a load generator. Its standard output and
 * error go to one log file, which is what the bench parses for load-generator results and shows (the
 * tail) when a node dies. Every live child is registered, and a shutdown hook stops the ones still
 * running, so an interrupted bench (Ctrl-C, an exception) leaves no broker behind on the shared machine.
 */
public final class ChildProcess implements AutoCloseable {

    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static final Duration HOOK_GRACE = Duration.ofSeconds(10);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (ChildProcess child : LIVE) {
                child.stop(HOOK_GRACE);
            }
        }, "bench-child-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ChildProcess child = new ChildProcess(name, builder.start(), logFile);
        LIVE.add(child);
        return child;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the child to exit by itself; on timeout it is killed and the timeout reported. */
    public int waitFor(Duration timeout) throws TimeoutException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(Duration.ofSeconds(5));
            throw new TimeoutException(name + " did not finish within " + timeout.toSeconds() + " s; log: " + logFile);
        }
        LIVE.remove(this);
        return process.exitValue();
    }

    /** SIGTERM (a broker's orderly shutdown), then SIGKILL once the grace period is over. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(this);
    }

    /** SIGKILL, as a crash would, and wait (bounded) for the kernel to reap the process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(HOOK_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        LIVE.remove(this);
    }

    /** SIGTERM without waiting; {@link #awaitExit} waits. A cluster signals all its nodes first, then waits. */
    public void terminate() {
        process.destroy();
    }

    /**
     * Sends {@code signal} ({@code STOP}, {@code CONT}) with the system's {@code kill}, which the JDK's
     * Process API cannot send; returns once {@code kill} has exited, by which time the signal is delivered.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            kill.destroyForcibly();
            throw new IOException("kill -s " + signal + " " + process.pid() + " (" + name + ") failed: "
                    + new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    /** Waits up to {@code timeout} for the process to exit; true if it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            LIVE.remove(this);
        }
        return exited;
    }

    /** The exit code; only valid once the process has exited. */
    public int exitValue() {
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
    }

    /** The last lines of the log, for error messages; never throws. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
