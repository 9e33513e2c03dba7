package io.tributary.coordinator.record;

import io.tributary.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorRecordCodecTest {

    @Test
    void anOffsetCommitKeyHasTheDocumentedLayout() {
        byte[] key = CoordinatorRecordCodec.key(OffsetCommitRecord.tombstone("g", new TopicPartition("t", 7)));
        assertThat(key).containsExactly(0, 1, 0, 1, 'g', 0, 1, 't', 0, 0, 0, 7);
    }

    @Test
    void aGroupMetadataKeyHasTheDocumentedLayout() {
        assertThat(CoordinatorRecordCodec.key(GroupMetadataRecord.tombstone("ab"))).containsExactly(0, 2, 0, 2, 'a', 'b');
    }

    @Test
    void anOffsetCommitValueHasTheDocumentedLayout() {
        byte[] value = CoordinatorRecordCodec.value(new OffsetCommitRecord("g", new TopicPartition("t", 0),
                new OffsetCommitValue(5, 3, "m", 9, -1)));
        ByteBuffer b = ByteBuffer.wrap(value);
        assertThat(b.getShort()).isZero();
        assertThat(b.getLong()).isEqualTo(5);
        assertThat(b.getInt()).isEqualTo(3);
        assertThat(b.getInt()).isEqualTo(1);
        assertThat(b.get()).isEqualTo((byte) 'm');
        assertThat(b.getLong()).isEqualTo(9);
        assertThat(b.getLong()).isEqualTo(-1);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void aGroupWithMembersRoundTrips() {
        GroupMetadataValue value = new GroupMetadataValue("consumer", 4, "range", "m-1", 1234,
                List.of(new MemberValue("m-1", "instance-1", "client", "/10.0.0.1", 60000, 45000, new byte[]{1, 2}, new byte[]{3}),
                        new MemberValue("m-2", null, "client", "/10.0.0.2", 60000, 45000, new byte[0], new byte[0])));
        GroupMetadataRecord record = new GroupMetadataRecord("group", value);
        CoordinatorRecord parsed = CoordinatorRecordCodec.parse(ByteBuffer.wrap(CoordinatorRecordCodec.key(record)),
                ByteBuffer.wrap(CoordinatorRecordCodec.value(record)));
        assertThat(parsed).isEqualTo(record);
    }

    @Test
    void aNewerValueVersionIsRefused() {
        byte[] value = CoordinatorRecordCodec.value(new OffsetCommitRecord("g", new TopicPartition("t", 0),
                new OffsetCommitValue(5, 3, "", 9, -1)));
        value[1] = 1;
        assertThatThrownBy(() -> CoordinatorRecordCodec.parse(
                ByteBuffer.wrap(CoordinatorRecordCodec.key(OffsetCommitRecord.tombstone("g", new TopicPartition("t", 0)))),
                ByteBuffer.wrap(value)))
                .isInstanceOf(CoordinatorCodecException.class).hasMessageContaining("version 1");
    }

    @Test
    void trailingBytesAndInvalidUtf8AreRefused() {
        byte[] key = {0, 2, 0, 1, 'g', 0};
        assertThatThrownBy(() -> CoordinatorRecordCodec.parse(ByteBuffer.wrap(key), null))
                .isInstanceOf(CoordinatorCodecException.class).hasMessageContaining("trailing");
        byte[] badUtf8 = {0, 2, 0, 1, (byte) 0xC3};
        assertThatThrownBy(() -> CoordinatorRecordCodec.parse(ByteBuffer.wrap(badUtf8), null))
                .isInstanceOf(CoordinatorCodecException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void aMemberCountLargerThanTheBytesLeftIsRefusedBeforeAllocating() {
        byte[] value = {0, 0, 0, 0, 0, 0, 0, 1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0x7f, -1, -1, -1};
        assertThatThrownBy(() -> CoordinatorRecordCodec.parse(
                ByteBuffer.wrap(CoordinatorRecordCodec.key(GroupMetadataRecord.tombstone("g"))), ByteBuffer.wrap(value)))
                .isInstanceOf(CoordinatorCodecException.class).hasMessageContaining("member count");
    }
}
