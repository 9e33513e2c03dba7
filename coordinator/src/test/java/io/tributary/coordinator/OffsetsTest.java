package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.DeleteGroupsRequest;
import io.tributary.coordinator.api.DeleteGroupsResponse;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetDeleteRequest;
import io.tributary.coordinator.api.OffsetDeleteResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.coordinator.api.TopicsDeletedRequest;
import io.tributary.coordinator.api.TopicsDeletedResponse;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OffsetsTest {

    private static final TopicPartition TP0 = new TopicPartition("topic", 0);
    private static final TopicPartition TP1 = new TopicPartition("topic", 1);
    private static final TopicPartition OTHER = new TopicPartition("other", 0);
    /** A short retention, so a test can keep a member alive with heartbeats through it. */
    private static final long RETENTION_MS = 3_600_000;
    private static final long CHECK_INTERVAL_MS = 60_000;

    private final ShardDriver d = new ShardDriver(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0)
            .withOffsetsRetention(RETENTION_MS, CHECK_INTERVAL_MS), 9);

    /** Lets {@code ms} pass while the member heartbeats every 5 s. */
    private void liveFor(long ms, String memberId) {
        for (long t = 0; t < ms; t += 5_000) {
            d.advance(5_000);
            assertThat(d.heartbeat("g", 1, memberId)).isEqualTo(ErrorCode.NONE);
        }
    }

    private String stableMember() {
        long join = d.joinNew("g");
        d.advance(0);
        JoinGroupResponse r = d.reply(join);
        d.sync("g", 1, r.memberId(), Map.of());
        return r.memberId();
    }

    @Test
    void aMemberCommitsInItsGenerationAndTheAnswerWaitsForTheRecord() {
        String m = stableMember();
        d.autoCommit = false;
        long id = d.send(new OffsetCommitRequest("g", 1, m, null, -1,
                List.of(new OffsetCommitRequest.PartitionCommit(TP0, 42, 5, "meta"))));
        assertThat(d.answered(id)).isFalse();
        d.commit(d.log.size());
        OffsetCommitResponse r = d.reply(id);
        assertThat(r.partitions()).containsExactly(new PartitionResult(TP0, ErrorCode.NONE));
        OffsetFetchResponse f = d.reply(d.send(new OffsetFetchRequest("g", null, true)));
        assertThat(f.partitions()).singleElement().satisfies(p -> {
            assertThat(p.offset()).isEqualTo(42);
            assertThat(p.leaderEpoch()).isEqualTo(5);
            assertThat(p.metadata()).isEqualTo("meta");
        });
    }

    @Test
    void anOffsetFetchWaitsForAnUncommittedCommitItCouldReveal() {
        String m = stableMember();
        d.autoCommit = false;
        d.send(new OffsetCommitRequest("g", 1, m, null, -1, List.of(new OffsetCommitRequest.PartitionCommit(TP0, 42, 5, ""))));
        long fetch = d.send(new OffsetFetchRequest("g", List.of(TP0), false));
        assertThat(d.answered(fetch)).isFalse();
        d.commit(d.log.size());
        assertThat(d.<OffsetFetchResponse>reply(fetch).partitions().get(0).offset()).isEqualTo(42);
    }

    @Test
    void commitErrorsClientsActOn() {
        String m = stableMember();
        assertThat(d.commitOffset("g", 0, m, TP0, 1)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(d.commitOffset("g", 1, "stranger", TP0, 1)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(d.commitOffset("g", -1, "", TP0, 1)).as("a simple commit into a live group").isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(d.commitOffset("nogroup", 3, "x", TP0, 1)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        long joinB = d.joinNew("g");
        assertThat(d.commitOffset("g", 1, m, TP0, 1)).as("commits are allowed while preparing").isEqualTo(ErrorCode.NONE);
        d.rejoin("g", m);
        assertThat(d.<JoinGroupResponse>reply(joinB).generationId()).isEqualTo(2);
        assertThat(d.commitOffset("g", 2, m, TP0, 1)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        OffsetCommitResponse big = d.reply(d.send(new OffsetCommitRequest("g", -1, "", null, -1, List.of(
                new OffsetCommitRequest.PartitionCommit(TP1, 1, -1, "x".repeat(4097))))));
        assertThat(big.partitions().get(0).error()).isIn(ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aSimpleCommitCreatesAnEmptyGroupAndTooLargeMetadataIsRefusedPerPartition() {
        OffsetCommitResponse r = d.reply(d.send(new OffsetCommitRequest("simple", -1, "", null, -1, List.of(
                new OffsetCommitRequest.PartitionCommit(TP0, 10, -1, null),
                new OffsetCommitRequest.PartitionCommit(TP1, 11, -1, "x".repeat(4097))))));
        assertThat(r.partitions()).extracting(PartitionResult::error)
                .containsExactly(ErrorCode.NONE, ErrorCode.OFFSET_METADATA_TOO_LARGE);
        assertThat(d.shard.group("simple").stateName()).isEqualTo("Empty");
        assertThat(d.shard.group("simple").protocolType()).isEmpty();
        assertThat(d.fetchOffset("simple", TP0)).isEqualTo(10);
        assertThat(d.fetchOffset("simple", TP1)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
        assertThat(d.fetchOffset("unknown", TP1)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
    }

    @Test
    void offsetsOfAnEmptyGroupExpireTheRetentionAfterItBecameEmpty() {
        String m = stableMember();
        d.commitOffset("g", 1, m, TP0, 5);
        liveFor(2 * RETENTION_MS, m);
        assertThat(d.fetchOffset("g", TP0)).as("a live group's consumed topic does not expire").isEqualTo(5);
        d.reply(d.send(new LeaveGroupRequest("g",
                List.of(new LeaveGroupRequest.LeavingMember(m, null)))));
        d.advance(0);
        assertThat(d.shard.group("g").stateName()).isEqualTo("Empty");
        d.advance(RETENTION_MS - CHECK_INTERVAL_MS);
        assertThat(d.fetchOffset("g", TP0)).as("not yet a full retention since it became empty").isEqualTo(5);
        d.advance(CHECK_INTERVAL_MS);
        assertThat(d.fetchOffset("g", TP0)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
        assertThat(d.log.get(d.log.size() - 2)).isEqualTo(OffsetCommitRecord.tombstone("g", TP0));
        assertThat(d.log.get(d.log.size() - 1)).as("an empty group without offsets is deleted").isEqualTo(GroupMetadataRecord.tombstone("g"));
        assertThat(d.shard.group("g")).isNull();
    }

    @Test
    void anOffsetOfATopicALiveConsumerGroupNoLongerConsumesExpiresFromItsCommit() {
        String m = stableMember();
        d.commitOffset("g", 1, m, OTHER, 5);
        d.commitOffset("g", 1, m, TP0, 6);
        liveFor(RETENTION_MS + CHECK_INTERVAL_MS, m);
        assertThat(d.fetchOffset("g", OTHER)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
        assertThat(d.fetchOffset("g", TP0)).isEqualTo(6);
    }

    @Test
    void anExplicitRetentionTimeWins() {
        d.send(new OffsetCommitRequest("simple", -1, "", null, 1_000,
                List.of(new OffsetCommitRequest.PartitionCommit(TP0, 10, -1, null))));
        d.advance(CHECK_INTERVAL_MS);
        assertThat(d.fetchOffset("simple", TP0)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
    }

    @Test
    void offsetDeleteRefusesTopicsTheGroupConsumesAndDeletesTheRest() {
        String m = stableMember();
        d.commitOffset("g", 1, m, TP0, 5);
        d.commitOffset("g", 1, m, OTHER, 6);
        OffsetDeleteResponse r = d.reply(d.send(new OffsetDeleteRequest("g", List.of(TP0, OTHER))));
        assertThat(r.partitions()).extracting(PartitionResult::error)
                .containsExactly(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC, ErrorCode.NONE);
        assertThat(d.fetchOffset("g", OTHER)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
        assertThat(d.fetchOffset("g", TP0)).isEqualTo(5);
        OffsetDeleteResponse missing = d.reply(d.send(new OffsetDeleteRequest("nope", List.of(TP0))));
        assertThat(missing.error()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
    }

    @Test
    void deletingAnEmptyGroupWritesTombstonesForItsOffsetsThenItself() {
        String m = stableMember();
        d.commitOffset("g", 1, m, TP0, 5);
        DeleteGroupsResponse live = d.reply(d.send(new DeleteGroupsRequest(List.of("g", "nope"))));
        assertThat(live.groups()).extracting(DeleteGroupsResponse.GroupResult::error)
                .containsExactly(ErrorCode.NON_EMPTY_GROUP, ErrorCode.GROUP_ID_NOT_FOUND);
        d.send(new LeaveGroupRequest("g",
                List.of(new LeaveGroupRequest.LeavingMember(m, null))));
        d.advance(0);
        DeleteGroupsResponse r = d.reply(d.send(new DeleteGroupsRequest(List.of("g"))));
        assertThat(r.groups().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(d.log.subList(d.log.size() - 2, d.log.size()))
                .containsExactly(OffsetCommitRecord.tombstone("g", TP0), GroupMetadataRecord.tombstone("g"));
        assertThat(d.shard.group("g")).isNull();
        assertThat(d.fetchOffset("g", TP0)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
    }

    @Test
    void aDeletedTopicTakesEveryGroupsOffsetsOfItAndAnEmptyGroupLeftWithoutOffsets() {
        String m = stableMember();
        d.commitOffset("g", 1, m, TP0, 5);
        d.commitOffset("g", 1, m, OTHER, 6);
        d.reply(d.send(new OffsetCommitRequest("simple", -1, "", null, -1, List.of(
                new OffsetCommitRequest.PartitionCommit(TP0, 10, -1, null),
                new OffsetCommitRequest.PartitionCommit(TP1, 11, -1, null)))));
        int before = d.log.size();

        TopicsDeletedResponse r = d.reply(d.send(new TopicsDeletedRequest(java.util.Set.of("topic", "never-committed"))));

        assertThat(r).isEqualTo(new TopicsDeletedResponse(ErrorCode.NONE, 3));
        assertThat(d.log.subList(before, d.log.size())).as("tombstones in group order, then partition order").containsExactly(
                OffsetCommitRecord.tombstone("g", TP0), OffsetCommitRecord.tombstone("simple", TP0),
                OffsetCommitRecord.tombstone("simple", TP1), GroupMetadataRecord.tombstone("simple"));
        assertThat(d.fetchOffset("g", TP0)).isEqualTo(OffsetFetchResponse.NO_OFFSET);
        assertThat(d.fetchOffset("g", OTHER)).as("another topic's offset stays").isEqualTo(6);
        assertThat(d.shard.group("g").stateName()).as("a live group stays").isEqualTo("Stable");
        assertThat(d.shard.group("simple")).as("an empty group left without offsets is deleted").isNull();
    }
}
