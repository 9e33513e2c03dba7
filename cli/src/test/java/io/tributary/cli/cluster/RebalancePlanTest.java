package io.tributary.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebalancePlanTest {

    private static Map<Integer, Integer> counts(Map<String, List<List<Integer>>> a, RebalancePlan plan, boolean leadersOnly) {
        Map<String, List<List<Integer>>> after = new HashMap<>();
        a.forEach((t, parts) -> after.put(t, new java.util.ArrayList<>(parts)));
        plan.moves().forEach(m -> after.get(m.topic()).set(m.partition(), m.to()));
        Map<Integer, Integer> out = new HashMap<>();
        after.values().forEach(parts -> parts.forEach(r -> {
            for (int b : leadersOnly ? r.subList(0, 1) : r) {
                out.merge(b, 1, Integer::sum);
            }
            assertThat(new HashSet<>(r)).as("no broker twice in %s", r).hasSameSizeAs(r);
        }));
        return out;
    }

    @Test
    void aNewBrokerGetsItsShareOfReplicasAndLeaders() {
        // Six partitions of RF 2 on brokers 1 and 2; broker 3 has just joined.
        Map<String, List<List<Integer>>> a = Map.of("t", List.of(List.of(1, 2), List.of(2, 1), List.of(1, 2), List.of(2, 1),
                List.of(1, 2), List.of(2, 1)));
        RebalancePlan plan = RebalancePlan.of(a, List.of(1, 2, 3));
        assertThat(counts(a, plan, false)).containsEntry(1, 4).containsEntry(2, 4).containsEntry(3, 4);
        assertThat(counts(a, plan, true)).containsEntry(1, 2).containsEntry(2, 2).containsEntry(3, 2);
        assertThat(plan.moves()).allSatisfy(m -> assertThat(m.to()).hasSameSizeAs(m.from()));
    }

    @Test
    void replicasLeaveABrokerThatIsGoneAndABalancedClusterIsLeftAlone() {
        Map<String, List<List<Integer>>> a = Map.of("t", List.of(List.of(1, 2), List.of(2, 3), List.of(3, 1)));
        assertThat(RebalancePlan.of(a, List.of(1, 2, 3)).moves()).as("already even").isEmpty();
        RebalancePlan without3 = RebalancePlan.of(a, List.of(1, 2));
        assertThat(counts(a, without3, false)).doesNotContainKey(3).containsEntry(1, 3).containsEntry(2, 3);
    }

    @Test
    void aPartitionWiderThanTheLiveBrokersIsReportedNotMoved() {
        Map<String, List<List<Integer>>> a = Map.of("t", List.of(List.of(1, 2, 3)));
        RebalancePlan plan = RebalancePlan.of(a, List.of(1, 2));
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.unplaceable()).containsExactly("t-0");
    }
}
