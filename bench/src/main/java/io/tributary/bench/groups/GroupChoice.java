package io.tributary.bench.groups;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks group ids by the partition of {@code __consumer_offsets} that holds them, which is how both
 * systems place a group: the partition is the group id's {@code String.hashCode()} made non-negative as
 * Kafka's {@code Utils.abs} does (so {@code Integer.MIN_VALUE} maps to 0), modulo the partition count.
 * The bench then confirms the coordinator it expected through describeConsumerGroups, so a system that
 * placed groups otherwise would fail the run loudly rather than measure the wrong broker.
 */
final class GroupChoice {

    /** How many candidate names a choice tries before it gives up: enough for any partition of 50 many times over. */
    static final int CANDIDATES_MAX = 100_000;

    private GroupChoice() {
    }

    static int partitionOf(String groupId, int partitions) {
        int hash = groupId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitions;
    }

    /** The first {@code count} names {@code prefix-N} (N from 0) whose records live in {@code partition}. */
    static List<String> groupsIn(String prefix, int partition, int partitions, int count) {
        List<String> groups = new ArrayList<>();
        for (int n = 0; n < CANDIDATES_MAX && groups.size() < count; n++) {
            String candidate = prefix + "-" + n;
            if (partitionOf(candidate, partitions) == partition) {
                groups.add(candidate);
            }
        }
        if (groups.size() < count) {
            throw new IllegalStateException("fewer than " + count + " of " + CANDIDATES_MAX + " names " + prefix
                    + "-N fall in partition " + partition + " of " + partitions);
        }
        return groups;
    }

    /**
     * The first name {@code prefix-N} whose coordinator, the leader of its partition in {@code leaders}
     * (partition → broker id, -1 for none), is a broker other than {@code avoided} (the active controller,
     * so that a SIGKILL of the coordinator does not also cost a controller election).
     */
    static String groupLedByAnotherThan(String prefix, Map<Integer, Integer> leaders, int avoided) {
        int partitions = leaders.size();
        for (int n = 0; n < CANDIDATES_MAX; n++) {
            String candidate = prefix + "-" + n;
            int leader = leaders.getOrDefault(partitionOf(candidate, partitions), -1);
            if (leader >= 0 && leader != avoided) {
                return candidate;
            }
        }
        throw new IllegalStateException("no partition of __consumer_offsets is led by a broker other than " + avoided + ": " + leaders);
    }
}
