package io.tributary.quorum;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotFileProperties {

    private static final Path FILE = Path.of("snapshot.1_2");
    private Path dir;

    @AfterProperty
    void cleanUp() throws IOException {
        if (dir != null) {
            TestCluster.deleteRecursively(dir);
            dir = null;
        }
    }

    @Property(tries = 200)
    void roundTrips(@ForAll @LongRange(min = 0) long term, @ForAll @LongRange(min = 0) long index,
                    @ForAll @Size(max = 512) byte[] payload) throws Exception {
        SnapshotFile.Contents c = SnapshotFile.decode(FILE, SnapshotFile.encode(term, index, payload));
        assertThat(c.term()).isEqualTo(term);
        assertThat(c.index()).isEqualTo(index);
        assertThat(c.payload()).isEqualTo(payload);
    }

    /** Any single flipped bit is caught: in the header by the checks, in the payload by the CRC. */
    @Property(tries = 300)
    void aFlippedBitIsCaught(@ForAll @Size(min = 1, max = 128) byte[] payload, @ForAll @IntRange(min = 0, max = 10_000) int position,
                            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] bytes = SnapshotFile.encode(7, 42, payload);
        int at = position % bytes.length;
        bytes[at] ^= (byte) (1 << bit);
        boolean headerTermOrIndex = at >= 4 && at < 20;
        try {
            SnapshotFile.Contents c = SnapshotFile.decode(FILE, bytes);
            // Only a flip in term or index can pass decode; the file-name check of read() catches it.
            assertThat(headerTermOrIndex).isTrue();
            assertThat(c.term() != 7 || c.index() != 42).isTrue();
        } catch (SnapshotFile.CorruptSnapshotException expected) {
            assertThat(expected.getMessage()).contains("corrupt");
        }
    }

    @Property(tries = 300)
    void garbageGetsAClearError(@ForAll @Size(max = 64) byte[] garbage) {
        try {
            SnapshotFile.decode(FILE, garbage);
        } catch (SnapshotFile.CorruptSnapshotException expected) {
            assertThat(expected.getMessage()).startsWith("snapshot file");
        }
    }

    @Property(tries = 20)
    void writeThenReadChecksTheName(@ForAll @Size(max = 64) byte[] payload) throws Exception {
        dir = Files.createTempDirectory("snapshot-file");
        Path file = dir.resolve("snapshot.3_9");
        SnapshotFile.write(file, 3, 9, payload);
        assertThat(SnapshotFile.read(file, 3, 9).payload()).isEqualTo(payload);
        assertThat(Files.exists(dir.resolve("snapshot.3_9.tmp"))).isFalse();
        assertThatThrownBy(() -> SnapshotFile.read(file, 3, 10)).isInstanceOf(SnapshotFile.CorruptSnapshotException.class)
                .hasMessageContaining("file name says term 3 index 10");
    }
}
