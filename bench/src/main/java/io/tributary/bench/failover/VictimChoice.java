package io.tributary.bench.failover;

import io.tributary.bench.replication.IsrSnapshot;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which broker a run takes away, by the same rule for both systems: one that leads a partition of topic
 * C, and not the active controller when another qualifies (so the figure is about partition failover, not
 * a controller election too); among those, the one leading the most partitions of C, then the lowest id.
 */
final class VictimChoice {

    private VictimChoice() {
    }

    static int victim(IsrSnapshot snapshot, String topicC, int activeController) {
        Map<Integer, Integer> ledOfC = new TreeMap<>();
        snapshot.partitions().forEach((name, state) -> {
            if (FailoverRun.topicPartition(name).topic().equals(topicC) && state.leader() >= 0) {
                ledOfC.merge(state.leader(), 1, Integer::sum);
            }
        });
        if (ledOfC.isEmpty()) {
            throw new IllegalStateException("no partition of " + topicC + " has a leader: " + snapshot);
        }
        Comparator<Map.Entry<Integer, Integer>> preference = Comparator
                .comparing((Map.Entry<Integer, Integer> e) -> e.getKey() == activeController)
                .thenComparing(Map.Entry::getValue, Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey);
        return ledOfC.entrySet().stream().sorted(preference).findFirst().orElseThrow().getKey();
    }
}
