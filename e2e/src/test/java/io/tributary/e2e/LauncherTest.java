package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./tributary} launcher script itself: {@code dev --help} is help, not an error, and the
 * build it runs when the jar is missing leaves no terminal escape codes in its output (Debian's
 * Maven 3.8 writes {@code ESC[0m} even with {@code -q -B}), so a log of it stays plain text.
 */
class LauncherTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void devHelpPrintsUsageAndExitsZero(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(E2eSettings.nodeCommandOverridden(), "runs the broker jar itself");
        List<String> command = new ArrayList<>(DevProcess.launcher());
        command.addAll(List.of("dev", "--help"));
        CommandRunner.Result result = CommandRunner.run(command, dir, new byte[0], TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).as(result.describe()).contains("Usage: tributary dev", "--restart-crashed", "restart N");
        assertThat(result.stderr()).as(result.describe()).doesNotContain("unexpected argument");
    }

    /**
     * A copy of the launcher in a directory without the jar, with a {@code mvn} first on PATH that
     * writes escape codes to both its streams (as Debian's does) and then puts the real jar where the
     * build would: the launcher's output holds no escape code, and it then runs the jar.
     */
    @Test
    void theBuildTheLauncherRunsLeavesNoEscapeCodesInItsOutput(@TempDir Path dir) throws Exception {
        Assumptions.assumeFalse(System.getProperty("tributary.e2e.jar") != null, "uses the repository's launcher and jar");
        Path root = Files.createDirectories(dir.resolve("checkout"));
        Files.copy(E2eSettings.repoDir().resolve("tributary"), root.resolve("tributary"));
        Files.copy(E2eSettings.repoDir().resolve("pom.xml"), root.resolve("pom.xml"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeMvn = bin.resolve("mvn");
        Files.writeString(fakeMvn, """
                #!/usr/bin/env bash
                printf '\\033[0m\\033[0m'
                printf '\\033[0m\\033[1;31m' >&2
                mkdir -p '%1$s/broker/target'
                cp '%2$s' '%1$s/broker/target/tributary.jar'
                printf '\\033[0m\\033[0m'
                """.formatted(root, E2eSettings.brokerJar()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fakeMvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        String path = bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        CommandRunner.Result result = CommandRunner.run(List.of("env", "PATH=" + path, root.resolve("tributary").toString(), "version"),
                dir, new byte[0], TIMEOUT);
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as("the launcher built the jar: " + result.describe()).contains("building the broker");
        assertThat(result.stdout()).as(result.describe()).startsWith("tributary ");
        assertThat(result.stdout() + result.stderr()).as("escape codes in the launcher's output: " + result.describe())
                .doesNotContain("\u001b");
    }
}
