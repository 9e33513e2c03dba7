package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ProcessReaper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./tributary dev ...} run as a user runs it: through the launcher script at the repository
 * root, with its output in a file and its standard input a pipe the test types commands into.
 */
final class DevProcess implements AutoCloseable {
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String BANNER_END = "to start afresh.";

    private final Process process;
    private final Path output;
    private final OutputStream stdin;
    private final String description;

    private DevProcess(Process process, Path output, String description) {
        this.process = process;
        this.output = output;
        this.stdin = process.getOutputStream();
        this.description = description;
    }

    /** Starts {@code ./tributary dev ARGS} in {@code workDir}, its output going to {@code output}. */
    static DevProcess start(Path workDir, Path output, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(launcher());
        command.add("dev");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // The dev process only watches its nodes: a small heap is plenty (each node has its own JVM).
        builder.environment().put("TRIBUTARY_HEAP_OPTS", "-Xms32m -Xmx192m");
        // The client compiler only, for dev and its nodes, as for every node under test (E2eSettings).
        builder.environment().put("TRIBUTARY_JVM_OPTS", "-XX:TieredStopAtLevel=1");
        Process process = builder.start();
        ProcessReaper.track(process);
        return new DevProcess(process, output, String.join(" ", command));
    }

    /**
     * The repository's {@code ./tributary} launcher, or {@code java -jar JAR} when the suite runs another
     * jar. The reactor built the jar from these sources just before the e2e module; its time is set to
     * now so that the launcher does not take a checkout's newer file times for changed sources and
     * rebuild the jar under the running suite.
     */
    static List<String> launcher() throws IOException {
        if (System.getProperty("tributary.e2e.jar") != null) {
            return E2eSettings.tributaryCommand();
        }
        Path jar = E2eSettings.brokerJar();
        assertThat(jar).as("the broker jar the launcher runs").isRegularFile();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        return List.of(E2eSettings.repoDir().resolve("tributary").toString());
    }

    Process process() {
        return process;
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits, bounded, until dev's output satisfies {@code condition}; fails at once if dev exits. */
    void awaitOutput(String what, Duration timeout, Predicate<String> condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(50))
                .failFast("dev exited", () -> !process.isAlive())
                .until(() -> condition.test(output()));
    }

    /** Waits for the banner and returns it: from its first line to its last. */
    String awaitBanner(Duration timeout) {
        awaitOutput("dev prints its banner", timeout, text -> text.contains(BANNER_END));
        String text = output();
        int start = text.indexOf("Tributary dev ");
        assertThat(start).as("the banner's first line in:\n" + text).isNotNegative();
        return text.substring(start, text.indexOf(BANNER_END, start) + BANNER_END.length());
    }

    /** Types {@code line} on dev's standard input. */
    void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** The node process dev says it started last for node {@code id} ("node ID: pid PID, ..."). */
    ProcessHandle node(int id) {
        Matcher m = Pattern.compile("(?m)^node " + id + ": pid (\\d+),").matcher(output());
        long pid = -1;
        while (m.find()) {
            pid = Long.parseLong(m.group(1));
        }
        assertThat(pid).as("the pid dev printed for node %d", id).isPositive();
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("node " + id + " is not running"));
    }

    /**
     * SIGTERM to dev alone: it stops every node cleanly and exits once they all have (with 143, as any
     * JVM ended by SIGTERM does, or 0).
     */
    void stop(int nodes) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().filter(p -> p.info().command().orElse("").contains("java")).toList();
        assertThat(children).as("node processes dev runs").hasSize(nodes);
        process.destroy();
        assertThat(process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("dev exits within %s of SIGTERM", STOP_TIMEOUT).isTrue();
        assertThat(process.exitValue()).as("dev's exit code after SIGTERM").isIn(0, 143);
        assertThat(children).as("node processes still alive after dev exited").noneMatch(ProcessHandle::isAlive);
        assertThat(output()).contains("every node stopped");
    }

    /** The last lines of dev's output, for a failure's message. */
    String tail() {
        List<String> lines = output().lines().toList();
        return "output of " + description + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
