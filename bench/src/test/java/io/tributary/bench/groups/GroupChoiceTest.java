package io.tributary.bench.groups;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupChoiceTest {

    @Test
    void thePartitionIsKafkasNonNegativeHashModuloThePartitions() {
        // "polygenelubricants".hashCode() is Integer.MIN_VALUE: Kafka's Utils.abs maps it to 0, where Math.abs stays negative.
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(GroupChoice.partitionOf("polygenelubricants", 50)).isZero();
        assertThat(GroupChoice.partitionOf("my-group", 50)).isEqualTo(Math.abs("my-group".hashCode()) % 50);
        String negative = "bench-groups-3";
        assertThat(GroupChoice.partitionOf(negative, 7)).isBetween(0, 6);
    }

    @Test
    void groupsInAPartitionAllLandThere() {
        List<String> groups = GroupChoice.groupsIn("bench-offsets", 17, 50, 8);
        assertThat(groups).hasSize(8).doesNotHaveDuplicates()
                .allSatisfy(g -> assertThat(GroupChoice.partitionOf(g, 50)).isEqualTo(17));
    }

    @Test
    void theChosenGroupIsCoordinatedByABrokerOtherThanTheAvoidedOne() {
        Map<Integer, Integer> leaders = new HashMap<>();
        for (int p = 0; p < 50; p++) {
            leaders.put(p, p == 31 ? 2 : 1);
        }
        String group = GroupChoice.groupLedByAnotherThan("bench-groups", leaders, 1);
        assertThat(GroupChoice.partitionOf(group, 50)).isEqualTo(31);
        leaders.put(31, -1);
        assertThatThrownBy(() -> GroupChoice.groupLedByAnotherThan("bench-groups", leaders, 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
