package io.tributary.sim;

import java.util.EnumMap;
import java.util.Map;

/**
 * Coverage marks (FoundationDB's {@code TEST()}, TigerBeetle's coverage marks): the glue marks each
 * rare path when a schedule takes it. A run of many seeds reports how often each mark was hit; a
 * required mark that no seed reached means the simulation does not look where bugs hide, which is
 * a failure of the simulation, not a success of the code.
 */
final class Coverage {

    enum Mark {
        DIVERGING_EPOCH_TRUNCATION(true, "a follower truncated its log after a diverging epoch"),
        ISR_SHRINK(true, "an ISR shrink was committed"),
        ISR_EXPAND(true, "an ISR expansion was committed"),
        FENCED_LEADER_FETCH_REFUSED(true, "a fetch with an old or unknown leader epoch was refused"),
        FENCED_ALTER_PARTITION_REFUSED(true, "an AlterPartition from a deposed leader was refused"),
        STALE_ALTER_PARTITION_REFUSED(true, "a stale AlterPartition was refused (INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA, STALE_BROKER_EPOCH)"),
        CRASH_LOST_UNFLUSHED_TAIL(true, "a crash lost part of an unflushed log tail"),
        NOT_ENOUGH_REPLICAS(true, "an acks=all produce was refused with NOT_ENOUGH_REPLICAS"),
        LEADER_FAILOVER(true, "a broker became leader in a later epoch than another's"),
        IDEMPOTENT_DUPLICATE(true, "a retried idempotent batch was answered with its original offsets"),
        CONTROLLER_RESTART(true, "the controller restarted by replaying its log"),
        ACKS_ALL_ACKNOWLEDGED(true, "an acks=all produce was acknowledged"),
        CONTROLLED_SHUTDOWN_COMPLETED(true, "a broker shut down cleanly after the controller moved its leaderships"),
        PREFERRED_LEADER_ELECTED(true, "a preferred leader election moved a leadership from a live leader"),
        MIN_ISR_CHANGED(true, "a leader applied a new min.insync.replicas in the middle of its term"),
        NOT_LEADER_REFUSED_WRITE(true, "a produce reached a broker that does not lead (a deposed or stale leader) and was refused"),
        UNCLEAN_ELECTION_REFUSED(false, "a partition stayed leaderless while an active replica outside the ISR could have led"),
        BROKER_PAUSED(false, "a broker stopped processing for a while, then resumed"),
        NOT_ENOUGH_REPLICAS_AFTER_APPEND(false, "an acks=all produce failed with NOT_ENOUGH_REPLICAS_AFTER_APPEND"),
        HW_CLIPPED_ON_RESTART(false, "a restarted replica's checkpointed high watermark was past its log end"),
        COMMITTED_LOST_TO_POWER_LOSS(false, "crashes took committed records from every replica (allowed; checks of that partition stop)"),
        LAST_ISR_MEMBER_LOST_COMMITTED(false, "the ISR shrank to members a crash had taken committed records from, while others still held them (KIP-966's case; excused)");

        final boolean required;
        final String meaning;

        Mark(boolean required, String meaning) {
            this.required = required;
            this.meaning = meaning;
        }
    }

    private final long[] hits = new long[Mark.values().length];

    void hit(Mark mark) {
        hits[mark.ordinal()]++;
    }

    long count(Mark mark) {
        return hits[mark.ordinal()];
    }

    /** Adds another run's marks to these. */
    void addAll(Coverage other) {
        for (int i = 0; i < hits.length; i++) {
            hits[i] += other.hits[i];
        }
    }

    Map<Mark, Long> counts() {
        Map<Mark, Long> m = new EnumMap<>(Mark.class);
        for (Mark mark : Mark.values()) {
            m.put(mark, hits[mark.ordinal()]);
        }
        return m;
    }

    /** One line per mark, for the CI log. */
    String report(long runs) {
        StringBuilder sb = new StringBuilder("Coverage over " + runs + " schedule(s):\n");
        for (Mark mark : Mark.values()) {
            sb.append(String.format("  %-34s %9d  %s%s%n", mark, hits[mark.ordinal()], mark.required ? "" : "(optional) ", mark.meaning));
        }
        return sb.toString();
    }
}
