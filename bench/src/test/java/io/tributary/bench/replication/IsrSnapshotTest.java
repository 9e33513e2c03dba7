package io.tributary.bench.replication;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IsrSnapshotTest {

    private static final Node N1 = new Node(1, "127.0.0.1", 1);
    private static final Node N2 = new Node(2, "127.0.0.1", 2);
    private static final Node N3 = new Node(3, "127.0.0.1", 3);

    private static IsrSnapshot snapshot(TopicPartitionInfo... partitions) {
        return IsrSnapshot.of(Map.of("t", new TopicDescription("t", false, List.of(partitions), java.util.Set.of(), Uuid.randomUuid())));
    }

    private static TopicPartitionInfo partition(int index, Node leader, List<Node> replicas, List<Node> isr) {
        return new TopicPartitionInfo(index, leader, replicas, isr);
    }

    @Test
    void fullyInSyncNeedsEveryReplicaInEveryIsrAndALeader() {
        IsrSnapshot full = snapshot(partition(0, N1, List.of(N1, N2, N3), List.of(N3, N1, N2)),
                partition(1, N2, List.of(N2, N3, N1), List.of(N2, N3, N1)));
        IsrSnapshot oneShort = snapshot(partition(0, N1, List.of(N1, N2, N3), List.of(N1, N2, N3)),
                partition(1, N2, List.of(N2, N3, N1), List.of(N2, N3)));
        IsrSnapshot leaderless = snapshot(partition(0, null, List.of(N1, N2, N3), List.of(N1, N2, N3)));

        assertThat(full.fullyInSync()).isTrue();
        assertThat(oneShort.fullyInSync()).isFalse();
        assertThat(leaderless.fullyInSync()).isFalse();
        assertThat(snapshot().fullyInSync()).as("no partitions is not 'in sync'").isFalse();
    }

    @Test
    void aKilledFollowerIsOutOfEveryIsrOnlyWhenNoPartitionListsItAnyMore() {
        IsrSnapshot shrinking = snapshot(partition(0, N1, List.of(N1, N2, N3), List.of(N1, N2)),
                partition(1, N2, List.of(N2, N1, N3), List.of(N2, N1, N3)));
        IsrSnapshot shrunk = snapshot(partition(0, N1, List.of(N1, N2, N3), List.of(N1, N2)),
                partition(1, N2, List.of(N2, N1, N3), List.of(N2, N1)));

        assertThat(shrinking.outOfEveryIsr(3)).isFalse();
        assertThat(shrunk.outOfEveryIsr(3)).isTrue();
        assertThat(shrunk.inEveryIsr(3)).isFalse();
        assertThat(shrunk.outOfEveryIsr(4)).as("a node that hosts nothing proves nothing").isFalse();
    }

    @Test
    void aRestartedFollowerIsBackOnlyWhenEveryPartitionItHostsListsIt() {
        IsrSnapshot partly = snapshot(partition(0, N1, List.of(N1, N3), List.of(N1, N3)),
                partition(1, N2, List.of(N2, N3), List.of(N2)),
                partition(2, N1, List.of(N1, N2), List.of(N1, N2)));
        IsrSnapshot back = snapshot(partition(0, N1, List.of(N1, N3), List.of(N1, N3)),
                partition(1, N2, List.of(N2, N3), List.of(N2, N3)),
                partition(2, N1, List.of(N1, N2), List.of(N1)));

        assertThat(partly.inEveryIsr(3)).isFalse();
        assertThat(back.inEveryIsr(3)).as("partition 2 does not host node 3, so its ISR does not matter").isTrue();
        assertThat(back.inEveryIsr(4)).isFalse();
    }

    @Test
    void leadershipAndTheFailureMessageNameEachPartition() {
        IsrSnapshot s = snapshot(partition(1, N2, List.of(N2, N1, N3), List.of(N2, N1)),
                partition(0, N1, List.of(N1, N2, N3), List.of(N1)));

        assertThat(s.leadsNothing(3)).isTrue();
        assertThat(s.leadsNothing(2)).isFalse();
        assertThat(s).hasToString("t-0 leader 1 replicas [1, 2, 3] isr [1]; t-1 leader 2 replicas [2, 1, 3] isr [2, 1]");
    }
}
