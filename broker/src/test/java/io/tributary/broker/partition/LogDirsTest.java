package io.tributary.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirsTest {

    @TempDir
    Path root;

    @Test
    void aDirectoryIsLockedWhileInUse() throws IOException {
        Path a = root.resolve("a");
        try (LogDirs first = LogDirs.lock(List.of(a))) {
            assertThat(first.dirs()).containsExactly(a);
            assertThatThrownBy(() -> LogDirs.lock(List.of(a))).isInstanceOf(IOException.class).hasMessageContaining("in use");
        }
        try (LogDirs again = LogDirs.lock(List.of(a))) {
            assertThat(again.dirs()).containsExactly(a);
        }
    }

    @Test
    void newPartitionsGoToTheLeastLoadedDirectory() throws IOException {
        Path a = root.resolve("a");
        Path b = root.resolve("b");
        try (LogDirs d = LogDirs.lock(List.of(a, b))) {
            TopicPartition tp = new TopicPartition("t", 3);
            assertThat(d.placeNew(tp, Map.of())).isEqualTo(a.resolve("t-3"));
            assertThat(d.placeNew(tp, Map.of(a, 2, b, 1))).isEqualTo(b.resolve("t-3"));
        }
    }

    @Test
    void scanFindsPartitionsAndFinishesInterruptedDeletions() throws IOException {
        Path a = root.resolve("a");
        Files.createDirectories(a.resolve("orders-0"));
        Files.createDirectories(a.resolve("my-topic-12"));
        Files.createDirectories(a.resolve("gone-1.0123abcd-delete"));
        Files.writeString(a.resolve("gone-1.0123abcd-delete/00000000000000000000.log"), "x");
        Files.createDirectories(a.resolve("__cluster_metadata-0"));
        try (LogDirs d = LogDirs.lock(List.of(a))) {
            Map<TopicPartition, Path> found = d.scan(Runnable::run);
            assertThat(found).containsOnlyKeys(new TopicPartition("orders", 0), new TopicPartition("my-topic", 12));
            assertThat(Files.exists(a.resolve("gone-1.0123abcd-delete"))).isFalse();
        }
    }

    @Test
    void renameAndDeleteFreesTheNameAtOnce() throws IOException {
        Path p = root.resolve("t-0");
        Files.createDirectories(p);
        Files.writeString(p.resolve("00000000000000000000.log"), "data");
        Path renamed = LogDirs.renameAndDelete(p, task -> { });
        assertThat(Files.exists(p)).isFalse();
        assertThat(renamed.getFileName().toString()).startsWith("t-0.").endsWith("-delete");
        LogDirs.deleteRecursively(renamed);
        assertThat(Files.exists(renamed)).isFalse();
    }
}
