package io.tributary.cli.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An even spread of replicas and preferred leaders over the live brokers, reached with as few replica
 * moves as it can. Pure: it takes each partition's replica list and the live brokers, and returns the
 * partitions whose list changes.
 *
 * <ol>
 *   <li><b>Replicas.</b> Every broker should hold between floor and ceiling of (replicas / live brokers).
 *       A replica on a broker that is not live always moves; then, while some broker holds more than the
 *       ceiling and another less than the floor, or two differ by more than one, a replica moves from the
 *       fullest to the emptiest broker that does not hold that partition yet. A partition keeps its
 *       replication factor, and never has a broker twice.</li>
 *   <li><b>Preferred leaders.</b> The first replica is the preferred leader. Partition by partition
 *       (in topic and partition order), the replica that is preferred for the fewest partitions so far
 *       goes first (the current first replica wins a tie), so leadership spreads too once the
 *       preferred replicas are elected.</li>
 * </ol>
 * A partition with more replicas than there are live brokers cannot be placed and is left as it is,
 * and reported.
 */
public final class RebalancePlan {

    /** A partition's replicas now and in the plan. */
    public record Move(String topic, int partition, List<Integer> from, List<Integer> to) {
    }

    private final List<Move> moves;
    private final List<String> unplaceable;

    private RebalancePlan(List<Move> moves, List<String> unplaceable) {
        this.moves = List.copyOf(moves);
        this.unplaceable = List.copyOf(unplaceable);
    }

    /** The partitions whose replica list changes, in topic and partition order. */
    public List<Move> moves() {
        return moves;
    }

    /** The partitions ("topic-partition") that have more replicas than there are live brokers. */
    public List<String> unplaceable() {
        return unplaceable;
    }

    /**
     * @param assignments each topic's partitions' replica lists, partition i at index i
     * @param live the live broker ids
     */
    public static RebalancePlan of(Map<String, List<List<Integer>>> assignments, List<Integer> live) {
        if (live.isEmpty()) {
            throw new IllegalArgumentException("no live broker to place replicas on");
        }
        Map<String, List<List<Integer>>> plan = new TreeMap<>();
        List<String> unplaceable = new ArrayList<>();
        Map<Integer, Integer> load = new TreeMap<>();
        live.forEach(b -> load.put(b, 0));
        int total = 0;
        for (Map.Entry<String, List<List<Integer>>> t : new TreeMap<>(assignments).entrySet()) {
            List<List<Integer>> parts = new ArrayList<>();
            for (int p = 0; p < t.getValue().size(); p++) {
                List<Integer> replicas = new ArrayList<>(t.getValue().get(p));
                if (replicas.size() > live.size()) {
                    unplaceable.add(t.getKey() + "-" + p);
                } else {
                    total += replicas.size();
                    for (int b : replicas) {
                        load.computeIfPresent(b, (k, v) -> v + 1);
                    }
                }
                parts.add(replicas);
            }
            plan.put(t.getKey(), parts);
        }
        int ceiling = (total + live.size() - 1) / live.size();
        spreadReplicas(plan, unplaceable, load, live, ceiling);
        spreadPreferred(plan, unplaceable, live);

        List<Move> moves = new ArrayList<>();
        for (Map.Entry<String, List<List<Integer>>> t : plan.entrySet()) {
            for (int p = 0; p < t.getValue().size(); p++) {
                List<Integer> before = assignments.get(t.getKey()).get(p);
                List<Integer> after = t.getValue().get(p);
                if (!before.equals(after)) {
                    moves.add(new Move(t.getKey(), p, List.copyOf(before), List.copyOf(after)));
                }
            }
        }
        return new RebalancePlan(moves, unplaceable);
    }

    private static void spreadReplicas(Map<String, List<List<Integer>>> plan, List<String> unplaceable, Map<Integer, Integer> load,
                                       List<Integer> live, int ceiling) {
        // Replicas on brokers that are gone move first, each to the emptiest broker that lacks the partition.
        forEachPlaceable(plan, unplaceable, (topic, p, replicas) -> {
            for (int i = 0; i < replicas.size(); i++) {
                if (!load.containsKey(replicas.get(i))) {
                    int to = emptiestWithout(load, replicas);
                    replicas.set(i, to);
                    load.merge(to, 1, Integer::sum);
                }
            }
        });
        // Then from the fullest to the emptiest while that narrows the spread; each step moves one replica,
        // and the sum of squared loads falls with each, so this ends.
        boolean moved = true;
        while (moved) {
            moved = false;
            int fullest = load.entrySet().stream().max(Map.Entry.<Integer, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
            if (load.get(fullest) <= ceiling && spread(load) <= 1) {
                break;
            }
            for (Map.Entry<String, List<List<Integer>>> t : plan.entrySet()) {
                for (int p = 0; p < t.getValue().size() && !moved; p++) {
                    List<Integer> replicas = t.getValue().get(p);
                    if (unplaceable.contains(t.getKey() + "-" + p) || !replicas.contains(fullest)) {
                        continue;
                    }
                    int to = emptiestWithout(load, replicas);
                    if (to >= 0 && load.get(to) + 1 < load.get(fullest)) {
                        replicas.set(replicas.indexOf(fullest), to);
                        load.merge(fullest, -1, Integer::sum);
                        load.merge(to, 1, Integer::sum);
                        moved = true;
                    }
                }
                if (moved) {
                    break;
                }
            }
        }
    }

    private static void spreadPreferred(Map<String, List<List<Integer>>> plan, List<String> unplaceable, List<Integer> live) {
        Map<Integer, Integer> preferred = new LinkedHashMap<>();
        live.forEach(b -> preferred.put(b, 0));
        forEachPlaceable(plan, unplaceable, (topic, p, replicas) -> {
            int best = replicas.get(0);
            for (int b : replicas) {
                if (preferred.getOrDefault(b, Integer.MAX_VALUE) < preferred.getOrDefault(best, Integer.MAX_VALUE)) {
                    best = b;
                }
            }
            replicas.remove(Integer.valueOf(best));
            replicas.add(0, best);
            preferred.merge(best, 1, Integer::sum);
        });
    }

    private interface PartitionVisitor {
        void visit(String topic, int partition, List<Integer> replicas);
    }

    private static void forEachPlaceable(Map<String, List<List<Integer>>> plan, List<String> unplaceable, PartitionVisitor visitor) {
        for (Map.Entry<String, List<List<Integer>>> t : plan.entrySet()) {
            for (int p = 0; p < t.getValue().size(); p++) {
                if (!unplaceable.contains(t.getKey() + "-" + p)) {
                    visitor.visit(t.getKey(), p, t.getValue().get(p));
                }
            }
        }
    }

    /** The live broker with the fewest replicas that does not hold one of {@code replicas} (lowest id on a tie), or -1. */
    private static int emptiestWithout(Map<Integer, Integer> load, List<Integer> replicas) {
        int best = -1;
        for (Map.Entry<Integer, Integer> e : load.entrySet()) {
            if (!replicas.contains(e.getKey()) && (best < 0 || e.getValue() < load.get(best))) {
                best = e.getKey();
            }
        }
        return best;
    }

    private static int spread(Map<Integer, Integer> load) {
        int max = load.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        int min = load.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        return max - min;
    }
}
