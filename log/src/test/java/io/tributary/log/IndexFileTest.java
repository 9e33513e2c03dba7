package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileTest {

    @TempDir
    Path dir;

    @Test
    void offsetIndexLooksUpTheFloorEntryAndRefusesDisorder() throws Exception {
        OffsetIndex idx = new OffsetIndex(dir.resolve("00000000000000000100.index"), 100, true, 800);
        assertThat(idx.lookup(150)).isEqualTo(new OffsetIndex.Entry(100, 0));
        idx.append(110, 1_000);
        idx.append(120, 2_000);
        idx.append(135, 3_000);
        assertThat(idx.lookup(99)).isEqualTo(new OffsetIndex.Entry(100, 0));
        assertThat(idx.lookup(110)).isEqualTo(new OffsetIndex.Entry(110, 1_000));
        assertThat(idx.lookup(134)).isEqualTo(new OffsetIndex.Entry(120, 2_000));
        assertThat(idx.lookup(10_000)).isEqualTo(new OffsetIndex.Entry(135, 3_000));
        assertThat(idx.floorWithin(2_500, 1_000)).isEqualTo(new OffsetIndex.Entry(120, 2_000));
        assertThat(idx.floorWithin(5_000, 121)).isEqualTo(new OffsetIndex.Entry(120, 2_000));
        assertThat(idx.floorWithin(999, 1_000)).isNull();
        assertThatThrownBy(() -> idx.append(135, 4_000)).hasMessageContaining("does not follow");
        assertThatThrownBy(() -> idx.append(140, 3_000)).hasMessageContaining("does not follow");
        assertThatThrownBy(() -> idx.append(100L + Integer.MAX_VALUE + 1, 5_000)).hasMessageContaining("does not fit");
        idx.truncateTo(120);
        assertThat(idx.entries()).isEqualTo(1);
        assertThat(idx.lastEntry()).isEqualTo(new OffsetIndex.Entry(110, 1_000));
    }

    @Test
    void trimShrinksTheFileToItsEntriesAndMakeWritableGrowsItBack() throws Exception {
        Path path = dir.resolve("00000000000000000000.index");
        OffsetIndex idx = new OffsetIndex(path, 0, true, 803);
        assertThat(Files.size(path)).isEqualTo(800);
        assertThat(idx.maxEntries()).isEqualTo(100);
        idx.append(5, 50);
        idx.append(9, 90);
        idx.trimToValidSize();
        assertThat(Files.size(path)).isEqualTo(16);
        assertThat(idx.isWritable()).isFalse();
        assertThatThrownBy(() -> idx.append(12, 120)).hasMessageContaining("read-only");
        assertThat(idx.lookup(9)).isEqualTo(new OffsetIndex.Entry(9, 90));
        idx.makeWritable(800);
        idx.append(12, 120);
        assertThat(Files.size(path)).isEqualTo(800);
        // Reopened read-only, the trimmed file's length tells the entry count.
        idx.trimToValidSize();
        OffsetIndex again = new OffsetIndex(path, 0, false, 800);
        assertThat(again.entries()).isEqualTo(3);
        again.sanityCheck(1_000);
        assertThatThrownBy(() -> again.sanityCheck(100)).isInstanceOf(IndexFile.CorruptIndexException.class);
    }

    @Test
    void aZeroFilledTailFromACrashFailsTheSanityCheck() throws Exception {
        Path path = dir.resolve("00000000000000000000.index");
        OffsetIndex idx = new OffsetIndex(path, 0, true, 800);
        idx.append(5, 50);
        idx.flush();
        // As after a crash: the file is still preallocated, so its length claims 100 entries.
        OffsetIndex reopened = new OffsetIndex(path, 0, false, 800);
        assertThat(reopened.entries()).isEqualTo(100);
        assertThatThrownBy(() -> reopened.sanityCheck(10_000)).isInstanceOf(IndexFile.CorruptIndexException.class);
    }

    @Test
    void timeIndexKeepsOnlyRisingTimestampsAndReservesTheFinalSlot() throws Exception {
        TimeIndex idx = new TimeIndex(dir.resolve("00000000000000000050.timeindex"), 50, true, 48);
        assertThat(idx.maxEntries()).isEqualTo(4);
        assertThat(idx.lookup(10)).isEqualTo(new TimestampAndOffset(-1, 50, -1));
        idx.maybeAppend(1_000, 50, false);
        idx.maybeAppend(1_000, 60, false); // not newer: ignored
        idx.maybeAppend(900, 61, false);   // older: ignored
        idx.maybeAppend(2_000, 70, false);
        idx.maybeAppend(3_000, 75, false);
        assertThat(idx.entries()).isEqualTo(3);
        assertThat(idx.isFull()).isTrue();
        assertThatThrownBy(() -> idx.maybeAppend(4_000, 80, false)).hasMessageContaining("full");
        idx.maybeAppend(4_000, 80, true);
        assertThat(idx.entries()).isEqualTo(4);
        assertThat(idx.lookup(999)).isEqualTo(new TimestampAndOffset(-1, 50, -1));
        assertThat(idx.lookup(2_500)).isEqualTo(new TimestampAndOffset(2_000, 70, -1));
        assertThat(idx.lookup(99_999)).isEqualTo(new TimestampAndOffset(4_000, 80, -1));
        assertThatThrownBy(() -> idx.maybeAppend(5_000, 79, true)).hasMessageContaining("precedes");
    }

    @Test
    void entryLayoutIsKafkas() throws Exception {
        Path path = dir.resolve("00000000000000001000.index");
        OffsetIndex idx = new OffsetIndex(path, 1_000, true, 80);
        idx.append(1_007, 4_242);
        idx.trimToValidSize();
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(path));
        assertThat(raw.getInt(0)).isEqualTo(7);
        assertThat(raw.getInt(4)).isEqualTo(4_242);
        Path tpath = dir.resolve("00000000000000001000.timeindex");
        TimeIndex t = new TimeIndex(tpath, 1_000, true, 120);
        t.maybeAppend(123_456_789L, 1_003, false);
        t.trimToValidSize();
        ByteBuffer traw = ByteBuffer.wrap(Files.readAllBytes(tpath));
        assertThat(traw.getLong(0)).isEqualTo(123_456_789L);
        assertThat(traw.getInt(8)).isEqualTo(3);
    }
}
