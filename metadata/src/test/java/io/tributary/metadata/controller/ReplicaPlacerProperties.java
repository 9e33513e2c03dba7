package io.tributary.metadata.controller;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaPlacerProperties {

    @Property(tries = 300)
    void placementsAreValidAndLeadershipsSpreadEvenly(@ForAll @IntRange(min = 1, max = 12) int brokers,
                                                      @ForAll @IntRange(min = 1, max = 60) int partitions,
                                                      @ForAll @IntRange(min = 1, max = 12) int rf,
                                                      @ForAll @IntRange(min = 0, max = 100) int start,
                                                      @ForAll @IntRange(min = 0, max = 100) int shift) {
        rf = Math.min(rf, brokers);
        List<Integer> ids = IntStream.range(0, brokers).map(i -> i * 3 + 1).boxed().toList();
        List<List<Integer>> placement = ReplicaPlacer.place(ids, 0, partitions, rf, start % brokers, shift);
        assertThat(placement).hasSize(partitions);
        Map<Integer, Integer> leaders = new HashMap<>();
        Map<Integer, Integer> replicas = new HashMap<>();
        for (List<Integer> p : placement) {
            assertThat(p).hasSize(rf).doesNotHaveDuplicates();
            assertThat(ids).containsAll(p);
            leaders.merge(p.get(0), 1, Integer::sum);
            p.forEach(r -> replicas.merge(r, 1, Integer::sum));
        }
        List<Integer> leaderCounts = new ArrayList<>();
        for (int id : ids) {
            leaderCounts.add(leaders.getOrDefault(id, 0));
        }
        assertThat(leaderCounts.stream().mapToInt(i -> i).max().getAsInt()
                - leaderCounts.stream().mapToInt(i -> i).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Property(tries = 100)
    void addedPartitionsContinueTheRotation(@ForAll @IntRange(min = 2, max = 8) int brokers,
                                            @ForAll @IntRange(min = 1, max = 20) int existing,
                                            @ForAll @IntRange(min = 1, max = 20) int added) {
        List<Integer> ids = IntStream.range(0, brokers).boxed().toList();
        List<List<Integer>> all = new ArrayList<>(ReplicaPlacer.place(ids, 0, existing, 2, 1, 0));
        all.addAll(ReplicaPlacer.place(ids, existing, added, 2, 1, 5));
        for (int p = 0; p < all.size(); p++) {
            assertThat(all.get(p).get(0)).isEqualTo(ids.get((1 + p) % brokers));
        }
    }
}
