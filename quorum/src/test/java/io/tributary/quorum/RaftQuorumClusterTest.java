package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RaftQuorumClusterTest {

    @TempDir
    Path root;

    private TestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.strayKafkaBytes).as("bytes that reached the Kafka pipeline").isEmpty();
            for (TestCluster.Node n : cluster.nodes) {
                if (n.listener != null) {
                    assertThat(n.listener.violations()).as("listener contract on node " + n.id).isEmpty();
                }
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void threeVotersElectALeaderAndDeliverCommitsInOrderToAll() throws Exception {
        cluster = new TestCluster(root, 3, b -> b);
        TestCluster.Node leader = cluster.startAll();

        List<CompletableFuture<Long>> appends = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("entry-" + i);
            appends.add(leader.quorum.append(bytes("entry-" + i)));
        }
        List<Long> indexes = new ArrayList<>();
        for (CompletableFuture<Long> f : appends) {
            indexes.add(f.get(10, TimeUnit.SECONDS));
        }
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        // The leader's own listener has the entry by the time its append completes.
        assertThat(leader.listener.state()).containsExactlyElementsOf(expected);
        for (TestCluster.Node n : cluster.nodes) {
            await().atMost(Duration.ofSeconds(10)).until(() -> n.listener.size() == expected.size());
            assertThat(n.listener.state()).as("node " + n.id).containsExactlyElementsOf(expected);
            assertThat(n.listener.leaderEvents()).as("node " + n.id)
                    .last().satisfies(e -> {
                        assertThat(e.leaderId()).isEqualTo(leader.id);
                        assertThat(e.local()).isEqualTo(n == leader);
                    });
        }
    }
}
