package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.Reply;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.record.GroupMetadataRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadingTest {

    private static final TopicPartition TP = new TopicPartition("topic", 0);

    @Test
    void whileLoadingRequestsAreAnsweredAsKafkaAnswersThem() {
        GroupCoordinatorShard shard = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
        ShardOutput fetch = shard.handle(1, new OffsetFetchRequest("g", null, false), 0);
        assertThat(((OffsetFetchResponse) fetch.replies().get(0).response()).error()).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        ShardOutput sync = shard.handle(2, new SyncGroupRequest("g", 1, "m", null, null, null, Map.of()), 0);
        assertThat(((SyncGroupResponse) sync.replies().get(0).response()).error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        ShardOutput hb = shard.handle(3, new HeartbeatRequest("g", 1, "m", null), 0);
        assertThat(((HeartbeatResponse) hb.replies().get(0).response()).error()).isEqualTo(ErrorCode.NONE);
        shard.unload();
        ShardOutput after = shard.handle(4, new OffsetCommitRequest("g", -1, "", null, -1,
                List.of(new OffsetCommitRequest.PartitionCommit(TP, 1, -1, null))), 0);
        assertThat(((OffsetCommitResponse) after.replies().get(0).response()).partitions().get(0).error())
                .isEqualTo(ErrorCode.NOT_COORDINATOR);
    }

    @Test
    void theLifecycleRefusesIllegalSteps() {
        GroupCoordinatorShard shard = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
        shard.replay(0, GroupMetadataRecord.tombstone("g"));
        assertThatThrownBy(() -> shard.replay(0, GroupMetadataRecord.tombstone("g"))).isInstanceOf(IllegalStateException.class);
        shard.activate(5, 100);
        assertThatThrownBy(() -> shard.replay(6, GroupMetadataRecord.tombstone("g"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> shard.activate(6, 100)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> shard.tick(99)).isInstanceOf(IllegalArgumentException.class);
        assertThat(shard.logEndOffset()).isEqualTo(5);
    }

    @Test
    void afterAFailoverAStableGroupCarriesOnInItsGenerationWithItsOffsets() {
        ShardDriver d = ShardDriver.withoutInitialDelay();
        long join = d.joinNew("g");
        d.advance(0);
        String m = d.<JoinGroupResponse>reply(join).memberId();
        d.sync("g", 1, m, Map.of(m, new byte[]{4}));
        assertThat(d.commitOffset("g", 1, m, TP, 77)).isEqualTo(ErrorCode.NONE);
        d.failover(d.log.size());
        ClassicGroup loaded = (ClassicGroup) d.shard.group("g");
        assertThat(loaded.state()).isEqualTo(ClassicGroupState.STABLE);
        assertThat(d.heartbeat("g", 1, m)).isEqualTo(ErrorCode.NONE);
        assertThat(d.syncReply(d.sync("g", 1, m, Map.of())).assignment()).containsExactly(4);
        assertThat(d.fetchOffset("g", TP)).isEqualTo(77);
        assertThat(d.commitOffset("g", 1, m, TP, 78)).isEqualTo(ErrorCode.NONE);
        d.advance(10_000);
        assertThat(loaded.has(m)).as("a loaded member that stops heartbeating expires").isFalse();
    }

    @Test
    void anUncommittedCommitLostInAFailoverWasNeverAcknowledged() {
        ShardDriver d = ShardDriver.withoutInitialDelay();
        d.commitOffset("g", -1, "", TP, 5);
        d.autoCommit = false;
        long lost = d.send(new OffsetCommitRequest("g", -1, "", null, -1,
                List.of(new OffsetCommitRequest.PartitionCommit(TP, 6, -1, null))));
        d.failover(d.highWatermark);
        assertThat(d.answered(lost)).isFalse();
        d.autoCommit = true;
        d.commit(d.log.size());
        assertThat(d.fetchOffset("g", TP)).isEqualTo(5);
    }

    @Test
    void unloadAnswersParkedRequestsNotCoordinator() {
        ShardDriver d = ShardDriver.withoutInitialDelay();
        long join = d.joinNew("g");
        List<Reply> replies = d.shard.unload();
        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.requestId()).isEqualTo(join);
            assertThat(((JoinGroupResponse) r.response()).error()).isEqualTo(ErrorCode.NOT_COORDINATOR);
        });
    }
}
