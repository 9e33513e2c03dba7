package io.tributary.bench.groups;

import io.tributary.bench.BenchOptions;

/**
 * How much data the groups scenario moves.
 *
 * @param consumeRecords 1 KiB records produced, then consumed through a group, per run
 * @param offsetsBytes   the size the offsets partition is filled to before its load is timed
 * @param loadOnly       measure only the offsets load (no consume, join or failover), as
 *                       {@code --offsets-mib} asks, so a large load can be timed in minutes
 */
record GroupsPlan(long consumeRecords, long offsetsBytes, boolean loadOnly) {

    private static final long MIB = 1024L * 1024L;

    GroupsPlan {
        if (consumeRecords <= 0 || offsetsBytes <= 0) {
            throw new IllegalArgumentException("a plan needs records and bytes: " + consumeRecords + ", " + offsetsBytes);
        }
    }

    /** The plan the options ask for: {@code --offsets-mib} alone, else quick or full. */
    static GroupsPlan of(BenchOptions options) {
        GroupsPlan base = options.quick() ? quick() : full();
        return options.offsetsMib() > 0 ? new GroupsPlan(base.consumeRecords(), options.offsetsMib() * MIB, true) : base;
    }

    /** About 1 GiB through the group per run, and the 1 GiB offsets partition. */
    static GroupsPlan full() {
        return new GroupsPlan(1_000_000, 1024 * MIB, false);
    }

    /** A tenth of the consume and about 50 MiB of offsets: for trying the scenario, not for the docs. */
    static GroupsPlan quick() {
        return new GroupsPlan(100_000, 50 * MIB, false);
    }
}
