package io.tributary.bench.groups;

/**
 * How much data the groups scenario moves.
 *
 * @param consumeRecords 1 KiB records produced, then consumed through a group, per run
 * @param offsetsBytes   the size the offsets partition is filled to before its load is timed
 */
record GroupsPlan(long consumeRecords, long offsetsBytes) {

    private static final long MIB = 1024L * 1024L;

    GroupsPlan {
        if (consumeRecords <= 0 || offsetsBytes <= 0) {
            throw new IllegalArgumentException("a plan needs records and bytes: " + consumeRecords + ", " + offsetsBytes);
        }
    }

    /** About 1 GiB through the group per run, and the 1 GiB offsets partition. */
    static GroupsPlan full() {
        return new GroupsPlan(1_000_000, 1024 * MIB);
    }

    /** A tenth of the consume and about 50 MiB of offsets: for trying the scenario, not for the docs. */
    static GroupsPlan quick() {
        return new GroupsPlan(100_000, 50 * MIB);
    }
}
