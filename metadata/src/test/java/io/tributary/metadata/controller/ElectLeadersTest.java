package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.ElectLeadersRequest.ElectionType;
import io.tributary.metadata.controller.api.ElectLeadersResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ElectLeadersTest {

    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private TestCluster c;

    @BeforeEach
    void setUp() {
        c = TestCluster.withBrokers(3);
        c.run(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("t", -1, -1,
                Map.of(0, List.of(0, 1, 2), 1, List.of(1, 2, 0)), Map.of())), false));
    }

    private ErrorCode elect(ElectionType type, TopicPartition tp) {
        return c.run(new ElectLeadersRequest(type, List.of(tp))).partitions().get(0).error().code();
    }

    @Test
    void preferredElectionMovesLeadershipBack() {
        c.heartbeat(0, true, false);
        c.heartbeat(0);
        assertThat(c.partition("t", 0).leader()).isEqualTo(1);
        assertThat(elect(ElectionType.PREFERRED, T0)).as("0 is not back in the ISR").isEqualTo(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
        c.alterIsr("t", 0, List.of(1, 2, 0));
        int epoch = c.partition("t", 0).leaderEpoch();
        assertThat(elect(ElectionType.PREFERRED, T0)).isEqualTo(ErrorCode.NONE);
        assertThat(c.partition("t", 0).leader()).isEqualTo(0);
        assertThat(c.partition("t", 0).leaderEpoch()).isEqualTo(epoch + 1);
        assertThat(elect(ElectionType.PREFERRED, T0)).isEqualTo(ErrorCode.ELECTION_NOT_NEEDED);
    }

    @Test
    void preferredElectionNeedsAnActivePreferredReplica() {
        c.alterIsr("t", 0, List.of(0, 1));
        c.heartbeat(1, true, false);
        assertThat(elect(ElectionType.PREFERRED, new TopicPartition("t", 1))).isEqualTo(ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE);
    }

    @Test
    void uncleanElectionOnlyForLeaderlessPartitions() {
        assertThat(elect(ElectionType.UNCLEAN, T0)).isEqualTo(ErrorCode.ELECTION_NOT_NEEDED);
        c.alterIsr("t", 0, List.of(0));
        c.heartbeat(0, true, false);
        assertThat(c.partition("t", 0).leader()).isEqualTo(-1);
        assertThat(elect(ElectionType.UNCLEAN, T0)).isEqualTo(ErrorCode.NONE);
        assertThat(c.partition("t", 0).leader()).isEqualTo(1);
        assertThat(c.partition("t", 0).isr()).containsExactly(1);
    }

    @Test
    void uncleanElectionWithNoActiveReplicaFails() {
        c.alterIsr("t", 0, List.of(0));
        c.heartbeat(1, true, false);
        c.heartbeat(2, true, false);
        c.heartbeat(0, true, false);
        assertThat(elect(ElectionType.UNCLEAN, T0)).isEqualTo(ErrorCode.ELIGIBLE_LEADERS_NOT_AVAILABLE);
    }

    @Test
    void unknownPartitionsAndAllPartitions() {
        assertThat(elect(ElectionType.PREFERRED, new TopicPartition("t", 9))).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(elect(ElectionType.PREFERRED, new TopicPartition("x", 0))).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        ElectLeadersResponse all = c.run(new ElectLeadersRequest(ElectionType.PREFERRED, null));
        assertThat(all.partitions()).extracting(ElectLeadersResponse.PartitionResult::partition)
                .containsExactly(T0, new TopicPartition("t", 1));
        assertThat(all.partitions()).extracting(r -> r.error().code()).containsOnly(ErrorCode.ELECTION_NOT_NEEDED);
    }
}
