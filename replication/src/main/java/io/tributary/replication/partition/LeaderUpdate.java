package io.tributary.replication.partition;

import java.util.Optional;

/**
 * What one input to a {@link LeaderState} changed, for the broker to act on.
 *
 * <p>Order of effects inside {@code LeaderState}, which is also the order the broker should act in:
 * <ol>
 *   <li>The input is applied (the local log end, a follower's position, a committed ISR).</li>
 *   <li>ISR proposals are decided against the high watermark as it was <em>before</em> this input
 *       moved it. A replica proposed for the ISR is then part of the "maximal ISR", so step 3 cannot
 *       move the high watermark past it.</li>
 *   <li>The high watermark is recomputed over the maximal ISR (the committed ISR plus replicas being
 *       added); it only moves forwards, and not at all while the committed ISR is smaller than
 *       {@code min.insync.replicas}.</li>
 * </ol>
 * The broker then (a) publishes {@link #highWatermark()} when {@link #highWatermarkMoved()} is
 * true (completing delayed {@code acks=all} produces and consumer fetches up to it), and (b) sends
 * {@link #proposal()}, when present, to the controller as an AlterPartition request. The proposal is
 * already pending when it is returned; the broker must report the outcome through
 * {@link LeaderState#onIsrCommitted} or {@link LeaderState#onIsrProposalRejected}.
 *
 * @param highWatermarkMoved true when this input moved the high watermark forwards
 * @param highWatermark      the high watermark after this input
 * @param proposal           a proposal made by this input (empty when none was made, including when
 *                           an older one is still pending)
 */
public record LeaderUpdate(boolean highWatermarkMoved, long highWatermark, Optional<IsrProposal> proposal) {

    public LeaderUpdate {
        if (highWatermark < 0) {
            throw new IllegalArgumentException("high watermark " + highWatermark + " is negative");
        }
        proposal = proposal == null ? Optional.empty() : proposal;
    }
}
