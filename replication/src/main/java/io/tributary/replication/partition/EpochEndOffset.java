package io.tributary.replication.partition;

/**
 * A leader epoch and the offset where it ends (the start offset of the next epoch, or the log end
 * for the latest one), as Kafka's OffsetForLeaderEpoch and a Fetch response's diverging epoch carry
 * it, and as the log's leader-epoch cache answers {@code endOffsetFor(epoch)}.
 */
public record EpochEndOffset(int epoch, long endOffset) {

    public EpochEndOffset {
        if (epoch < 0 || endOffset < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " ending at " + endOffset + " is not a real epoch end");
        }
    }
}
