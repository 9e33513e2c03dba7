package io.tributary.metadata.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.PartitionRegistration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Right after a controller failover every registered broker has a session of grace, so a broker
 * that died with the old controller still counts as active. New replicas go to brokers heard from
 * in the new term when there are enough of them, so a topic created in that window does not get
 * partitions that have no leader until the dead broker returns.
 */
class PlacementAfterFailoverTest {

    private static Set<Integer> replicasOf(TestCluster c, String topic) {
        Set<Integer> replicas = new HashSet<>();
        for (PartitionRegistration p : c.image().topic(topic).partitions()) {
            replicas.addAll(p.replicas());
        }
        return replicas;
    }

    @Test
    void afterAFailoverNewTopicsAvoidBrokersNotYetHeardFrom() {
        TestCluster c = TestCluster.withBrokers(3);
        c.failover();
        c.heartbeat(0);
        c.heartbeat(1);
        // Broker 2 is still in its grace session and has not heartbeated to the new controller.

        CreateTopicsResponse.TopicResult created = c.createTopic("orders", 6, 2);

        assertThat(created.error().code()).isEqualTo(ErrorCode.NONE);
        assertThat(replicasOf(c, "orders")).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void placementFallsBackToEveryActiveBrokerWhenTooFewWereHeardFrom() {
        TestCluster c = TestCluster.withBrokers(3);
        c.failover();
        c.heartbeat(0);

        CreateTopicsResponse.TopicResult created = c.createTopic("orders", 3, 3);

        assertThat(created.error().code()).isEqualTo(ErrorCode.NONE);
        assertThat(replicasOf(c, "orders")).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void withoutAFailoverEveryActiveBrokerIsUsed() {
        TestCluster c = TestCluster.withBrokers(3);

        c.createTopic("orders", 6, 1);

        assertThat(replicasOf(c, "orders")).containsExactlyInAnyOrder(0, 1, 2);
    }
}
