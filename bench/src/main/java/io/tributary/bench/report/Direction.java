package io.tributary.bench.report;

/** Which way a metric improves, so that a ratio can be read as better or worse. */
public enum Direction {
    HIGHER_IS_BETTER("higher"),
    LOWER_IS_BETTER("lower");

    private final String word;

    Direction(String word) {
        this.word = word;
    }

    /** The word the table prints in its "better" column. */
    public String word() {
        return word;
    }
}
