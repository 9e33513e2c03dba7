package io.tributary.replication.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProducerSnapshotCodecTest {

    @Test
    void anEmptyTableRoundTrips() {
        assertThat(ProducerSnapshotCodec.decode(ProducerSnapshotCodec.encode(new ProducerStateTable()))).isEmpty();
    }

    @Test
    void entriesRoundTripWithTheirBatches() {
        ProducerStateTable table = new ProducerStateTable();
        for (int i = 0; i < 7; i++) {
            table.replay(42, (short) 3, i, i, 10 + i, 10 + i, 500 + i);
        }
        ProducerEntry e = ProducerSnapshotCodec.decode(ProducerSnapshotCodec.encode(table)).get(0);
        assertThat(e.producerId()).isEqualTo(42);
        assertThat(e.epoch()).isEqualTo((short) 3);
        assertThat(e.lastTimestampMs()).isEqualTo(506);
        assertThat(e.batches()).hasSize(5).first().isEqualTo(new BatchMetadata(2, 2, 12, 12, 502));
    }

    @Test
    void aTruncatedSnapshotIsRefused() {
        ProducerStateTable table = new ProducerStateTable();
        table.replay(42, (short) 3, 0, 0, 0, 0, 1);
        byte[] bytes = ProducerSnapshotCodec.encode(table);
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(ProducerSnapshotCodec.CorruptSnapshotException.class);
    }
}
