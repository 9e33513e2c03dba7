package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeleteLogTest extends LogTestSupport {

    @Test
    void deleteRenamesTheDirectoryAtOnceAndRemovesFilesAfterTheDelay() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(300).withFileDeleteDelayMs(10_000));
        appendMany(5, 1, 100, 0);
        LogReadResult inFlight = log.read(0, 10_000, Long.MAX_VALUE, true);
        ByteBuffer expected = inFlight.copyToHeap();
        Path renamed = log.delete();
        assertThat(dir).doesNotExist();
        assertThat(renamed.getFileName().toString()).startsWith("payments-0.").endsWith("-delete");
        assertThat(LogDirs.isMarkedForDeletion(renamed)).isTrue();
        assertThat(LogDirs.isMarkedForDeletion(dir)).isFalse();
        assertThat(inFlight.copyToHeap()).isEqualTo(expected);
        assertThatThrownBy(() -> log.appendAsLeader(TestBatches.batch(1, 1, 1L), 0)).isInstanceOf(LogStorageException.class);
        assertThatThrownBy(() -> log.read(0, 100, 10, true)).isInstanceOf(LogStorageException.class);
        time.advance(10_000);
        scheduler.runDue();
        assertThat(renamed).doesNotExist();
        assertThat(inFlight.records().channel().isOpen()).isFalse();
        try (var left = Files.list(root)) {
            assertThat(left.count()).isZero();
        }
        log = null;
    }
}
