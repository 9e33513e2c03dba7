package io.tributary.bench.failover;

import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrSnapshot.PartitionState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VictimChoiceTest {

    private static PartitionState ledBy(int leader) {
        return new PartitionState(leader, List.of(1, 2, 3), List.of(1, 2, 3));
    }

    @Test
    void prefersALeaderOfCThatIsNotTheController() {
        IsrSnapshot snapshot = new IsrSnapshot(Map.of("C-0", ledBy(2), "C-1", ledBy(2), "C-2", ledBy(3), "A-0", ledBy(1)));

        assertThat(VictimChoice.victim(snapshot, "C", 2)).isEqualTo(3);
        assertThat(VictimChoice.victim(snapshot, "C", 1)).isEqualTo(2);
    }

    @Test
    void takesTheControllerWhenItAloneLeadsC() {
        IsrSnapshot snapshot = new IsrSnapshot(Map.of("C-0", ledBy(1), "C-1", ledBy(1), "A-0", ledBy(2)));

        assertThat(VictimChoice.victim(snapshot, "C", 1)).isEqualTo(1);
    }
}
