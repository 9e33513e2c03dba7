package io.tributary.e2e.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The knobs of the end-to-end suite, read from system properties and the environment once.
 *
 * <ul>
 *   <li>{@code tributary.e2e.bootstrap} (system property): run the tests that do not kill processes
 *       against an already-running cluster at {@code host:port} instead of starting Tributary nodes.
 *       Tests that kill or restart nodes are skipped in that mode.</li>
 *   <li>{@code tributary.e2e.jar} (system property): the broker jar; by default
 *       {@code ../broker/target/tributary.jar} relative to the e2e module.</li>
 *   <li>{@code tributary.e2e.command} (system property): a command prefix that replaces
 *       {@code java ... -jar JAR server}; the properties file is appended. For running the suite
 *       against another build of the node (a profiler, a wrapper script).</li>
 *   <li>{@code TRIBUTARY_E2E_REQUIRE_TOOLS=1} (environment, or the system property of the same name
 *       in lower case with dots): a missing external tool (kcat, node, kafkajs) fails the test
 *       instead of skipping it. CI sets it, so a missing install can never hide as a skip.</li>
 *   <li>{@code TRIBUTARY_E2E_JVM_OPTS} (environment): extra JVM options for every node.</li>
 * </ul>
 */
public final class E2eSettings {
    private E2eSettings() {
    }

    /** The external cluster to use, if the run targets one. */
    public static Optional<String> externalBootstrap() {
        String value = System.getProperty("tributary.e2e.bootstrap", "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Whether a missing tool must fail the test rather than skip it. */
    public static boolean toolsRequired() {
        String env = System.getenv("TRIBUTARY_E2E_REQUIRE_TOOLS");
        String prop = System.getProperty("tributary.e2e.require.tools");
        return "1".equals(env) || "true".equalsIgnoreCase(env) || "true".equalsIgnoreCase(prop);
    }

    /** The e2e module's directory (Surefire sets {@code basedir}; the working directory otherwise). */
    public static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
    }

    /** The repository root, where {@code ./tributary} lives. */
    public static Path repoDir() {
        return moduleDir().getParent();
    }

    /** Where the suite keeps node directories: under the module's build directory, so CI keeps them. */
    public static Path runsDir() {
        return moduleDir().resolve("target").resolve("e2e-runs");
    }

    /** The broker jar the nodes run. */
    public static Path brokerJar() {
        String jar = System.getProperty("tributary.e2e.jar");
        if (jar != null && !jar.isBlank()) {
            return Path.of(jar).toAbsolutePath();
        }
        return repoDir().resolve("broker").resolve("target").resolve("tributary.jar");
    }

    /** The command that runs one node, without the properties file argument. */
    public static List<String> nodeCommand() {
        String override = System.getProperty("tributary.e2e.command", "").trim();
        if (!override.isEmpty()) {
            return List.of(override.split("\\s+"));
        }
        List<String> command = new ArrayList<>(tributaryCommand());
        command.add("server");
        return List.copyOf(command);
    }

    /** Whether nodes run from a command other than the broker jar ({@code tributary.e2e.command}). */
    public static boolean nodeCommandOverridden() {
        return !System.getProperty("tributary.e2e.command", "").isBlank();
    }

    /** {@code java [options] -jar tributary.jar}: the launcher, before its subcommand. */
    public static List<String> tributaryCommand() {
        Path jar = brokerJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the broker jar " + jar + " does not exist; build the reactor first "
                    + "(mvn -B -ntp verify from the repository root builds the broker before the e2e module)");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // Small heaps: the suite runs several nodes at once on a 2-core machine.
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                // The client compiler only. A node under test lives seconds to a minute, too short for C2's
                // compilations to pay for the CPU they take from the other nodes on the same two cores: a
                // three-node cluster used 7 to 8 CPU seconds per node to become ready with C2 and 3.4 to
                // 3.8 with C1 alone, and 9 against 4.4 after 20,000 records in and out (2026-12-07).
                // TRIBUTARY_E2E_JVM_OPTS=-XX:TieredStopAtLevel=4 brings C2 back, for a run that measures.
                "-XX:TieredStopAtLevel=1",
                "-Dtributary.home=" + repoDir()));
        String extra = System.getenv("TRIBUTARY_E2E_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        return List.copyOf(command);
    }
}
