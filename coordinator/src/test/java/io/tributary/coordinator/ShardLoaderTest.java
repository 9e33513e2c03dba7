package io.tributary.coordinator;

import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.CoordinatorCodecException;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.CoordinatorRecordCodec;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardLoaderTest {

    private static final TopicPartition TP = new TopicPartition("topic", 0);

    private static GroupCoordinatorShard newShard() {
        return new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
    }

    private static OffsetCommitRecord commit(String group, long offset) {
        return new OffsetCommitRecord(group, TP, new OffsetCommitValue(offset, 1, "", 1_000, -1));
    }

    private static void add(ShardLoader loader, long offset, CoordinatorRecord r) {
        byte[] value = CoordinatorRecordCodec.value(r);
        loader.add(offset, ByteBuffer.wrap(CoordinatorRecordCodec.key(r)), value == null ? null : ByteBuffer.wrap(value));
    }

    @Test
    void onlyTheLastCommitOfAKeyInAChunkIsParsed() {
        GroupCoordinatorShard shard = newShard();
        ShardLoader loader = new ShardLoader(shard);
        for (int i = 0; i < 10; i++) {
            add(loader, i, commit("g", i * 10L));
        }
        loader.flush();
        assertThat(loader.replayed()).isEqualTo(1);
        assertThat(loader.replaced()).isEqualTo(9);
        assertThat(shard.offsetCount()).isEqualTo(1);
        shard.activate(10, 0);
        assertThat(fetchOffset(shard, "g")).isEqualTo(90);
    }

    @Test
    void aCommitThatItsTombstoneReplacesStillLeavesItsGroup() {
        // Replayed one by one, the commit creates an Empty group and the tombstone leaves it there.
        GroupCoordinatorShard shard = newShard();
        ShardLoader loader = new ShardLoader(shard);
        add(loader, 0, commit("g", 5));
        add(loader, 1, OffsetCommitRecord.tombstone("g", TP));
        loader.flush();
        assertThat(shard.offsetCount()).isZero();
        Group g = shard.group("g");
        assertThat(g).isNotNull();
        assertThat(g.isEmpty()).isTrue();
    }

    @Test
    void aGroupRecordIsABarrier() {
        // commit, group tombstone, offset tombstone: the group tombstone finds the offset and keeps an
        // Empty group; skipping the commit across it would lose that group.
        GroupCoordinatorShard shard = newShard();
        ShardLoader loader = new ShardLoader(shard);
        add(loader, 0, commit("g", 5));
        add(loader, 1, GroupMetadataRecord.tombstone("g"));
        add(loader, 2, OffsetCommitRecord.tombstone("g", TP));
        loader.flush();
        assertThat(loader.replaced()).isZero();
        assertThat(shard.group("g")).isNotNull();
        assertThat(shard.offsetCount()).isZero();
    }

    @Test
    void chunksAreIndependent() {
        GroupCoordinatorShard shard = newShard();
        ShardLoader loader = new ShardLoader(shard);
        add(loader, 0, commit("g", 5));
        loader.flush();
        add(loader, 1, commit("g", 6));
        loader.flush();
        assertThat(loader.replayed()).isEqualTo(2);
        assertThat(loader.replaced()).isZero();
    }

    @Test
    void aReplacedValueIsNotParsedButTheSurvivorIs() {
        GroupCoordinatorShard shard = newShard();
        ShardLoader loader = new ShardLoader(shard);
        ByteBuffer key = ByteBuffer.wrap(CoordinatorRecordCodec.key(commit("g", 1)));
        ByteBuffer garbage = ByteBuffer.wrap(new byte[]{0, 9, 9});
        loader.add(0, key.duplicate(), garbage.duplicate());
        add(loader, 1, commit("g", 7));
        loader.flush();
        assertThat(shard.offsetCount()).isEqualTo(1);

        loader.add(2, key.duplicate(), garbage.duplicate());
        assertThatThrownBy(loader::flush).isInstanceOf(CoordinatorCodecException.class);
    }

    @Test
    void offsetsMustGrow() {
        ShardLoader loader = new ShardLoader(newShard());
        add(loader, 5, commit("g", 1));
        assertThatThrownBy(() -> add(loader, 5, commit("h", 1))).isInstanceOf(IllegalStateException.class);
    }

    /** OffsetFetch of the one partition, on an active shard. */
    private static long fetchOffset(GroupCoordinatorShard shard, String group) {
        OffsetFetchResponse response = (OffsetFetchResponse) shard.handle(1, new OffsetFetchRequest(group, List.of(TP), false), 0)
                .replies().get(0).response();
        return response.partitions().get(0).offset();
    }
}
