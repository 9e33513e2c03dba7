package io.tributary.replication.producer;

/**
 * What the partition remembers of one appended batch from an idempotent producer: enough to
 * recognise a retry and answer it with the offsets it got the first time.
 */
public record BatchMetadata(int firstSeq, int lastSeq, long firstOffset, long lastOffset, long timestampMs) {

    public BatchMetadata {
        if (lastOffset < firstOffset) {
            throw new IllegalArgumentException("batch ends before it starts: " + firstOffset + ".." + lastOffset);
        }
    }
}
