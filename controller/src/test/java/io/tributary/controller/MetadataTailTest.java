package io.tributary.controller;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataTailTest {

    private static ByteBuffer bytes(int n) {
        return ByteBuffer.allocate(n);
    }

    @Test
    void theOldestBatchesAreEvictedByCountAndTheBaseFollows() {
        MetadataTail tail = new MetadataTail(3, 1 << 20);
        for (long o : new long[] {0, 2, 5, 9}) {
            tail.append(o, bytes(10));
        }
        assertThat(tail.batchCount()).isEqualTo(3);
        assertThat(tail.baseOffset()).isEqualTo(0);
        assertThat(tail.covers(0)).as("offset 0 itself was evicted").isFalse();
        assertThat(tail.covers(1)).as("a reader with offset 0 needs 2 onwards").isTrue();
        assertThat(tail.read(1, 1 << 20)).extracting(MetadataFetchEntry::offset).containsExactly(2L, 5L, 9L);
        assertThat(tail.read(6, 1 << 20)).extracting(MetadataFetchEntry::offset).containsExactly(9L);
        assertThat(tail.read(10, 1 << 20)).isEmpty();
    }

    @Test
    void bytesBoundTheTailButTheNewestBatchIsAlwaysKept() {
        MetadataTail tail = new MetadataTail(100, 25);
        tail.append(1, bytes(10));
        tail.append(2, bytes(10));
        tail.append(3, bytes(10));
        assertThat(tail.bytes()).isEqualTo(20);
        assertThat(tail.baseOffset()).isEqualTo(1);
        tail.append(4, bytes(100));
        assertThat(tail.batchCount()).isEqualTo(1);
        assertThat(tail.lastOffset()).isEqualTo(4);
        assertThat(tail.read(4, 1)).as("one batch even when larger than the answer bound").hasSize(1);
    }

    @Test
    void anAnswerIsBoundedInBytesButHoldsAtLeastOneBatch() {
        MetadataTail tail = new MetadataTail(100, 1 << 20);
        for (long o = 0; o < 5; o++) {
            tail.append(o, bytes(10));
        }
        assertThat(tail.read(0, 25)).extracting(MetadataFetchEntry::offset).containsExactly(0L, 1L);
        assertThat(tail.read(0, 5)).extracting(MetadataFetchEntry::offset).containsExactly(0L);
    }

    @Test
    void aSnapshotResetsTheTailAndOffsetsMustGrow() {
        MetadataTail tail = new MetadataTail(10, 1 << 20);
        tail.append(3, bytes(1));
        assertThatThrownBy(() -> tail.append(3, bytes(1))).isInstanceOf(IllegalStateException.class);
        tail.reset(40);
        assertThat(tail.covers(40)).isFalse();
        assertThat(tail.covers(41)).isTrue();
        assertThat(tail.read(41, 100)).isEmpty();
        assertThatThrownBy(() -> tail.append(40, bytes(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tail.read(12, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
