package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/bin/tributary-node}, the container image's entrypoint and the systemd unit's command
 * (docs/operations.md): with an installed layout (the broker jar in TRIBUTARY_HOME) it runs the jar's
 * {@code server} on TRIBUTARY_CONFIG with one {@code --override} per TRIBUTARY_CFG_* variable, named
 * as the apache/kafka image names KAFKA_* ones; a missing jar or config is one line and exit status 1.
 * The environment is cleared, so that the machine's own variables cannot leak into what is checked.
 */
class DeployNodeScriptTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Path script() {
        return E2eSettings.repoDir().resolve("deploy/bin/tributary-node");
    }

    private static CommandRunner.Result run(Path dir, List<String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "-i", "PATH=/usr/bin:/bin"));
        command.addAll(env);
        command.add(script().toString());
        command.addAll(List.of(args));
        return CommandRunner.run(command, dir, new byte[0], TIMEOUT);
    }

    @Test
    void everyTributaryCfgVariableBecomesAnOverrideOfTheConfigFile(@TempDir Path dir) throws Exception {
        Path home = E2eSettings.brokerJar().getParent();
        Path config = Files.writeString(dir.resolve("server.properties"), "node.id=1\n");
        CommandRunner.Result result = run(dir, List.of("TRIBUTARY_HOME=" + home, "TRIBUTARY_CONFIG=" + config,
                "TRIBUTARY_HEAP_OPTS=-Xmx300m", "TRIBUTARY_JVM_OPTS=-Dx=1 -Dy=2",
                "TRIBUTARY_CFG_NODE_ID=3", "TRIBUTARY_CFG_CONTROLLER_QUORUM_VOTERS=1@a:9093,2@b:9093",
                "TRIBUTARY_CFG_SOME__KEY=x", "TRIBUTARY_CFG_A___B=y", "TRIBUTARY_CFG_EMPTY=", "TRIBUTARY_CFG_=ignored",
                "KAFKA_NODE_ID=9"), "--print-command");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdoutLines()).as(result.describe()).containsExactly("java", "-Xmx300m", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError", "-Dx=1", "-Dy=2",
                "-jar", home.resolve("tributary.jar").toString(), "server", config.toString(),
                "--override", "a-b=y",
                "--override", "controller.quorum.voters=1@a:9093,2@b:9093",
                "--override", "empty=",
                "--override", "node.id=3",
                "--override", "some_key=x");
    }

    @Test
    void aMissingJarOrConfigIsOneLineAndExitStatusOne(@TempDir Path dir) throws Exception {
        CommandRunner.Result noJar = run(dir, List.of("TRIBUTARY_HOME=" + dir), "--print-command");
        assertThat(noJar.exitCode()).as(noJar.describe()).isEqualTo(1);
        assertThat(noJar.stderr()).as(noJar.describe())
                .isEqualTo("tributary: no broker jar at " + dir.resolve("tributary.jar") + " (TRIBUTARY_HOME=" + dir + ")\n");

        Path home = E2eSettings.brokerJar().getParent();
        Path missing = dir.resolve("absent.properties");
        CommandRunner.Result noConfig = run(dir, List.of("TRIBUTARY_HOME=" + home, "TRIBUTARY_CONFIG=" + missing), "--print-command");
        assertThat(noConfig.exitCode()).as(noConfig.describe()).isEqualTo(1);
        assertThat(noConfig.stderr()).as(noConfig.describe())
                .isEqualTo("tributary: cannot read the config file " + missing + " (TRIBUTARY_CONFIG)\n");
    }
}
