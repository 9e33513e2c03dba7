package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;

/**
 * Places replicas on brokers the way Kafka does without racks: over the live brokers sorted by id,
 * partition {@code p}'s first replica (its preferred leader) sits at {@code (start + p) mod n}, so
 * leaderships spread evenly; the followers sit at a per-topic shift from it, and the shift grows by
 * one every {@code n} partitions so that followers spread evenly too.
 */
final class ReplicaPlacer {

    private ReplicaPlacer() {
    }

    /**
     * @param brokers the candidate brokers, sorted, at least {@code replicationFactor} of them
     * @param firstPartition the number of the first partition to place (0 for a new topic)
     * @param startIndex where partition 0's first replica sits in {@code brokers}
     * @param shift the per-topic follower shift (any non-negative number)
     */
    static List<List<Integer>> place(List<Integer> brokers, int firstPartition, int count, int replicationFactor,
                                     int startIndex, int shift) {
        int n = brokers.size();
        if (replicationFactor < 1 || replicationFactor > n) {
            throw new IllegalArgumentException("cannot place " + replicationFactor + " replicas on " + n + " brokers");
        }
        if (startIndex < 0 || shift < 0 || firstPartition < 0 || count < 0) {
            throw new IllegalArgumentException("placement inputs must be non-negative");
        }
        List<List<Integer>> out = new ArrayList<>(count);
        for (int p = firstPartition; p < firstPartition + count; p++) {
            int first = (startIndex + p) % n;
            // Kafka adds one to the shift for each full round of partitions over the brokers.
            int roundShift = shift + p / n;
            List<Integer> replicas = new ArrayList<>(replicationFactor);
            replicas.add(brokers.get(first));
            for (int j = 0; j < replicationFactor - 1; j++) {
                int offset = 1 + (roundShift + j) % (n - 1);
                replicas.add(brokers.get((first + offset) % n));
            }
            out.add(List.copyOf(replicas));
        }
        return out;
    }
}
