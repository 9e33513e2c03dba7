package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionRequest.IsrMember;
import io.tributary.metadata.controller.api.AlterPartitionRequest.PartitionData;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.AlterPartitionResponse.PartitionResult;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.image.PartitionRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlterPartitionTest {

    private TestCluster c;
    private TopicId topicId;

    @BeforeEach
    void setUp() {
        c = TestCluster.withBrokers(4);
        var r = c.run(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("t", -1, -1,
                Map.of(0, List.of(0, 1, 2)), Map.of())), false));
        topicId = r.topics().get(0).topicId();
    }

    private List<IsrMember> members(int... ids) {
        List<IsrMember> out = new ArrayList<>();
        for (int id : ids) {
            out.add(new IsrMember(id, c.brokerEpochs.get(id)));
        }
        return out;
    }

    private AlterPartitionResponse send(int from, int leaderEpoch, int partitionEpoch, List<IsrMember> isr) {
        return c.run(new AlterPartitionRequest(from, c.brokerEpochs.get(from), List.of(new AlterPartitionRequest.TopicData(topicId,
                List.of(new PartitionData(0, leaderEpoch, isr, partitionEpoch))))));
    }

    private PartitionResult sendOne(int from, int leaderEpoch, int partitionEpoch, List<IsrMember> isr) {
        return send(from, leaderEpoch, partitionEpoch, isr).topics().get(0).partitions().get(0);
    }

    @Test
    void theLeaderShrinksAndExpandsTheIsr() {
        PartitionResult shrunk = sendOne(0, 0, 0, members(0, 1));
        assertThat(shrunk.error().isSuccess()).isTrue();
        assertThat(shrunk.isr()).containsExactly(0, 1);
        assertThat(shrunk.partitionEpoch()).isEqualTo(1);
        assertThat(shrunk.leaderEpoch()).isZero();
        assertThat(c.partition("t", 0)).isEqualTo(new PartitionRegistration(List.of(0, 1, 2), List.of(0, 1), 0, 0, 1));
        PartitionResult expanded = sendOne(0, 0, 1, members(0, 1, 2));
        assertThat(expanded.error().isSuccess()).isTrue();
        assertThat(c.partition("t", 0).isr()).containsExactly(0, 1, 2);
        assertThat(c.partition("t", 0).partitionEpoch()).isEqualTo(2);
    }

    @Test
    void anUnchangedIsrWritesNothing() {
        int before = c.committed.size();
        PartitionResult r = sendOne(0, 0, 0, members(0, 1, 2));
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(r.partitionEpoch()).isZero();
        assertThat(c.committed).hasSize(before);
    }

    @Test
    void aStaleSenderIsRefusedWhole() {
        AlterPartitionResponse r = c.run(new AlterPartitionRequest(0, 12345, List.of()));
        assertThat(r.error().code()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH);
        AlterPartitionResponse unknown = c.run(new AlterPartitionRequest(9, 0, List.of()));
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH);
    }

    @Test
    void onlyTheLeaderMayAlter() {
        assertThat(sendOne(1, 0, 0, members(0, 1)).error().code()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
    }

    @Test
    void epochsMustBeCurrent() {
        sendOne(0, 0, 0, members(0, 1));
        assertThat(sendOne(0, 0, 0, members(0)).error().code()).isEqualTo(ErrorCode.INVALID_UPDATE_VERSION);
        assertThat(sendOne(0, 1, 1, members(0)).error().code()).isEqualTo(ErrorCode.NOT_CONTROLLER);
        c.heartbeat(0, true, false);
        c.heartbeat(0);
        c.alterIsr("t", 0, List.of(1, 0));
        c.run(new io.tributary.metadata.controller.api.ElectLeadersRequest(
                io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType.PREFERRED, null));
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(0);
        assertThat(sendOne(0, p.leaderEpoch() - 1, p.partitionEpoch(), members(0)).error().code())
                .isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
    }

    @Test
    void theNewIsrMustBeWellFormed() {
        assertThat(sendOne(0, 0, 0, members(1, 2)).error().message()).contains("does not include the leader 0");
        assertThat(sendOne(0, 0, 0, members(0, 3)).error().message()).contains("which is not a replica");
        PartitionResult dup = sendOne(0, 0, 0, List.of(new IsrMember(0, -1), new IsrMember(0, -1)));
        assertThat(dup.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(c.partition("t", 0).partitionEpoch()).isZero();
    }

    @Test
    void ineligibleReplicasCannotJoin() {
        sendOne(0, 0, 0, members(0));
        c.heartbeat(2, true, false);
        PartitionResult fenced = sendOne(0, 0, 1, members(0, 2));
        assertThat(fenced.error().code()).isEqualTo(ErrorCode.INELIGIBLE_REPLICA);
        assertThat(fenced.error().message()).contains("is fenced");
        PartitionResult staleEpoch = sendOne(0, 0, 1, List.of(new IsrMember(0, -1), new IsrMember(1, 999)));
        assertThat(staleEpoch.error().code()).isEqualTo(ErrorCode.INELIGIBLE_REPLICA);
        assertThat(staleEpoch.error().message()).contains("has broker epoch");
        assertThat(sendOne(0, 0, 1, List.of(new IsrMember(0, -1), new IsrMember(1, -1))).error().isSuccess())
                .as("-1 means the leader does not know the epoch").isTrue();
    }

    @Test
    void unknownTopicsAndPartitions() {
        AlterPartitionResponse r = c.run(new AlterPartitionRequest(0, c.brokerEpochs.get(0), List.of(
                new AlterPartitionRequest.TopicData(new TopicId(5, 5), List.of(new PartitionData(0, 0, members(0), 0))),
                new AlterPartitionRequest.TopicData(topicId, List.of(new PartitionData(7, 0, members(0), 0))))));
        assertThat(r.topics().get(0).partitions().get(0).error().code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
        assertThat(r.topics().get(1).partitions().get(0).error().code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }
}
