package io.tributary.bench.profile;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts execution samples by method: "self" counts a method when it is the top frame (where the CPU
 * actually was), "total" counts it once per sample in which it appears anywhere on the stack (the time
 * spent in it and everything it called). Recursion counts once per sample, so totals never exceed the
 * number of samples.
 */
public final class SampleTally {

    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> total = new HashMap<>();
    private long samples;

    public record Entry(String method, long count, double share) {
    }

    /** @param stackTopFirst the sampled stack, innermost frame first; an empty stack is ignored */
    public void add(List<String> stackTopFirst) {
        add(stackTopFirst, 1);
    }

    /**
     * Adds a sample that stands for {@code weight} units (bytes, for allocation samples), so shares are
     * of the total weight rather than of the sample count.
     */
    public void add(List<String> stackTopFirst, long weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("negative sample weight: " + weight);
        }
        if (stackTopFirst.isEmpty()) {
            return;
        }
        samples += weight;
        self.merge(stackTopFirst.get(0), weight, Long::sum);
        Set<String> seen = new HashSet<>();
        for (String frame : stackTopFirst) {
            if (seen.add(frame)) {
                total.merge(frame, weight, Long::sum);
            }
        }
    }

    /** The number of samples, or their total weight when they were added with weights. */
    public long samples() {
        return samples;
    }

    public List<Entry> topSelf(int limit) {
        return top(self, limit);
    }

    public List<Entry> topTotal(int limit) {
        return top(total, limit);
    }

    private List<Entry> top(Map<String, Long> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> new Entry(e.getKey(), e.getValue(), samples == 0 ? 0.0 : (double) e.getValue() / samples))
                .toList();
    }
}
