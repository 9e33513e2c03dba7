package io.tributary.coordinator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coordinator core stays pure, so the simulation can drive it: no threads, sockets, files or
 * clocks, and neither {@code wire} nor kafka-clients (the broker converts wire requests).
 */
class PurityTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(java\\.net\\.|java\\.nio\\.file\\.|java\\.io\\.File|java\\.util\\.concurrent\\.|java\\.time\\."
                    + "|new Thread\\b|Thread\\.|System\\.(currentTimeMillis|nanoTime)|org\\.apache\\.kafka\\.|io\\.tributary\\.wire\\.)");

    @Test
    void mainCodeUsesNoThreadsSocketsFilesClocksOrWire() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        offenders.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theCheckSeesAViolation() {
        assertThat(FORBIDDEN.matcher("long t = System.currentTimeMillis();").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import io.tributary.wire.api.JoinGroupCodec;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import java.util.concurrent.Executor;").find()).isTrue();
        assertThat(FORBIDDEN.matcher("import java.util.random.RandomGenerator;").find()).isFalse();
    }
}
