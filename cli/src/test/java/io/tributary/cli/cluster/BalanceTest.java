package io.tributary.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class BalanceTest {
    static final Node N1 = new Node(1, "h1", 9092);
    static final Node N2 = new Node(2, "h2", 9092);
    static final Node N3 = new Node(3, "", -1);

    @Test
    void countsLeadersReplicasAndPreferredPerBrokerAndNamesTheTroubledPartitions() {
        Balance balance = Balance.of(Map.of("t", List.of(
                new TopicPartitionInfo(0, N1, List.of(N1, N2), List.of(N1, N2)),
                new TopicPartitionInfo(1, N1, List.of(N2, N1), List.of(N1)),
                new TopicPartitionInfo(2, null, List.of(N3), List.of()))), List.of(1, 2));
        assertThat(balance.shares()).containsExactly(
                new Balance.BrokerShare(1, 2, 2, 1),
                new Balance.BrokerShare(2, 0, 2, 1),
                new Balance.BrokerShare(3, 0, 1, 1));
        assertThat(balance.partitions()).isEqualTo(3);
        assertThat(balance.notLedByPreferred()).as("partition 1 is led by 1, preferred 2").isEqualTo(1);
        assertThat(balance.underReplicated()).isEqualTo(1);
        assertThat(balance.offline()).isEqualTo(1);
        assertThat(balance.troubles()).containsExactly(
                new Balance.Trouble("t", 1, 1, List.of(2, 1), List.of(1), "under-replicated"),
                new Balance.Trouble("t", 2, null, List.of(3), List.of(), "offline"));
    }

    @Test
    void aBrokerWithNothingStillHasItsRow() {
        assertThat(Balance.of(Map.of(), List.of(4))).extracting(Balance::shares).asList()
                .containsExactly(new Balance.BrokerShare(4, 0, 0, 0));
    }
}
