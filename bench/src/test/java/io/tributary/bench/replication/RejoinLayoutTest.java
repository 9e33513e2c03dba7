package io.tributary.bench.replication;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RejoinLayoutTest {

    @Test
    void theVictimIsTheHighestNodeThatIsNotTheController() {
        assertThat(RejoinLayout.victim(List.of(1, 2, 3), 1)).isEqualTo(3);
        assertThat(RejoinLayout.victim(List.of(1, 2, 3), 3)).isEqualTo(2);
        assertThatThrownBy(() -> RejoinLayout.victim(List.of(1), 1)).hasMessageContaining("no node besides");
    }

    @Test
    void theVictimIsTheLastReplicaOfEveryPartitionAndLeadershipAlternatesOverTheOthers() {
        Map<Integer, List<Integer>> assignment = RejoinLayout.assignment(2, List.of(1, 2, 3), 3);

        assertThat(assignment).containsExactly(
                Map.entry(0, List.of(1, 3, 2)),
                Map.entry(1, List.of(3, 1, 2)),
                Map.entry(2, List.of(1, 3, 2)));
    }

    @Test
    void aVictimOutsideTheClusterIsRefused() {
        assertThatThrownBy(() -> RejoinLayout.assignment(4, List.of(1, 2, 3), 3)).hasMessageContaining("not one of");
    }
}
