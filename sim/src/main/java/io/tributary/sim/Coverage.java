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
        ISR_SHRINK_STALLED(true, "an ISR shrink made by the stall rule (replica.fetch.stall.max.ms) was committed"),
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
        LEADER_ELECTED_AFTER_FENCING(true, "the controller fenced a leader's broker and elected another replica in its place"),
        DEPOSED_LEADER_TAIL_TRUNCATED(true, "a deposed leader truncated records it had appended as leader of its superseded epoch"),
        UNCLEAN_ELECTION_REFUSED(true, "a partition stayed leaderless while only replicas outside the ISR were active (unclean.leader.election.enable=false)"),
        UNCLEAN_ELECTION_ALLOWED(true, "a topic that allows it elected a leader from outside the ISR"),
        CONTROLLED_SHUTDOWN_MOVED_LEADERSHIP(true, "a controlled shutdown moved a leadership away and the broker led nothing when it stopped"),
        LEADER_ELECTED_FROM_ELR(true, "a leader was elected from the eligible leader replicas (KIP-966) of a partition with an empty ISR"),
        LAST_REPLICA_STANDING_ELR_ELECTED(false, "the last ISR member restarted uncleanly and left the ISR; an ELR member was elected instead"),
        LAST_KNOWN_LEADER_ELECTED(false, "with neither ISR nor ELR left, the controller elected the last known leader"),
        COMMITTED_LOST_TO_LAST_KNOWN_LEADER(false, "the last known leader, elected with no ISR or ELR left, lacked committed records (excused; checks stop)"),
        DEPOSED_LEADER_ACKED(false, "a leader acknowledged acks=all after its epoch was superseded (allowed: later leaders hold the records, checked)"),
        FOLLOWER_RESTART_FORGOTTEN(false, "a leader forgot a follower's position when the follower registered in a new broker epoch"),
        STALE_INCARNATION_FETCH_REFUSED(false, "a leader refused a fetch from an earlier incarnation of a follower"),
        COMMITTED_LOST_TO_UNCLEAN_ELECTION(false, "an unclean election elected a replica without the committed records (allowed by the topic; checks stop)"),
        GROUP_MEMBER_SYNCED(true, "a group member joined its group and got its assignment (JoinGroup, SyncGroup)"),
        OFFSET_COMMIT_ACKNOWLEDGED(true, "an OffsetCommit was acknowledged once the offsets partition's high watermark passed its record"),
        COORDINATOR_MOVED_WITH_COMMIT_IN_FLIGHT(true, "a group coordinator unloaded (leadership moved or its broker stopped) with an OffsetCommit not answered yet"),
        COMMIT_LOAD_IN_PROGRESS(true, "an OffsetCommit reached a coordinator still loading its partition (COORDINATOR_LOAD_IN_PROGRESS)"),
        ACKED_COMMIT_SURVIVED_COORDINATOR_STOP(true, "a commit acknowledged by a coordinator whose broker then crashed or paused was served by the next coordinator"),
        REASSIGNMENT_STARTED(true, "an AlterPartitionReassignments started moving a partition (adding or removing replicas)"),
        REASSIGNMENT_REPLICA_JOINED_ISR(true, "an adding replica caught up from an empty log and joined the ISR"),
        REASSIGNMENT_COMPLETED(true, "a reassignment completed: the replica set switched to the target"),
        REASSIGNMENT_LEADER_MOVED(true, "a reassignment completed by moving the leadership off a leader not in the target"),
        REASSIGNMENT_REPLICA_REMOVED(true, "a broker no longer in a partition's replica set stopped serving it and deleted its copy"),
        REASSIGNMENT_CANCELLED(true, "a reassignment in progress was cancelled (the replicas went back, the adding ones deleted their copies)"),
        REASSIGNMENT_INTERRUPTED(true, "a broker of a moving partition crashed, or the controller crashed, while the move was in progress"),
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
