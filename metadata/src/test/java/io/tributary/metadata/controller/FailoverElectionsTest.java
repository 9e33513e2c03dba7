package io.tributary.metadata.controller;

import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.ConfigResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leader election when brokers go away and come back: the core of failover. Every scenario runs on
 * topic "t" with explicit replicas [0, 1, 2] so the expected leaders are exact.
 */
class FailoverElectionsTest {

    private static TestCluster clusterWithTopic(Map<String, String> topicConfigs) {
        TestCluster c = TestCluster.withBrokers(3);
        var r = c.run(new io.tributary.metadata.controller.api.CreateTopicsRequest(List.of(
                new io.tributary.metadata.controller.api.CreateTopicsRequest.Topic("t", -1, -1,
                        Map.of(0, List.of(0, 1, 2)), topicConfigs)), false));
        assertThat(r.topics().get(0).error().isSuccess()).isTrue();
        return c;
    }

    private static void fence(TestCluster c, int broker) {
        assertThat(c.heartbeat(broker, true, false).isFenced()).isTrue();
    }

    @Test
    void fencingTheLeaderElectsTheNextIsrMemberInReplicaOrder() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 0);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1, 2);
        assertThat(p.leaderEpoch()).isEqualTo(1);
        assertThat(p.partitionEpoch()).isEqualTo(1);
    }

    @Test
    void fencingAFollowerOnlyShrinksTheIsr() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(0);
        assertThat(p.isr()).containsExactly(0, 1);
        assertThat(p.leaderEpoch()).as("the leader did not change").isZero();
        assertThat(p.partitionEpoch()).isEqualTo(1);
    }

    @Test
    void theLastIsrMemberLeavesForTheElrAndThePartitionGoesOffline() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 0);
        fence(c, 1);
        assertThat(c.partition("t", 0).leader()).isEqualTo(2);
        fence(c, 2);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(-1);
        assertThat(p.isr()).isEmpty();
        assertThat(p.elr()).as("it held every committed record").containsExactly(2);
        assertThat(p.lastKnownElr()).containsExactly(2);
        assertThat(p.leaderEpoch()).isEqualTo(3);
        assertThat(c.image().offlineReplicas(p)).containsExactly(0, 1, 2);
    }

    @Test
    void whenTheLastIsrMemberReturnsItLeadsAgain() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 0);
        fence(c, 1);
        fence(c, 2);
        assertThat(c.heartbeat(0).isFenced()).isFalse();
        assertThat(c.partition("t", 0).leader()).as("0 is not in the ISR: no clean election").isEqualTo(-1);
        assertThat(c.heartbeat(2).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(2);
        assertThat(p.isr()).containsExactly(2);
        assertThat(p.leaderEpoch()).isEqualTo(4);
    }

    @Test
    void aReturningPreferredReplicaLeadsALeaderlessPartition() {
        TestCluster c = TestCluster.withBrokers(2);
        c.run(new io.tributary.metadata.controller.api.CreateTopicsRequest(List.of(
                new io.tributary.metadata.controller.api.CreateTopicsRequest.Topic("p", -1, -1, Map.of(0, List.of(0, 1)), Map.of())), false));
        fence(c, 1);
        fence(c, 0);
        assertThat(c.partition("p", 0).isr()).isEmpty();
        assertThat(c.partition("p", 0).elr()).containsExactly(0);
        c.heartbeat(0);
        assertThat(c.partition("p", 0).leader()).isEqualTo(0);
    }

    @Test
    void uncleanElectionWhenTheTopicAllowsIt() {
        TestCluster c = clusterWithTopic(Map.of("unclean.leader.election.enable", "true"));
        fence(c, 0);
        fence(c, 1);
        fence(c, 2);
        assertThat(c.partition("t", 0).leader()).isEqualTo(-1);
        c.heartbeat(1);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).as("1 is outside the ISR, but the topic allows it").isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
    }

    @Test
    void uncleanElectionDuringFencingWhenTheClusterDefaultAllowsIt() {
        TestCluster c = clusterWithTopic(Map.of());
        c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.BROKER, "",
                List.of(new AlterConfigOp("unclean.leader.election.enable", AlterConfigOp.OpType.SET, "true")))), false));
        // Shrink the ISR to the leader alone, then lose the leader while followers are alive.
        assertThat(c.alterIsr("t", 0, List.of(0)).error().isSuccess()).isTrue();
        fence(c, 0);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
    }

    @Test
    void withoutUncleanElectionAnOutOfSyncFollowerNeverLeads() {
        TestCluster c = clusterWithTopic(Map.of());
        assertThat(c.alterIsr("t", 0, List.of(0)).error().isSuccess()).isTrue();
        fence(c, 0);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(-1);
        assertThat(p.isr()).isEmpty();
        assertThat(p.elr()).containsExactly(0);
    }

    @Test
    void aReturnedBrokerDoesNotTakeLeadershipFromALiveLeader() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 0);
        c.heartbeat(0);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).as("it must catch up and be added back by the leader").containsExactly(1, 2);
    }

    @Test
    void everyLeaderChangeBumpsTheLeaderEpochOnce() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 0);
        c.heartbeat(0);
        c.alterIsr("t", 0, List.of(1, 2, 0));
        fence(c, 1);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).as("replica order: the preferred replica, back in the ISR, wins").isEqualTo(0);
        assertThat(p.isr()).containsExactly(2, 0);
        assertThat(p.leaderEpoch()).isEqualTo(2);
        assertThat(p.partitionEpoch()).isEqualTo(3);
    }
}
