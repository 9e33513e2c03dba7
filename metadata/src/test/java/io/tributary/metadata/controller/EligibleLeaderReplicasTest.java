package io.tributary.metadata.controller;

import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.ConfigResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eligible leader replicas (KIP-966) on topic "t": replicas [0, 1, 2], {@code min.insync.replicas=2}.
 * A replica that leaves the ISR while the ISR is below min ISR holds every committed record (the
 * leader's high watermark does not move while the ISR is that small), so it stays electable; one
 * that restarts after an unclean shutdown does not.
 */
class EligibleLeaderReplicasTest {

    private static TestCluster clusterWithTopic(Map<String, String> topicConfigs) {
        TestCluster c = TestCluster.withBrokers(3);
        Map<String, String> configs = new java.util.HashMap<>(topicConfigs);
        configs.putIfAbsent("min.insync.replicas", "2");
        var r = c.run(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("t", -1, -1,
                Map.of(0, List.of(0, 1, 2)), configs)), false));
        assertThat(r.topics().get(0).error().isSuccess()).isTrue();
        return c;
    }

    private static void fence(TestCluster c, int broker) {
        assertThat(c.heartbeat(broker, true, false).isFenced()).isTrue();
    }

    /** Broker {@code id} comes back as a new process: registers (cleanly or not), then heartbeats until unfenced. */
    private static void restart(TestCluster c, int id, boolean clean) {
        long previous = clean ? c.image().broker(id).brokerEpoch() : -1;
        // The same incarnation id stands for "its old session is over" (a real restart waits for that).
        assertThat(c.register(id, TestCluster.incarnation(id), previous).error().isSuccess()).isTrue();
    }

    @Test
    void theIsrShrinkingBelowMinIsrPutsTheLeaversInTheElr() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.isr()).containsExactly(0, 1);
        assertThat(p.elr()).as("the ISR is still at min ISR: the high watermark moves on without 2").isEmpty();
        fence(c, 1);
        p = c.partition("t", 0);
        assertThat(p.isr()).containsExactly(0);
        assertThat(p.elr()).as("from here on nothing commits, so 1 holds everything committed").containsExactly(1);
        fence(c, 0);
        p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(-1);
        assertThat(p.isr()).isEmpty();
        assertThat(p.elr()).containsExactly(0, 1);
        assertThat(p.lastKnownElr()).containsExactly(0);
    }

    @Test
    void anElrMemberLeadsWhenItReturns() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        assertThat(c.heartbeat(2).isFenced()).isFalse();
        assertThat(c.partition("t", 0).leader()).as("2 left while the ISR was at min ISR: it may lack records").isEqualTo(-1);
        assertThat(c.heartbeat(1).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
        assertThat(p.elr()).containsExactly(0);
        assertThat(p.lastKnownElr()).isEmpty();
    }

    @Test
    void theLastReplicaStandingRestartingUncleanlyIsNotElected() {
        // KIP-966's case: the ISR is [0] alone, 1 left it below min ISR; 0 crashes and loses its
        // unflushed tail. Electing 0 would lose records 1 has; 1 is elected instead, when it can be.
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        restart(c, 0, false);
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.elr()).as("an unclean shutdown may have lost committed records").containsExactly(1);
        assertThat(c.heartbeat(0).isFenced()).isFalse();
        assertThat(c.partition("t", 0).leader()).as("0 is active but not eligible; 1 is eligible but down").isEqualTo(-1);
        assertThat(c.heartbeat(1).isFenced()).isFalse();
        p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
        assertThat(p.elr()).isEmpty();
    }

    @Test
    void aCleanRestartKeepsTheBrokerEligible() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        restart(c, 0, true);
        assertThat(c.partition("t", 0).elr()).containsExactly(0, 1);
        assertThat(c.heartbeat(0).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(0);
        assertThat(p.elr()).containsExactly(1);
    }

    @Test
    void whenEveryEligibleReplicaRestartedUncleanlyTheLastKnownLeaderLeads() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        restart(c, 1, false);
        restart(c, 0, false);
        assertThat(c.partition("t", 0).elr()).isEmpty();
        assertThat(c.heartbeat(1).isFenced()).isFalse();
        assertThat(c.partition("t", 0).leader()).as("1 was never the last leader").isEqualTo(-1);
        assertThat(c.heartbeat(0).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).as("nobody is known to have more than the last leader").isEqualTo(0);
        assertThat(p.isr()).containsExactly(0);
        assertThat(p.lastKnownElr()).isEmpty();
    }

    @Test
    void theIsrGrowingBackToMinIsrEmptiesTheElr() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        assertThat(c.partition("t", 0).elr()).containsExactly(1);
        assertThat(c.heartbeat(2).isFenced()).isFalse();
        assertThat(c.alterIsr("t", 0, List.of(0, 2)).error().isSuccess()).isTrue();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.isr()).containsExactly(0, 2);
        assertThat(p.elr()).as("commits resume without 1, so it is no longer known to have them").isEmpty();
    }

    @Test
    void anUncleanElectionComesOnlyAfterTheIsrElrAndLastLeader() {
        TestCluster c = clusterWithTopic(Map.of("unclean.leader.election.enable", "true"));
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        restart(c, 0, false);
        restart(c, 1, false);
        assertThat(c.heartbeat(2).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).as("only an unclean election can give the partition a leader now").isEqualTo(2);
        assertThat(p.isr()).containsExactly(2);
        assertThat(p.elr()).isEmpty();
    }

    @Test
    void anOperatorsUncleanElectionPrefersTheElr() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        assertThat(c.heartbeat(2).isFenced()).isFalse();
        assertThat(c.partition("t", 0).leader()).isEqualTo(-1);
        var r = c.run(new ElectLeadersRequest(ElectLeadersRequest.ElectionType.UNCLEAN, null));
        assertThat(r.partitions()).singleElement().satisfies(x -> assertThat(x.error().isSuccess()).isTrue());
        assertThat(c.partition("t", 0).leader()).isEqualTo(2);
    }

    @Test
    void loweringMinIsrToTheIsrSizeEmptiesTheElrInTheSameBatch() {
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        assertThat(c.partition("t", 0).elr()).containsExactly(1);
        var r = c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(
                ConfigResourceType.TOPIC, "t", List.of(new AlterConfigOp("min.insync.replicas", AlterConfigOp.OpType.SET, "1")))),
                false));
        assertThat(r.resources()).allSatisfy(x -> assertThat(x.error().isSuccess()).isTrue());
        assertThat(c.partition("t", 0).elr()).as("0 alone commits again, so 1 falls behind").isEmpty();
    }

    @Test
    void anElrMemberElectedWhileMinIsrIsOneLeavesNoElrBehind() {
        // Simulation seed 4582927: with the ISR empty and the ELR [0, 1, 2], min ISR drops to 1. The
        // first ELR member back leads alone, and alone it is at min ISR, so it commits without the
        // others: they must leave the ELR then, or a later election could pick one that lacks records.
        TestCluster c = clusterWithTopic(Map.of());
        fence(c, 2);
        fence(c, 1);
        fence(c, 0);
        var r = c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(
                ConfigResourceType.TOPIC, "t", List.of(new AlterConfigOp("min.insync.replicas", AlterConfigOp.OpType.SET, "1")))),
                false));
        assertThat(r.resources()).allSatisfy(x -> assertThat(x.error().isSuccess()).isTrue());
        assertThat(c.partition("t", 0).elr()).as("the ISR is still below the new min ISR").containsExactly(0, 1);
        assertThat(c.heartbeat(1).isFenced()).isFalse();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isEqualTo(1);
        assertThat(p.isr()).containsExactly(1);
        assertThat(p.elr()).as("1 alone is at min ISR and commits without 0").isEmpty();
    }
}
