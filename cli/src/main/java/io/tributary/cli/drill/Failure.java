package io.tributary.cli.drill;

import io.tributary.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the drill makes a broker fail: the user's command ({@code --kill-command}), or, next to
 * {@code ./tributary dev}, a signal to the node's process, found through the pid file dev keeps at
 * {@code DIR/node-N/pid}.
 */
public sealed interface Failure permits Failure.Command, Failure.DevNode {

    /** Makes broker {@code broker} (at {@code host}:{@code port}) fail; throws a {@link CliException} if it could not. */
    void fail(int broker, String host, int port) throws InterruptedException;

    /** How, in words, for the report: "SIGKILL to ./tributary dev's node 2 (pid 4242)". */
    String describe(int broker, String host, int port);

    /** What the user does next to bring the broker back, or empty if the drill cannot say. */
    Optional<String> bringBack(int broker);

    /** The signals the drill sends, by their Unix names. */
    enum Signal {
        KILL, TERM
    }

    /**
     * {@code sh -c TEMPLATE} with {@code {broker}}, {@code {host}}, {@code {port}} and {@code {signal}}
     * replaced, such as {@code ssh {host} sudo systemctl kill -s {signal} tributary}. It must exit
     * with 0 within {@code timeoutMs}; its output is kept for the error message.
     */
    record Command(String template, Signal signal, long timeoutMs) implements Failure {
        public Command {
            if (template.isBlank()) {
                throw new CliException("--kill-command is empty");
            }
        }

        String expand(int broker, String host, int port) {
            return template.replace("{broker}", Integer.toString(broker)).replace("{host}", host)
                    .replace("{port}", Integer.toString(port)).replace("{signal}", signal.name());
        }

        @Override
        public void fail(int broker, String host, int port) throws InterruptedException {
            String command = expand(broker, host, port);
            Process process;
            Path output;
            try {
                output = Files.createTempFile("tributary-drill-kill", ".out");
                process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            } catch (IOException e) {
                throw new CliException("cannot run --kill-command '" + command + "': " + e.getMessage());
            }
            try {
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new CliException("--kill-command '" + command + "' did not finish within " + timeoutMs + " ms");
                }
                if (process.exitValue() != 0) {
                    throw new CliException("--kill-command '" + command + "' exited with status " + process.exitValue()
                            + lastLine(output));
                }
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A temporary file left behind harms nobody.
                }
            }
        }

        private static String lastLine(Path output) {
            try {
                List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
                return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1).strip();
            } catch (IOException e) {
                return "";
            }
        }

        @Override
        public String describe(int broker, String host, int port) {
            return "--kill-command '" + expand(broker, host, port) + "'";
        }

        @Override
        public Optional<String> bringBack(int broker) {
            return Optional.empty();
        }
    }

    /**
     * A signal to node {@code N} of {@code ./tributary dev} running on {@code dataDir}: dev's node ids
     * are the broker ids, and dev writes each node's pid to {@code node-N/pid} when it starts it.
     */
    record DevNode(Path dataDir, Signal signal) implements Failure {
        static Path pidFile(Path dataDir, int broker) {
            return dataDir.resolve("node-" + broker).resolve("pid");
        }

        /** Whether a dev cluster has left pid files here, that is, whether the dev way can be tried at all. */
        public static boolean present(Path dataDir) {
            return Files.isRegularFile(pidFile(dataDir, 1));
        }

        /** The live process of node {@code broker}, or a one-line error saying why there is none. */
        ProcessHandle process(int broker) {
            Path file = pidFile(dataDir, broker);
            long pid;
            try {
                pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (NoSuchFileException e) {
                throw new CliException("broker " + broker + " is not a node of ./tributary dev in " + dataDir + " (no " + file
                        + "); give --kill-command for a cluster that dev did not start");
            } catch (IOException | NumberFormatException e) {
                throw new CliException("cannot read the pid of dev's node " + broker + " from " + file + ": " + e.getMessage());
            }
            ProcessHandle process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).orElseThrow(() -> new CliException(
                    "dev's node " + broker + " (pid " + pid + " in " + file + ") is not running; is ./tributary dev running on " + dataDir + "?"));
            // A pid file outlives its process, and the pid may since belong to another program: signal only
            // a process whose command line names this node's config, as dev starts it.
            String config = dataDir.toAbsolutePath().normalize().resolve("node-" + broker).resolve("server.properties").toString();
            if (!process.info().commandLine().orElse("").contains(config)) {
                throw new CliException("pid " + pid + " in " + file + " is not dev's node " + broker + " (its command line does not name "
                        + config + "); is ./tributary dev running on " + dataDir + "?");
            }
            return process;
        }

        @Override
        public void fail(int broker, String host, int port) {
            ProcessHandle process = process(broker);
            boolean sent = signal == Signal.KILL ? process.destroyForcibly() : process.destroy();
            if (!sent) {
                throw new CliException("could not send SIG" + signal + " to dev's node " + broker + " (pid " + process.pid() + ")");
            }
        }

        @Override
        public String describe(int broker, String host, int port) {
            return "SIG" + signal + " to ./tributary dev's node " + broker;
        }

        @Override
        public Optional<String> bringBack(int broker) {
            return Optional.of("type 'restart " + broker + "' in ./tributary dev's terminal (or run dev with --restart-crashed)");
        }
    }
}
