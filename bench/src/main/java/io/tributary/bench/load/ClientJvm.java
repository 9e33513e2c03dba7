package io.tributary.bench.load;

import io.tributary.bench.node.ChildProcess;
import io.tributary.bench.node.JavaCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one load generator in its own JVM and returns its output. A separate process keeps the bench's
 * own JVM (its heap, its JIT, its GC) out of the measurement and gives every run a cold, identical
 * client. The heap matches what Kafka's perf-test scripts give their tools.
 */
public final class ClientJvm {

    /** {@code kafka-producer-perf-test.sh} and {@code kafka-consumer-perf-test.sh} set -Xmx512M. */
    public static final List<String> HEAP = List.of("-Xmx512m");

    private final String classPath;
    private final Path log4jConfig;

    /**
     * @param classPath   Kafka's client and tools, plus the bench's own classes (for {@link AssignConsumer})
     * @param log4jConfig log4j2 configuration for the tools (WARN to a file beside their output)
     */
    public ClientJvm(String classPath, Path log4jConfig) {
        this.classPath = classPath;
        this.log4jConfig = log4jConfig;
    }

    public record Outcome(int exitCode, String output, Path logFile) {
    }

    public Outcome run(String name, String mainClass, List<String> args, Path logFile, Duration timeout)
            throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(HEAP);
        options.add("-Dlog4j2.configurationFile=" + log4jConfig);
        ChildProcess child = ChildProcess.start(name, JavaCommand.mainClass(options, classPath, mainClass, args), logFile);
        try {
            int exit = child.waitFor(timeout);
            return new Outcome(exit, child.output(), logFile);
        } catch (TimeoutException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * Runs a tool that prints its result, and parses that output; an exit other than 0, or output the parser
     * refuses (an {@link IllegalArgumentException}), is an IOException that points at {@code logFile}.
     */
    public <T> T runAndParse(String name, String mainClass, List<String> args, Path logFile, Duration timeout,
                             Function<String, T> parser) throws IOException, InterruptedException {
        Outcome outcome = run(name, mainClass, args, logFile, timeout);
        String tool = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        if (outcome.exitCode() != 0) {
            throw new IOException(tool + " (" + name + ") exited " + outcome.exitCode() + "; see " + logFile);
        }
        try {
            return parser.apply(outcome.output());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage() + "; see " + logFile, e);
        }
    }
}
