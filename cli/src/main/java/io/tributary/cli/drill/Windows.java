package io.tributary.cli.drill;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The unavailability window of each partition: the longest silence between two consecutive
 * acknowledgements that ends after the failure began. Its start is the last acknowledgement before
 * the silence, its end the first one after. Taking the longest gap, rather than the first
 * acknowledgement after the moment the failure was started, keeps a slow kill command (an ssh
 * round trip) from splitting the window: the broker may die a second after the command starts.
 * The resolution is the interval between records ({@code 1000 / rate} ms).
 *
 * <p>Times are drill milliseconds; the failure began at {@code failedAtMs}.
 */
public final class Windows {
    private Windows() {
    }

    /**
     * One partition's window. {@code firstAckAfterMs} is empty when no record was acknowledged after
     * the failure began: the partition did not recover while the drill watched.
     */
    public record Window(int partition, Optional<Long> lastAckBeforeMs, Optional<Long> firstAckAfterMs) {
        public Optional<Long> lengthMs() {
            return firstAckAfterMs.map(after -> after - lastAckBeforeMs.orElse(after));
        }

        public boolean recovered() {
            return firstAckAfterMs.isPresent();
        }
    }

    /** The window of each partition, from its acknowledgement times in time order. */
    public static Map<Integer, Window> of(Map<Integer, List<Long>> ackTimesByPartition, List<Integer> partitions, long failedAtMs) {
        Map<Integer, Window> windows = new TreeMap<>();
        for (int partition : partitions) {
            windows.put(partition, window(partition, ackTimesByPartition.getOrDefault(partition, List.of()), failedAtMs));
        }
        return windows;
    }

    static Window window(int partition, List<Long> times, long failedAtMs) {
        Optional<Long> before = Optional.empty();
        Optional<Long> after = Optional.empty();
        long longest = -1;
        Long previous = null;
        for (long t : times) {
            if (t >= failedAtMs) {
                long start = previous == null ? t : previous;
                if (t - start > longest) {
                    longest = t - start;
                    before = Optional.ofNullable(previous);
                    after = Optional.of(t);
                }
            } else {
                before = Optional.of(t);
            }
            previous = t;
        }
        return new Window(partition, before, after);
    }

    /** The longest window over the partitions, or empty if one of them never recovered. */
    public static Optional<Long> overallMs(Map<Integer, Window> windows) {
        long longest = 0;
        for (Window w : windows.values()) {
            if (!w.recovered()) {
                return Optional.empty();
            }
            longest = Math.max(longest, w.lengthMs().orElse(0L));
        }
        return Optional.of(longest);
    }
}
