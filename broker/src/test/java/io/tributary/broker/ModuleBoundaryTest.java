package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only {@code wire} may use kafka-clients in main code (and {@code bench}, which measures against
 * Kafka, and {@code cli}, a client of any Kafka-compatible cluster that never loads the broker).
 * Everything else speaks Tributary's own types, so the Kafka dependency stays one module deep.
 */
class ModuleBoundaryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> ALLOWED = Set.of("wire", "bench", "cli");
    private static final Pattern KAFKA = Pattern.compile("\\borg\\.apache\\.kafka\\.");

    @Test
    void onlyWireImportsKafka() throws IOException {
        List<Path> mains = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                    .filter(m -> !ALLOWED.contains(m.getFileName().toString()))
                    .forEach(m -> mains.add(m.resolve("src/main/java")));
        }
        assertThat(mains).as("modules found under " + ROOT).extracting(p -> p.getParent().getParent().getParent().getFileName().toString())
                .contains("broker", "common");
        List<String> offenders = new ArrayList<>();
        for (Path main : mains) {
            try (Stream<Path> files = Files.walk(main)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    try {
                        List<String> lines = Files.readAllLines(f);
                        for (int i = 0; i < lines.size(); i++) {
                            if (KAFKA.matcher(lines.get(i)).find()) {
                                offenders.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        assertThat(offenders).as("main code outside wire, bench and cli must not use org.apache.kafka").isEmpty();
    }

    @Test
    void theCheckSeesAViolation() {
        assertThat(KAFKA.matcher("import org.apache.kafka.common.Uuid;").find()).isTrue();
        assertThat(KAFKA.matcher("import io.tributary.kafkaish.Thing;").find()).isFalse();
    }
}
