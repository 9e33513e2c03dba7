package io.tributary.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external client program (kcat, node) to completion with a bound on its run time. Its
 * stdout and stderr go to files, not pipes, so a chatty program can never block on a full pipe.
 */
public final class CommandRunner {
    private CommandRunner() {
    }

    /** What a finished command printed, and how it exited. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        /** Fails with everything the command printed unless it exited with 0. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe());
            }
            return this;
        }

        public List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
        }

        public String describe() {
            return String.join(" ", command) + " exited with " + exitCode
                    + "\n---- stdout ----\n" + stdout + "\n---- stderr ----\n" + stderr;
        }
    }

    /**
     * Runs {@code command} in {@code workDir} with {@code stdin} as its standard input, and kills it
     * (failing the test) if it runs longer than {@code timeout}.
     */
    public static Result run(List<String> command, Path workDir, byte[] stdin, Duration timeout) {
        try {
            Path io = Files.createTempDirectory("tributary-e2e-cmd-");
            try {
                Path in = Files.write(io.resolve("stdin"), stdin);
                Path out = io.resolve("stdout");
                Path err = io.resolve("stderr");
                Process process = new ProcessBuilder(command)
                        .directory(workDir.toFile())
                        .redirectInput(in.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!exited) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                Result result = new Result(List.copyOf(command), exited ? process.exitValue() : -1,
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
                if (!exited) {
                    throw new AssertionError("killed after running longer than " + timeout + ": " + result.describe());
                }
                return result;
            } finally {
                for (String name : List.of("stdin", "stdout", "stderr")) {
                    Files.deleteIfExists(io.resolve(name));
                }
                Files.deleteIfExists(io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
