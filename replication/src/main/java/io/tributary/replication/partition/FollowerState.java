package io.tributary.replication.partition;

import java.util.Optional;

/**
 * One partition as a follower sees it, for one leader epoch: where its log ends, the highest high
 * watermark it has heard from the leader, its own high watermark, and which step of the fetch cycle
 * it is in. Pure: the broker's replica fetcher sends a fetch at {@link #fetchOffset()}, hands the
 * response to {@link #onFetchResponse}, carries out the returned {@link FollowerAction} on the log,
 * and reports the log's new end back.
 *
 * <p>The follower's high watermark is {@code min(leader's high watermark, local log end)}, moved
 * only when the local log is known to match the leader's up to its end: by a response without a
 * diverging epoch (the leader vouches for the log up to the fetch offset), or by a truncation to
 * the end of the epoch the leader named (both logs hold that epoch's batches up to there). A
 * truncation to the end of an earlier local epoch is an intermediate step after which the log may
 * still diverge, so the high watermark waits for the next fetch. It never passes the local log end. It does not go backwards when a leader of this epoch reports a lower
 * high watermark (that report is ignored); it only goes backwards when the leader makes the
 * follower truncate below it, which clean leader elections never do (see {@link FollowerAction.Truncate}).
 *
 * <p>Truncation follows the diverging epoch {@code (E, endOffset)} the leader returns, with the
 * local leader-epoch cache's answer for {@code E} (the largest local epoch at or below {@code E} and
 * its end offset):
 * <ul>
 *   <li>the follower has epoch {@code E}: truncate to {@code min(local end of E, leader's endOffset)};</li>
 *   <li>its largest epoch below {@code E} is {@code E' < E}: truncate to the end of {@code E'} (an
 *       intermediate step; the next fetch finds the rest);</li>
 *   <li>every local epoch is newer than {@code E}: none of the local log is in the leader's, so
 *       truncate to the start of the oldest local epoch (the lookup answers {@code E} with that start,
 *       as the log's cache does, so this is the first rule);</li>
 *   <li>the local log tracks no epochs at all (the lookup is empty): truncate to the leader's
 *       {@code endOffset};</li>
 * </ul>
 * never past the local log end.
 *
 * <p>Legal transitions (anything else throws {@link IllegalStateException} and changes nothing):
 * <pre>
 *   READY      --onFetchResponse(no records, no divergence)-->   READY       (None)
 *   READY      --onFetchResponse(records at/after log end)-->   APPENDING   (Append)
 *   READY      --onFetchResponse(diverging epoch)-->             TRUNCATING  (Truncate)
 *   APPENDING  --onAppended(exactly the batches' next offset)--> READY
 *   TRUNCATING --onTruncated(at or below the target)-->          READY
 *   APPENDING / TRUNCATING --onActionFailed(the log's real end)--> READY
 * </pre>
 * Refused: a response in any phase but READY, a response for an offset other than the log end (a
 * stale response), records that start below the log end, records together with a diverging
 * epoch, an append or truncation that does not match the action, a lookup answer that is not an
 * epoch at or below the one asked for.
 *
 * <p>Lifecycle: created when the broker becomes a follower for a leader epoch; a new epoch (or a new
 * leader) means a new instance, built from the log's end and its checkpointed high watermark.
 */
public final class FollowerState {

    /** The local leader-epoch cache, as the log holds it. */
    @FunctionalInterface
    public interface LocalEpochs {
        /**
         * The largest local epoch at or below {@code epoch} and where it ends (the start of the next
         * local epoch, or the log end for the newest). When every local epoch is newer than
         * {@code epoch}, {@code (epoch, start offset of the oldest local epoch)}, as
         * {@code LeaderEpochCache.endOffsetFor} answers; empty only when the log tracks no epochs.
         *
         * <p>Answering empty when only newer epochs exist would be wrong: the follower would then
         * truncate to the leader's end offset for {@code epoch} and keep batches of a newer epoch the
         * leader never had (the deterministic simulation found this, seed 64365 of its first version).
         */
        Optional<EpochEndOffset> endOffsetFor(int epoch);
    }

    /** Where the follower is in its fetch cycle. */
    public enum Phase {
        /** Ready to send the next fetch at the log end. */
        READY,
        /** Waiting for the broker to append the fetched batches. */
        APPENDING,
        /** Waiting for the broker to truncate the log. */
        TRUNCATING
    }

    private final int leaderId;
    private final int leaderEpoch;
    private long logEndOffset;
    private long highWatermark;
    private long leaderHighWatermark;
    private Phase phase = Phase.READY;
    private long actionTargetOffset = -1L;       // APPENDING: the expected new log end; TRUNCATING: the cut
    private boolean truncationMatchesLeader;     // TRUNCATING: the cut ends the epoch the leader named

    public FollowerState(int leaderId, int leaderEpoch, long logEndOffset, long highWatermark) {
        if (logEndOffset < 0 || highWatermark < 0 || highWatermark > logEndOffset) {
            throw new IllegalArgumentException("high watermark " + highWatermark + " must lie in [0, log end " + logEndOffset + "]");
        }
        this.leaderId = leaderId;
        this.leaderEpoch = leaderEpoch;
        this.logEndOffset = logEndOffset;
        this.highWatermark = highWatermark;
        this.leaderHighWatermark = highWatermark;
    }

    public int leaderId() {
        return leaderId;
    }

