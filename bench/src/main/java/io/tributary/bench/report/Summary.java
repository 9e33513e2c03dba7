package io.tributary.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median, minimum and maximum of one measurement repeated over several runs. The median is the
 * figure we compare, because on a shared machine a single noisy run moves a mean but not a median;
 * min and max stay beside it so a reader sees the spread.
 *
 * @param samples the raw values in the order they were measured (kept for the raw-results appendix)
 */
public record Summary(double median, double min, double max, List<Double> samples) {

    public Summary {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one sample");
        }
        if (!(min <= median && median <= max)) {
            throw new IllegalArgumentException("min <= median <= max violated: " + min + ", " + median + ", " + max);
        }
        samples = List.copyOf(samples);
    }

    /** Summarises the samples; an even count takes the mean of the two middle values as its median. */
    public static Summary of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one sample");
        }
        for (double sample : samples) {
            if (Double.isNaN(sample) || Double.isInfinite(sample)) {
                throw new IllegalArgumentException("sample is not a finite number: " + samples);
            }
        }
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int count = sorted.size();
        double median = count % 2 == 1
                ? sorted.get(count / 2)
                : (sorted.get(count / 2 - 1) + sorted.get(count / 2)) / 2.0;
        return new Summary(median, sorted.get(0), sorted.get(count - 1), samples);
    }

    public int count() {
        return samples.size();
    }
}
