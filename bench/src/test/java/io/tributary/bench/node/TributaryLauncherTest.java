package io.tributary.bench.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TributaryLauncherTest {

    private static final String LAUNCHER = """
            #!/usr/bin/env bash
            set -euo pipefail
            exec java ${TRIBUTARY_HEAP_OPTS:--Xms256m -Xmx1g} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \\
              -Dtributary.home="$ROOT" ${TRIBUTARY_JVM_OPTS:-} -jar "$JAR" "$@"
            """;

    @Test
    void takesTheHeapDefaultAndGcFlagsFromTheLauncher() {
        assertThat(TributaryLauncher.jvmFlags(LAUNCHER, null, null))
                .containsExactly("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }

    @Test
    void environmentOverridesTheHeapAndAddsJvmOptionsAsTheLauncherDoes() {
        assertThat(TributaryLauncher.jvmFlags(LAUNCHER, "-Xms1g -Xmx1g", "-XX:+AlwaysPreTouch"))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+AlwaysPreTouch");
    }

    @Test
    void takesTheBrokersExecLineNotTheClientCommandsOne() {
        String launcher = """
                #!/usr/bin/env bash
                case "${1:-}" in
                  topics|produce)
                    exec java ${TRIBUTARY_CLI_HEAP_OPTS:--Xmx256m} -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \\
                      -jar "$CLI_JAR" "$@"
                    ;;
                esac
                """ + LAUNCHER.substring(LAUNCHER.indexOf("exec java"));

        assertThat(TributaryLauncher.jvmFlags(launcher, null, null))
                .containsExactly("-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");
    }

    @Test
    void anUnreadableLauncherFallsBackToTheDocumentedHeap() {
        assertThat(TributaryLauncher.jvmFlags("", null, null)).containsExactly("-Xms256m", "-Xmx1g");
    }

    @Test
    void readsTheRepositorysOwnLauncher() throws Exception {
        Path launcher = Path.of("..", "tributary");
        String text = Files.readString(launcher);

        assertThat(TributaryLauncher.jvmFlags(text, null, null)).anyMatch(f -> f.startsWith("-Xmx")).contains("-XX:+UseG1GC")
                .doesNotContain("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }
}
