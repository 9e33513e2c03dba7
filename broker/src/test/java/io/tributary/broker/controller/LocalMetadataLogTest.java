package io.tributary.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.TopicId;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.TopicRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetadataLogTest {

    @TempDir
    Path dir;

    /** Replays what it is given into an image, as the broker and controller do. */
    static final class ImageListener implements MetadataLog.Listener {
        MetadataImage image = MetadataImage.EMPTY;
        final List<Long> offsets = new ArrayList<>();
        long activeEpoch = -1;
        boolean snapshotLoaded;

        @Override
        public void onCommit(long offset, List<MetadataRecord> records) {
            MetadataDelta d = new MetadataDelta(image);
            d.replayAll(records);
            image = d.apply(offset);
            offsets.add(offset);
        }

        @Override
        public void onBecomeActive(long epoch) {
            activeEpoch = epoch;
        }

        @Override
        public void onResign() {
        }

        @Override
        public void onSnapshotLoaded(MetadataImage loaded) {
            image = loaded;
            snapshotLoaded = true;
        }
    }

    private static TopicRecord topic(String name, long seed) {
        return new TopicRecord(name, TopicId.random(new SplittableRandom(seed)));
    }

    private ImageListener openActive(LocalMetadataLog log) {
        ImageListener l = new ImageListener();
        log.register(l);
        log.becomeActive();
        return l;
    }

    @Test
    void committedBatchesSurviveARestartAndEpochsGrow() throws IOException {
        long firstEpoch;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            ImageListener l = openActive(log);
            firstEpoch = l.activeEpoch;
            assertThat(log.append(List.of(new ClusterIdRecord("c1"))).join()).isEqualTo(0L);
            assertThat(log.append(List.of(topic("a", 1), topic("b", 2))).join()).isEqualTo(1L);
            assertThat(l.image.topics().keySet()).containsExactly("a", "b");
        }
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            ImageListener l = openActive(log);
            assertThat(l.offsets).containsExactly(0L, 1L);
            assertThat(l.image.clusterId()).contains("c1");
            assertThat(l.activeEpoch).isGreaterThan(firstEpoch);
            assertThat(log.append(List.of(topic("c", 3))).join()).isEqualTo(2L);
        }
    }

    @Test
    void aTornTailIsCutOnOpen() throws IOException {
        Path file;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            openActive(log);
            log.append(List.of(new ClusterIdRecord("c1"))).join();
            log.append(List.of(topic("a", 1))).join();
            file = Files.list(log.directory()).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        long intact = Files.size(file);
        // A crash mid-append: half of a third entry reached the disk.
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            openActive(log);
            log.append(List.of(topic("b", 2))).join();
        }
        long withThird = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(intact + (withThird - intact) / 2);
        }
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            ImageListener l = openActive(log);
            assertThat(l.image.topics().keySet()).containsExactly("a");
            assertThat(Files.size(file)).isEqualTo(intact);
            assertThat(log.append(List.of(topic("b", 2))).join()).isEqualTo(2L);
        }
    }

    @Test
    void damageInTheMiddleRefusesToStart() throws IOException {
        Path file;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            openActive(log);
            log.append(List.of(new ClusterIdRecord("c1"))).join();
            log.append(List.of(topic("a", 1))).join();
            file = Files.list(log.directory()).filter(p -> p.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(MetadataLogFile.HEADER_BYTES + 2);
            raf.write(0x5a);
        }
        assertThatThrownBy(() -> LocalMetadataLog.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aCleanShutdownSnapshotReplacesTheLog() throws IOException {
        MetadataImage before;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            ImageListener l = openActive(log);
            log.append(List.of(new ClusterIdRecord("c1"))).join();
            log.append(List.of(topic("a", 1))).join();
            before = l.image;
            log.snapshotAndClose(l.image);
        }
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            ImageListener l = openActive(log);
            assertThat(l.snapshotLoaded).isTrue();
            assertThat(l.offsets).isEmpty();
            assertThat(l.image).isEqualTo(before);
            assertThat(log.append(List.of(topic("b", 2))).join()).isEqualTo(2L);
            assertThat(l.image.topics().keySet()).containsExactly("a", "b");
        }
    }

    @Test
    void appendsBeforeActivationOrWithAStaleEpochAreRefused() throws IOException {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            assertThatThrownBy(() -> log.append(List.of(new ClusterIdRecord("c1"))).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(NotControllerException.class);
            openActive(log);
            assertThatThrownBy(() -> log.append(log.epoch() - 1, List.of(new ClusterIdRecord("c1"))).join())
                    .hasCauseInstanceOf(NotControllerException.class);
        }
    }
}