    public int leaderEpoch() {
        return leaderEpoch;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** The highest high watermark this follower has heard from the leader of this epoch. */
    public long leaderHighWatermark() {
        return leaderHighWatermark;
    }

    public Phase phase() {
        return phase;
    }

    /** Where the next fetch starts: the log end. Only in {@link Phase#READY}. */
    public long fetchOffset() {
        requirePhase(Phase.READY, "fetch");
        return logEndOffset;
    }

    /** Decides what a successful fetch response means for the local log. */
    public FollowerAction onFetchResponse(FetchedPartition response, LocalEpochs localEpochs) {
        requirePhase(Phase.READY, "handle a fetch response");
        if (response.fetchOffset() != logEndOffset) {
            throw refused("a response for offset " + response.fetchOffset() + " arrived at log end " + logEndOffset);
        }
        if (response.divergingEpoch().isPresent() && response.records().isPresent()) {
            throw refused("a response carries both records and a diverging epoch " + response.divergingEpoch().get());
        }
        // Records may start past the log end: the leader's cleaner removed the whole batches in between
        // (compaction leaves gaps in the offsets, never renumbers), and the follower's log skips them too.
        if (response.records().isPresent() && response.records().get().baseOffset() < logEndOffset) {
            throw refused("records starting at " + response.records().get().baseOffset()
                    + " do not continue the log, which ends at " + logEndOffset);
        }
        long truncateTo = response.divergingEpoch().isPresent()
                ? truncationOffset(response.divergingEpoch().get(), localEpochs) : -1L;
        // Every check has passed: from here on the state changes.
        leaderHighWatermark = Math.max(leaderHighWatermark, response.leaderHighWatermark());
        if (truncateTo >= 0) {
            phase = Phase.TRUNCATING;
            actionTargetOffset = truncateTo;
            return new FollowerAction.Truncate(truncateTo, truncateTo < highWatermark);
        }
        if (response.records().isPresent()) {
            phase = Phase.APPENDING;
            actionTargetOffset = response.records().get().nextOffset();
            return new FollowerAction.Append(logEndOffset, actionTargetOffset);
        }
        advanceHighWatermark();
        return new FollowerAction.None(highWatermark);
    }

    /** The broker appended the fetched batches; the log now ends at {@code newLogEndOffset}. */
    public void onAppended(long newLogEndOffset) {
        requirePhase(Phase.APPENDING, "finish an append");
        if (newLogEndOffset != actionTargetOffset) {
            throw refused("the append was to end the log at " + actionTargetOffset + " but it ends at " + newLogEndOffset);
        }
        logEndOffset = newLogEndOffset;
        ready();
        advanceHighWatermark();
    }

    /**
     * The broker truncated the log, which now ends at {@code newLogEndOffset}: at or below the
     * target, since the log cuts the whole batch holding the target offset.
     */
    public void onTruncated(long newLogEndOffset) {
        requirePhase(Phase.TRUNCATING, "finish a truncation");
        if (newLogEndOffset < 0 || newLogEndOffset > actionTargetOffset) {
            throw refused("the truncation was to end the log at or below " + actionTargetOffset + " but it ends at " + newLogEndOffset);
        }
        logEndOffset = newLogEndOffset;
        // The only way down for the high watermark: it must never pass the local log end.
        highWatermark = Math.min(highWatermark, logEndOffset);
        ready();
        if (truncationMatchesLeader) {
            advanceHighWatermark();
        }
        // Otherwise not up: what is left may still diverge from the leader's log; the next fetch tells.
    }

    /**
     * The broker could not carry out the action; {@code logEndOffsetNow} is where the log really
     * ends. A failed append has written nothing (the log refuses whole), so the end is unchanged;
     * a failed truncation may have cut part of the way.
     */
    public void onActionFailed(long logEndOffsetNow) {
        if (phase == Phase.APPENDING && logEndOffsetNow != logEndOffset) {
            throw refused("a failed append moved the log end from " + logEndOffset + " to " + logEndOffsetNow);
        }
        if (phase == Phase.TRUNCATING && (logEndOffsetNow < 0 || logEndOffsetNow > logEndOffset)) {
            throw refused("a failed truncation left the log end at " + logEndOffsetNow + ", outside [0, " + logEndOffset + "]");
        }
        if (phase == Phase.READY) {
            throw refused("an action failed but none was in progress");
        }
        logEndOffset = logEndOffsetNow;
        highWatermark = Math.min(highWatermark, logEndOffset);
        ready();
    }

    private long truncationOffset(EpochEndOffset diverging, LocalEpochs localEpochs) {
        Optional<EpochEndOffset> local = localEpochs.endOffsetFor(diverging.epoch());
        long offset;
        if (local.isEmpty()) {
            offset = diverging.endOffset();
        } else if (local.get().epoch() > diverging.epoch()) {
            throw refused("the local epoch cache answered epoch " + local.get().epoch() + " when asked for " + diverging.epoch());
        } else if (local.get().epoch() == diverging.epoch()) {
            offset = Math.min(local.get().endOffset(), diverging.endOffset());
        } else {
            offset = local.get().endOffset();
        }
        truncationMatchesLeader = local.isPresent() && local.get().epoch() == diverging.epoch();
        return Math.min(offset, logEndOffset);
    }

    private void advanceHighWatermark() {
        highWatermark = Math.max(highWatermark, Math.min(leaderHighWatermark, logEndOffset));
        if (highWatermark > logEndOffset) {
            throw new IllegalStateException("follower of leader " + leaderId + " epoch " + leaderEpoch + ": high watermark "
                    + highWatermark + " passed the log end " + logEndOffset);
        }
    }

    private void ready() {
        phase = Phase.READY;
        actionTargetOffset = -1L;
    }

    private void requirePhase(Phase expected, String what) {
        if (phase != expected) {
            throw refused("cannot " + what + " while " + phase);
        }
    }

    private IllegalStateException refused(String why) {
        return new IllegalStateException("follower of leader " + leaderId + " epoch " + leaderEpoch + ": " + why);
    }
}
