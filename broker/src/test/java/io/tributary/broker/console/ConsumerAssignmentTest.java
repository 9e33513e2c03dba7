package io.tributary.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The console reads the assignment bytes the official consumer writes, and survives bytes that are not one. */
class ConsumerAssignmentTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Versions 0 to 3 of the consumer protocol's Assignment, the ones the Java client writes. */
    @Test
    void readsWhatTheJavaConsumerWrites() {
        for (short version = 0; version <= 3; version++) {
            ByteBuffer encoded = ConsumerProtocol.serializeAssignment(new ConsumerPartitionAssignor.Assignment(List.of(
                    new TopicPartition("orders", 0), new TopicPartition("orders", 2), new TopicPartition("payments", 1)),
                    ByteBuffer.wrap(new byte[] {1, 2, 3})), version);
            assertThat(ConsumerAssignment.decode(bytes(encoded))).as("version %d", version)
                    .isEqualTo(Map.of("orders", List.of(0, 2), "payments", List.of(1)));
        }
    }

    @Test
    void bytesThatAreNotAnAssignmentGiveNone() {
        assertThat(ConsumerAssignment.decode(null)).isEmpty();
        assertThat(ConsumerAssignment.decode(new byte[3])).isEmpty();
        // One topic whose name claims more bytes than there are.
        assertThat(ConsumerAssignment.decode(new byte[] {0, 0, 0, 0, 0, 1, 0x7f, 0x7f, 'a'})).isEmpty();
        // A partition count past the bytes left.
        assertThat(ConsumerAssignment.decode(new byte[] {0, 0, 0, 0, 0, 1, 0, 1, 'a', 0x7f, 0, 0, 0})).isEmpty();
    }
}
