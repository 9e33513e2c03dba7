package io.tributary.broker.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One node process of a dev cluster ({@link DevCluster}): {@code tributary server DIR/server.properties}
 * in a child JVM, its output appended to {@code DIR/tributary.log}. The same node can be launched
 * again after it exits; it keeps its directory, so it comes back as the same broker with its data.
 *
 * <p>State is written by dev's watch loop and read by its shutdown hook, hence volatile fields.
 */
final class DevNode {

    private final int id;
    private final Path dir;
    private final int clientPort;
    private final int controllerPort;
    private volatile Process process;
    /** Where this launch's output starts in the log, so its tail shows this run only. */
    private volatile long logOffsetAtLaunch;
    private volatile boolean stoppedOnRequest;
    private volatile boolean restartWhenStopped;
    private volatile boolean exitReported;
    private volatile boolean servedSinceLaunch;

    DevNode(int id, Path dir, int clientPort, int controllerPort) {
        this.id = id;
        this.dir = dir;
        this.clientPort = clientPort;
        this.controllerPort = controllerPort;
    }

    int id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    int clientPort() {
        return clientPort;
    }

    int controllerPort() {
        return controllerPort;
    }

    Path configFile() {
        return dir.resolve("server.properties");
    }

    Path log() {
        return dir.resolve("tributary.log");
    }

    void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xms64m");
        command.add("-Xmx512m");
        command.add("-XX:+UseG1GC");
        String level = System.getProperty("tributary.log.level");
        if (level != null) {
            command.add("-Dtributary.log.level=" + level);
        }
        // TRIBUTARY_JVM_OPTS reaches the nodes too, not only the dev process the launcher starts with it:
        // the nodes are where JVM options (a debug agent, -XX flags, a log level) are wanted.
        String jvmOpts = System.getenv("TRIBUTARY_JVM_OPTS");
        if (jvmOpts != null && !jvmOpts.isBlank()) {
            command.addAll(Arrays.asList(jvmOpts.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tributary.broker.Main");
        command.add("server");
        command.add(configFile().toString());
        logOffsetAtLaunch = Files.isRegularFile(log()) ? Files.size(log()) : 0;
        stoppedOnRequest = false;
        restartWhenStopped = false;
        exitReported = false;
        servedSinceLaunch = false;
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
        // ./tributary drill finds the node to fail here (node id = broker id); renamed into place so it never reads half a pid.
        Path pidTemp = dir.resolve("pid.tmp");
        Files.writeString(pidTemp, process.pid() + "\n", StandardCharsets.UTF_8);
        Files.move(pidTemp, dir.resolve("pid"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("node " + id + ": pid " + process.pid() + ", client port " + clientPort + ", CONTROLLER port "
                + controllerPort + ", log " + log());
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** SIGTERM: the node stops cleanly. {@code thenRestart} starts it again once it has. */
    void stop(boolean thenRestart) {
        stoppedOnRequest = true;
        restartWhenStopped = thenRestart;
        process.destroy();
    }

    /** SIGKILL: a crash, as far as the cluster can tell. */
    void kill() {
        process.destroyForcibly();
    }

    boolean awaitStopped(long timeoutMs) {
        try {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns when the process exits or after {@code timeoutMs}, whichever is first. */
    void awaitExit(long timeoutMs) throws InterruptedException {
        process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean stoppedOnRequest() {
        return stoppedOnRequest;
    }

    boolean restartWhenStopped() {
        return restartWhenStopped;
    }

    boolean exitReported() {
        return exitReported;
    }

    void markExitReported() {
        exitReported = true;
    }

    boolean servedSinceLaunch() {
        return servedSinceLaunch;
    }

    void markServing() {
        servedSinceLaunch = true;
    }

    String describe() {
        String state = alive() ? (servedSinceLaunch ? "serving" : "starting") : "not running";
        return "node " + id + ": " + state + (alive() ? ", pid " + pid() : "") + ", client port " + clientPort
                + ", CONTROLLER port " + controllerPort + ", log " + log();
    }

    /** The last {@code lines} lines this launch wrote to the log. */
    List<String> logTail(int lines) {
        try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "r")) {
            long start = Math.min(logOffsetAtLaunch, f.length());
            byte[] bytes = new byte[(int) Math.min(f.length() - start, 64 * 1024)];
            f.seek(f.length() - bytes.length);
            f.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log() + ": " + e.getMessage() + ")");
        }
    }

    /** What an exit status says about how the process ended. */
    static String describeStatus(int code) {
        return switch (code) {
            case 137 -> " (killed by SIGKILL)";
            case 143 -> " (stopped by SIGTERM)";
            case 130 -> " (stopped by SIGINT)";
            default -> "";
        };
    }

    /** A crash: not a clean stop (0), nor one a person asked for with SIGTERM or Ctrl-C. */
    static boolean isCrash(int code) {
        return code != 0 && code != 130 && code != 143;
    }
}
