package io.tributary.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaLogsTest {

    /** A batch of {@code count} records at {@code baseOffset}, as the Java client's own builder lays it out. */
    private static byte[] batch(long baseOffset, int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(("value " + (baseOffset + i)).getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer buffer = MemoryRecords.withRecords(baseOffset, Compression.NONE, records).buffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void thePrefixIsTheWholeBatchesBelowTheHighWatermark() {
        byte[] first = batch(0, 3);
        byte[] second = batch(3, 2);
        byte[] third = batch(5, 4);
        byte[] log = concat(first, second, third);

        assertThat(ReplicaLogs.below(log, 5).bytes()).isEqualTo(concat(first, second));
        assertThat(ReplicaLogs.below(log, 5).endOffset()).isEqualTo(5);
        assertThat(ReplicaLogs.below(log, 9).bytes()).isEqualTo(log);
        assertThat(ReplicaLogs.below(log, 7).endOffset()).as("a batch straddling the high watermark is left out").isEqualTo(5);
        assertThat(ReplicaLogs.below(log, 0).bytes()).isEmpty();
    }

    @Test
    void aTornTailEndsTheWalkInsteadOfBeingCounted() {
        byte[] first = batch(0, 3);
        byte[] second = batch(3, 2);
        byte[] torn = Arrays.copyOf(concat(first, second), first.length + second.length - 1);
        byte[] headerOnly = Arrays.copyOf(concat(first, second), first.length + 10);

        assertThat(ReplicaLogs.below(torn, 100).endOffset()).isEqualTo(3);
        assertThat(ReplicaLogs.below(headerOnly, 100).bytes()).isEqualTo(first);
    }

    @Test
    void aReplicaMissingOffsetsBelowTheHighWatermarkShowsInItsEndOffset() {
        byte[] leader = concat(batch(0, 3), batch(3, 2));
        byte[] laggingFollower = batch(0, 3);

        assertThat(ReplicaLogs.below(leader, 5).endOffset()).isEqualTo(5);
        assertThat(ReplicaLogs.below(laggingFollower, 5).endOffset()).isEqualTo(3);
    }

    @Test
    void theCheckpointedHighWatermarksAreReadAndABrokenFileIsAnErrorNotAnEmptyMap(@TempDir Path dir) throws Exception {
        assertThat(ReplicaLogs.checkpointedHighWatermarks(dir)).as("no file yet").isEmpty();

        Files.writeString(dir.resolve("replication-offset-checkpoint"), "0\n2\nA 0 120\nC-kcat 2 30\n");
        assertThat(ReplicaLogs.checkpointedHighWatermarks(dir)).containsOnly(
                org.assertj.core.api.Assertions.entry(new TopicPartition("A", 0), 120L),
                org.assertj.core.api.Assertions.entry(new TopicPartition("C-kcat", 2), 30L));

        Files.writeString(dir.resolve("replication-offset-checkpoint"), "0\n3\nA 0 120\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplicaLogs.checkpointedHighWatermarks(dir))
                .hasMessageContaining("as many entries as it says");
    }

    @Test
    void segmentsAreReadInOffsetOrderAndOtherFilesAreIgnored(@TempDir Path dir) throws Exception {
        byte[] first = batch(0, 3);
        byte[] second = batch(3, 2);
        Files.write(dir.resolve("00000000000000000003.log"), second);
        Files.write(dir.resolve("00000000000000000000.log"), first);
        Files.write(dir.resolve("00000000000000000000.index"), new byte[] {1, 2, 3});
        Files.writeString(dir.resolve("leader-epoch-checkpoint"), "0\n1\n0 0\n");

        assertThat(ReplicaLogs.read(dir)).isEqualTo(concat(first, second));
    }
}
