package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.BrokerConnection;
import io.tributary.e2e.harness.MetadataView;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * FindCoordinator on a cluster of three processes, asked with the Java client's own request classes
 * over a connection to one chosen broker: the first lookup creates {@code __consumer_offsets}; every
 * broker, asked in the batched form (v6, as the Java client 4.x asks) and the single-key form (v2, as
 * librdkafka and kafkajs ask), names for each group the leader of partition
 * {@code Utils.abs(group.hashCode()) % offsets.topic.num.partitions}, at that broker's address, exactly
 * as Kafka maps groups; and once that leader is SIGKILLed, the answer moves to the partition's new
 * leader, a surviving broker.
 */
@ExtendWith(TributaryExtension.class)
class FindCoordinatorTest {
    private static final int OFFSETS_PARTITIONS = 6;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> GROUPS = List.of("payments", "orders", "audit", "console-consumer-4711", "g1", "g2", "g3", "g4");

    @Test
    void everyBrokerNamesTheLeaderOfTheGroupsPartitionAndFollowsItWhenItDies(Nodes nodes) {
        TributaryCluster cluster = nodes.cluster(3, Map.of("offsets.topic.num.partitions", String.valueOf(OFFSETS_PARTITIONS))).start();

        // The first lookup creates the topic; a lookup racing the new partitions' first leaders may be told to retry.
        await("every group has a coordinator").atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> batched(cluster.node(1), GROUPS).values().stream().allMatch(c -> c.errorCode() == Errors.NONE.code()));
        cluster.awaitTopics(Map.of("__consumer_offsets", OFFSETS_PARTITIONS));

        for (TributaryNode asked : cluster.running()) {
            Map<String, FindCoordinatorResponseData.Coordinator> answers = batched(asked, GROUPS);
            MetadataView.TopicView offsets = metadata(asked);
            for (String group : GROUPS) {
                int leader = offsets.partition(Utils.abs(group.hashCode()) % OFFSETS_PARTITIONS).leader();
                FindCoordinatorResponseData.Coordinator c = answers.get(group);
                assertThat(c.nodeId()).as("coordinator of %s, asked of %s", group, asked).isEqualTo(leader);
                assertThat(c.host() + ":" + c.port()).as("address of %s's coordinator", group).isEqualTo(cluster.node(leader).bootstrap());
                FindCoordinatorResponseData single = singleKey(asked, group);
                assertThat(single.errorCode()).isZero();
                assertThat(single.nodeId()).as("v2 answer for %s, asked of %s", group, asked).isEqualTo(leader);
            }
        }

        // A group whose coordinator is not the active controller, so that its death is a broker failover only.
        int controller = cluster.activeController();
        MetadataView.TopicView before = metadata(cluster.node(1));
        String group = GROUPS.stream().filter(g -> before.partition(partitionOf(g)).leader() != controller).findFirst().orElseThrow();
        int partition = partitionOf(group);
        TributaryNode victim = cluster.node(before.partition(partition).leader());
        long killedAtNs = System.nanoTime();
        victim.kill();

        TributaryNode survivor = cluster.node(controller);
        await("the coordinator of " + group + " moves off the killed " + victim).atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> {
                    FindCoordinatorResponseData.Coordinator c = batched(survivor, List.of(group)).get(group);
                    return c.errorCode() == Errors.NONE.code() && c.nodeId() != victim.nodeId();
                });
        long movedAfterMs = (System.nanoTime() - killedAtNs) / 1_000_000;
        FindCoordinatorResponseData.Coordinator moved = batched(survivor, List.of(group)).get(group);
        // A figure for the coordinator-failover budget (issue 13), printed rather than asserted: a loaded machine is slower.
        System.out.printf("FindCoordinator for %s moved from node %d to node %d within %d ms of SIGKILL%n", group, victim.nodeId(),
                moved.nodeId(), movedAfterMs);
        MetadataView.PartitionView now = metadata(survivor).partition(partition);
        assertThat(moved.nodeId()).as("the new coordinator is the partition's new leader").isEqualTo(now.leader());
        assertThat(now.leaderEpoch()).isGreaterThan(before.partition(partition).leaderEpoch());
        assertThat(moved.host() + ":" + moved.port()).isEqualTo(cluster.node(now.leader()).bootstrap());
    }

    private static int partitionOf(String group) {
        return Utils.abs(group.hashCode()) % OFFSETS_PARTITIONS;
    }

    /** FindCoordinator v6 for {@code groups}, asked of {@code node} alone, by group. */
    private static Map<String, FindCoordinatorResponseData.Coordinator> batched(TributaryNode node, List<String> groups) {
        try (BrokerConnection c = BrokerConnection.open(node.bootstrap(), PROBE_TIMEOUT)) {
            FindCoordinatorResponse r = (FindCoordinatorResponse) c.send(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id()).setCoordinatorKeys(new ArrayList<>(groups)))
                    .build((short) 6));
            Map<String, FindCoordinatorResponseData.Coordinator> byGroup = new TreeMap<>();
            r.data().coordinators().forEach(co -> byGroup.put(co.key(), co));
            assertThat(byGroup.keySet()).as("one answer per group").containsExactlyInAnyOrderElementsOf(groups);
            return byGroup;
        }
    }

    /** FindCoordinator v2 (one key), as librdkafka and kafkajs ask. */
    private static FindCoordinatorResponseData singleKey(TributaryNode node, String group) {
        try (BrokerConnection c = BrokerConnection.open(node.bootstrap(), PROBE_TIMEOUT)) {
            return ((FindCoordinatorResponse) c.send(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id()).setKey(group)).build((short) 2))).data();
        }
    }

    private static MetadataView.TopicView metadata(TributaryNode node) {
        return MetadataView.of(BrokerConnection.metadataOf(node.bootstrap(), List.of("__consumer_offsets"), PROBE_TIMEOUT))
                .topic("__consumer_offsets");
    }
}
