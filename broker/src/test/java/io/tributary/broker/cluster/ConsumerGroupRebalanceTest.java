package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer groups on a three-node cluster with official Java consumers: members share a topic's
 * partitions, each partition to exactly one member; a fourth member joining and one leaving move
 * partitions; a static member (group.instance.id) that restarts within its session gets its
 * partitions back without a rebalance (the generation does not change).
 */
class ConsumerGroupRebalanceTest {

    private static final Duration REBALANCED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void membersShareThePartitionsAndRebalanceWhenOneJoinsAndOneLeaves() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, Map.of("offsets.topic.num.partitions", "3")).start()) {
            c.admin(1).createTopics(List.of(new NewTopic("t", 6, (short) 3))).all().get();
            List<GroupMember> members = new ArrayList<>();
            try {
                for (int i = 1; i <= 3; i++) {
                    members.add(new GroupMember("m" + i, c.bootstrap(i), "g", "t"));
                }
                awaitShared(members, 6);
                assertThat(members).allSatisfy(m -> assertThat(m.assignment()).hasSize(2));

                long joinNs = System.nanoTime();
                GroupMember fourth = new GroupMember("m4", c.bootstrap(2), "g", "t");
                members.add(fourth);
                awaitShared(members, 6);
                // A figure, printed, not asserted (the wait above is bounded generously instead).
                System.out.printf("Rebalance: a fourth member joined a 3-member group and all held partitions again in %d ms%n",
                        (System.nanoTime() - joinNs) / 1_000_000);
                assertThat(fourth.assignment()).isNotEmpty();

                GroupMember leaving = members.remove(1);
                leaving.close();
                awaitShared(members, 6);
                assertThat(members).allSatisfy(m -> assertThat(m.assignment()).hasSize(2));
                assertThat(members).allSatisfy(m -> assertThat(m.failure()).isNull());
            } finally {
                members.forEach(GroupMember::close);
            }
        }
    }

    @Test
    void aStaticMemberRestartingWithinItsSessionGetsItsPartitionsBackWithoutARebalance() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, Map.of("offsets.topic.num.partitions", "3")).start()) {
            c.admin(1).createTopics(List.of(new NewTopic("t", 6, (short) 3))).all().get();
            Map<String, String> sessionA = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "a", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
            Map<String, String> sessionB = Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "b", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "30000");
            GroupMember a = new GroupMember("a", c.bootstrap(1), "s", "t", false, new CopyOnWriteArrayList<>(), sessionA);
            GroupMember b = new GroupMember("b", c.bootstrap(2), "s", "t", false, new CopyOnWriteArrayList<>(), sessionB);
            GroupMember a2 = null;
            try {
                awaitShared(List.of(a, b), 6);
                int generation = b.generation();
                int bAssignments = b.assignments();
                Set<TopicPartition> aOwned = a.assignment();
                assertThat(a.generation()).isEqualTo(generation);

                a.close();
                a2 = new GroupMember("a2", c.bootstrap(3), "s", "t", false, new CopyOnWriteArrayList<>(), sessionA);
                GroupMember back = a2;
                await().atMost(REBALANCED).until(() -> back.assignment().equals(aOwned));
                assertThat(a2.generation()).as("the returning static member's generation").isEqualTo(generation);
                assertThat(b.generation()).as("the other member's generation").isEqualTo(generation);
                assertThat(b.assignments()).as("the other member was not rebalanced").isEqualTo(bAssignments);
            } finally {
                b.close();
                if (a2 != null) {
                    a2.close();
                }
            }
        }
    }

    /** Waits until the members' assignments are disjoint and cover partitions 0..n-1 of the topic, with none empty. */
    static void awaitShared(List<GroupMember> members, int partitions) {
        await().atMost(REBALANCED).pollInterval(Duration.ofMillis(100)).until(() -> {
            Set<TopicPartition> union = new HashSet<>();
            int total = 0;
            for (GroupMember m : members) {
                if (m.assignment().isEmpty() || m.failure() != null) {
                    return false;
                }
                union.addAll(m.assignment());
                total += m.assignment().size();
            }
            return union.size() == partitions && total == partitions;
        });
    }
}
