package io.tributary.bench.report;

/**
 * One row of a results table.
 *
 * @param label     what was measured, as a reader would say it ("produce 1 KiB, 1 partition")
 * @param unit      the unit of every sample ("records/s", "ms", "MiB")
 * @param direction which way is better
 * @param decimals  how many decimals the table prints
 */
public record Metric(String label, String unit, Direction direction, int decimals) {

    public Metric {
        if (label.isBlank() || unit.isBlank()) {
            throw new IllegalArgumentException("a metric needs a label and a unit");
        }
        if (decimals < 0 || decimals > 6) {
            throw new IllegalArgumentException("decimals out of range: " + decimals);
        }
    }

    /** A duration in whole milliseconds, lower is better. */
    public static Metric millis(String label) {
        return new Metric(label, "ms", Direction.LOWER_IS_BETTER, 0);
    }

    /** A count of records, lower is better (lost, skipped, duplicated). */
    public static Metric records(String label) {
        return new Metric(label, "records", Direction.LOWER_IS_BETTER, 0);
    }
}
