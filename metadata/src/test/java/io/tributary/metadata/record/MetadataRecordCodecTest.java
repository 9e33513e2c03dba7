package io.tributary.metadata.record;

import io.tributary.common.TopicId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataRecordCodecTest {

    private static final TopicId TOPIC = new TopicId(1, 2);

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void fenceBrokerHasTheDocumentedLayout() {
        byte[] b = bytes(MetadataRecordCodec.encode(new FenceBrokerRecord(7, 300)));
        ByteBuffer expected = ByteBuffer.allocate(14).put((byte) 4).put((byte) 0).putInt(7).putLong(300);
        assertThat(b).isEqualTo(expected.array());
    }

    @Test
    void partitionChangeWritesOnlyPresentFields() {
        var leaderOnly = new PartitionChangeRecord(TOPIC, 3, Optional.empty(), OptionalInt.of(2), 5, 9);
        byte[] b = bytes(MetadataRecordCodec.encode(leaderOnly));
        ByteBuffer expected = ByteBuffer.allocate(2 + 16 + 4 + 1 + 4 + 4 + 4)
                .put((byte) 9).put((byte) 2).putLong(1).putLong(2).putInt(3).put((byte) 2).putInt(2).putInt(5).putInt(9);
        assertThat(b).isEqualTo(expected.array());
        assertThat(MetadataRecordCodec.decode(ByteBuffer.wrap(b))).isEqualTo(leaderOnly);
    }

    @Test
    void partitionChangeV1CarriesTheEligibleLeaderReplicas() {
        var elrOnly = new PartitionChangeRecord(TOPIC, 3, Optional.empty(), OptionalInt.empty(), 5, 9, Optional.of(List.of(1, 2)),
                Optional.empty());
        byte[] b = bytes(MetadataRecordCodec.encode(elrOnly));
        ByteBuffer expected = ByteBuffer.allocate(2 + 16 + 4 + 1 + 4 + 4 + 4 + 8)
                .put((byte) 9).put((byte) 2).putLong(1).putLong(2).putInt(3).put((byte) 4).putInt(5).putInt(9)
                .putInt(2).putInt(1).putInt(2);
        assertThat(b).isEqualTo(expected.array());
        assertThat(MetadataRecordCodec.decode(ByteBuffer.wrap(b))).isEqualTo(elrOnly);
    }

    @Test
    void partitionChangeV2CarriesAReassignment() {
        var move = new PartitionChangeRecord(TOPIC, 3, Optional.empty(), OptionalInt.empty(), 5, 9, Optional.empty(),
                Optional.empty(), Optional.of(List.of(2, 1)), Optional.of(List.of(2)), Optional.of(List.of(1)));
        byte[] b = bytes(MetadataRecordCodec.encode(move));
        ByteBuffer expected = ByteBuffer.allocate(2 + 16 + 4 + 1 + 4 + 4 + 12 + 8 + 8)
                .put((byte) 9).put((byte) 2).putLong(1).putLong(2).putInt(3).put((byte) (16 | 32 | 64)).putInt(5).putInt(9)
                .putInt(2).putInt(2).putInt(1).putInt(1).putInt(2).putInt(1).putInt(1);
        assertThat(b).isEqualTo(expected.array());
        assertThat(MetadataRecordCodec.decode(ByteBuffer.wrap(b))).isEqualTo(move);
        var partition = new PartitionRecord(TOPIC, 0, List.of(2, 1), List.of(1), 1, 0, 0, List.of(), List.of(), List.of(2), List.of(1));
        assertThat(MetadataRecordCodec.decode(MetadataRecordCodec.encode(partition))).isEqualTo(partition);
        ByteBuffer v1WithReplicasBit = ByteBuffer.allocate(2 + 16 + 4 + 1 + 4 + 4)
                .put((byte) 9).put((byte) 1).putLong(1).putLong(2).putInt(3).put((byte) 16).putInt(5).putInt(9);
        v1WithReplicasBit.flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(v1WithReplicasBit)).isInstanceOf(MetadataCodecException.class)
                .hasMessageContaining("unknown presence bits");
    }

    @Test
    void version0PartitionRecordsStillReadWithNoEligibleLeaders() {
        ByteBuffer v0 = ByteBuffer.allocate(2 + 16 + 4 + 8 + 8 + 12)
                .put((byte) 8).put((byte) 0).putLong(1).putLong(2).putInt(0)
                .putInt(1).putInt(4).putInt(1).putInt(4).putInt(4).putInt(3).putInt(7);
        v0.flip();
        assertThat(MetadataRecordCodec.decode(v0)).isEqualTo(new PartitionRecord(TOPIC, 0, List.of(4), List.of(4), 4, 3, 7));
        ByteBuffer v0WithElrBit = ByteBuffer.allocate(2 + 16 + 4 + 1 + 4 + 4)
                .put((byte) 9).put((byte) 0).putLong(1).putLong(2).putInt(3).put((byte) 4).putInt(5).putInt(9);
        v0WithElrBit.flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(v0WithElrBit)).isInstanceOf(MetadataCodecException.class)
                .hasMessageContaining("unknown presence bits");
    }

    @Test
    void nullStringsAreWrittenAsMinusOne() {
        ConfigRecord delete = new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", null);
        ByteBuffer b = MetadataRecordCodec.encode(delete);
        assertThat(b.getInt(b.limit() - 4)).isEqualTo(-1);
        assertThat(MetadataRecordCodec.decode(b)).isEqualTo(delete);
    }

    @Test
    void unknownTypeIsRefused() {
        assertThatThrownBy(() -> MetadataRecordCodec.decode(ByteBuffer.wrap(new byte[] {(byte) 200, 0})))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("unknown metadata record type 200");
    }

    @Test
    void aNewerVersionIsRefusedRatherThanMisread() {
        byte[] b = bytes(MetadataRecordCodec.encode(new NoOpRecord()));
        b[1] = 1;
        assertThatThrownBy(() -> MetadataRecordCodec.decode(ByteBuffer.wrap(b)))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("newer than the highest we read");
    }

    @Test
    void trailingBytesAreRefused() {
        ByteBuffer b = ByteBuffer.allocate(3).put((byte) 13).put((byte) 0).put((byte) 0).flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(b))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("trailing");
    }

    @Test
    void truncationIsReportedWithTheField() {
        byte[] b = bytes(MetadataRecordCodec.encode(new UnfenceBrokerRecord(1, 2)));
        assertThatThrownBy(() -> MetadataRecordCodec.decode(ByteBuffer.wrap(b, 0, b.length - 1)))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("truncated brokerEpoch");
    }

    @Test
    void anImpossibleRecordIsRefusedWithOurException() {
        // A partition whose leader is outside its ISR.
        ByteBuffer b = ByteBuffer.allocate(64).put((byte) 8).put((byte) 0).putLong(1).putLong(2).putInt(0)
                .putInt(1).putInt(5).putInt(1).putInt(5).putInt(6).putInt(0).putInt(0).flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(b))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("leader 6").hasMessageContaining("not in ISR");
    }

    @Test
    void aBooleanOtherThanZeroOrOneIsRefused() {
        var reg = new RegisterBrokerRecord(1, 1, new java.util.UUID(1, 1), List.of(), null, true);
        byte[] b = bytes(MetadataRecordCodec.encode(reg));
        b[b.length - 1] = 2;
        assertThatThrownBy(() -> MetadataRecordCodec.decode(ByteBuffer.wrap(b)))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("boolean");
    }

    @Test
    void aHugeClaimedLengthDoesNotAllocate() {
        ByteBuffer b = ByteBuffer.allocate(6).put((byte) 1).put((byte) 0).putInt(Integer.MAX_VALUE).flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(b))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("invalid length");
        ByteBuffer list = ByteBuffer.allocate(2 + 16 + 4 + 4).put((byte) 8).put((byte) 0).putLong(1).putLong(2).putInt(0)
                .putInt(30_000).flip();
        assertThatThrownBy(() -> MetadataRecordCodec.decode(list))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("claims 30000 entries");
    }

    @Test
    void aBatchWithABadChecksumIsRefusedWhole() {
        ByteBuffer b = MetadataBatchCodec.encode(List.of(new NoOpRecord(), new RemoveTopicRecord(TOPIC)));
        b.put(b.limit() - 1, (byte) (b.get(b.limit() - 1) ^ 1));
        assertThatThrownBy(() -> MetadataBatchCodec.decode(b))
                .isInstanceOf(MetadataCodecException.class).hasMessageContaining("checksum mismatch");
    }

    @Test
    void anEmptyBatchRoundTrips() {
        assertThat(MetadataBatchCodec.decode(MetadataBatchCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void typeIdsAreStable() {
        // These numbers are on disk; changing one would misread every existing log.
        assertThat(MetadataRecordType.CLUSTER_ID.id()).isEqualTo(1);
        assertThat(MetadataRecordType.PARTITION_CHANGE.id()).isEqualTo(9);
        assertThat(MetadataRecordType.NO_OP.id()).isEqualTo(13);
        assertThat(MetadataRecordType.forId(0)).isNull();
    }
}
