package io.tributary.cli.groups;

/**
 * Where {@code groups reset-offsets} moves a group in one partition. As Kafka's tool does, a target
 * outside the partition's offsets is clamped into them: below the log start it becomes the log start,
 * past the log end it becomes the log end. A pure function.
 */
public final class OffsetPlan {
    private OffsetPlan() {
    }

    /** What the user asked for. */
    public sealed interface Target {
    }

    public record ToEarliest() implements Target {
    }

    public record ToLatest() implements Target {
    }

    public record ToOffset(long offset) implements Target {
    }

    /** The first offset at or after a time, looked up by the caller ({@code atTime}, -1 when none is that late). */
    public record ToDatetime(long timestampMs) implements Target {
    }

    public record ShiftBy(long delta) implements Target {
    }

    /**
     * The new offset in a partition whose offsets run from {@code earliest} to {@code latest}, where the
     * group has committed {@code current} (null if nothing) and the time look-up found {@code atTime}.
     */
    public static long newOffset(Target target, long earliest, long latest, Long current, long atTime) {
        long wanted;
        if (target instanceof ToEarliest) {
            wanted = earliest;
        } else if (target instanceof ToLatest) {
            wanted = latest;
        } else if (target instanceof ToOffset o) {
            wanted = o.offset();
        } else if (target instanceof ToDatetime) {
            wanted = atTime < 0 ? latest : atTime;
        } else if (target instanceof ShiftBy s) {
            wanted = (current == null ? latest : current) + s.delta();
        } else {
            throw new IllegalArgumentException("unknown target " + target);
        }
        return Math.max(earliest, Math.min(latest, wanted));
    }
}
