package io.tributary.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's 1-minute load average, sampled after each round and printed beside the results: on a
 * 2-core machine shared with other work, a round that ran at load 8 is not comparable to one at load 2,
 * and the reader should see that rather than guess it.
 */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** The first field of {@code /proc/loadavg}, or NaN where there is none. */
    public static double oneMinute() {
        try {
            return parse(Files.readString(Path.of("/proc/loadavg")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Parses {@code "0.52 0.58 0.59 1/467 12345"} into 0.52. */
    static double parse(String loadavg) {
        return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
    }
}
