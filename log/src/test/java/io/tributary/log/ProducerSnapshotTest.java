package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProducerSnapshotTest extends LogTestSupport {

    @Test
    void latestSnapshotIsTheNewestIntactOneAndItsBytesComeBackUnchanged() throws Exception {
        open(LogConfig.DEFAULT);
        appendMany(10, 1, 10, 0);
        assertThat(log.latestProducerSnapshot()).isEmpty();
        log.writeProducerSnapshot(3, ByteBuffer.wrap("three".getBytes()));
        log.writeProducerSnapshot(7, ByteBuffer.wrap("seven".getBytes()));
        assertThat(dir.resolve("00000000000000000007.snapshot")).exists();
        assertThat(log.latestProducerSnapshot()).hasValueSatisfying(p -> {
            assertThat(p.offset()).isEqualTo(7);
            assertThat(p.bytes()).isEqualTo(ByteBuffer.wrap("seven".getBytes()));
        });
        // Damage the newest: it is skipped (and removed), the older one is returned.
        Path seven = dir.resolve("00000000000000000007.snapshot");
        byte[] bytes = Files.readAllBytes(seven);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(seven, bytes);
        assertThat(log.latestProducerSnapshot()).hasValueSatisfying(p -> assertThat(p.offset()).isEqualTo(3));
        assertThat(seven).doesNotExist();
    }

    @Test
    void snapshotsOutsideTheLogAreRefused() {
        open(LogConfig.DEFAULT);
        appendMany(2, 1, 10, 0);
        assertThatThrownBy(() -> log.writeProducerSnapshot(3, ByteBuffer.allocate(1))).isInstanceOf(IllegalArgumentException.class);
        log.writeProducerSnapshot(2, ByteBuffer.allocate(0));
        assertThat(log.latestProducerSnapshot()).hasValueSatisfying(p -> assertThat(p.bytes().remaining()).isZero());
    }

    @Test
    void snapshotCountIsBounded() {
        open(LogConfig.DEFAULT);
        appendMany(ProducerSnapshots.MAX_SNAPSHOTS + 10, 1, 1, 0);
        for (int i = 0; i < ProducerSnapshots.MAX_SNAPSHOTS + 10; i++) {
            log.writeProducerSnapshot(i, ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        assertThat(log.producerSnapshotOffsets()).hasSize(ProducerSnapshots.MAX_SNAPSHOTS);
        assertThat(log.producerSnapshotOffsets().get(0)).isEqualTo(10L);
    }

    @Test
    void snapshotsAboveTheRecoveredEndAreDeletedOnOpen() throws Exception {
        LogConfig config = LogConfig.DEFAULT;
        open(config);
        appendMany(4, 1, 10, 0);
        log.writeProducerSnapshot(4, ByteBuffer.wrap(new byte[] {4}));
        log.writeProducerSnapshot(2, ByteBuffer.wrap(new byte[] {2}));
        log.flush();
        log.simulateCrash();
        // Lose the last batch: the crash cut it.
        Path seg = dir.resolve("00000000000000000000.log");
        long size = Files.size(seg);
        try (var ch = java.nio.channels.FileChannel.open(seg, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 5);
        }
        Files.writeString(dir.resolve("recovery-point"), "0\n0\n");
        open(config);
        assertThat(log.logEndOffset()).isEqualTo(3);
        assertThat(log.producerSnapshotOffsets()).containsExactly(2L);
    }
}
