package io.tributary.bench.replication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which broker the rejoin measurement kills, and where the replicas of its topic go. The measurement is
 * about a follower coming back, not about failover, so the killed broker must lead no partition of the
 * topic (or its partitions would first need a new leader, which is a different figure) and must not be
 * the active controller (or the figure would include a controller election). Both systems are given the
 * same explicit assignment: leaders alternate over the other brokers, the victim is always the last replica.
 */
final class RejoinLayout {

    private RejoinLayout() {
    }

    /** The highest node id that is not {@code activeController}. */
    static int victim(List<Integer> nodeIds, int activeController) {
        return nodeIds.stream().filter(id -> id != activeController).max(Integer::compare)
                .orElseThrow(() -> new IllegalArgumentException("no node besides the controller " + activeController + " in " + nodeIds));
    }

    /**
     * Partition p's replicas: the non-victims rotated by p (so leadership alternates among them), then the
     * victim. Every node hosts every partition, so the replication factor is the number of nodes.
     */
    static Map<Integer, List<Integer>> assignment(int victim, List<Integer> nodeIds, int partitions) {
        if (!nodeIds.contains(victim)) {
            throw new IllegalArgumentException("victim " + victim + " is not one of " + nodeIds);
        }
        if (nodeIds.size() < 2 || partitions < 1) {
            throw new IllegalArgumentException("need at least two nodes and one partition: " + nodeIds + ", " + partitions);
        }
        List<Integer> others = nodeIds.stream().filter(id -> id != victim).sorted().toList();
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int i = 0; i < others.size(); i++) {
                replicas.add(others.get((p + i) % others.size()));
            }
            replicas.add(victim);
            assignment.put(p, List.copyOf(replicas));
        }
        return assignment;
    }
}
