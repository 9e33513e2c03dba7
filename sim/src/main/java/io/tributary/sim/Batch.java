package io.tributary.sim;

/**
 * One record batch as the simulation models it: the header fields replication and idempotence
 * look at, and no bytes. {@code payloadId} names what a producer sent, so a retry of the same
 * batch carries the same id and two replicas hold "the same bytes" exactly when their batches are
 * equal.
 *
 * @param baseOffset    the first offset, stamped by the leader
 * @param count         records in the batch (at least 1)
 * @param epoch         the partition leader epoch the leader stamped
 * @param producerId    -1 for a producer without idempotence
 * @param producerEpoch the producer's epoch (0 without idempotence)
 * @param baseSequence  the first record's sequence number (-1 without idempotence)
 * @param payloadId     unique per batch a producer created; retries repeat it
 */
record Batch(long baseOffset, int count, int epoch, long producerId, short producerEpoch, int baseSequence,
             long payloadId) {

    Batch {
        if (baseOffset < 0 || count < 1 || epoch < 0) {
            throw new IllegalArgumentException("batch at " + baseOffset + " x" + count + " epoch " + epoch);
        }
    }

    long lastOffset() {
        return baseOffset + count - 1;
    }

    long nextOffset() {
        return baseOffset + count;
    }

    int lastSequence() {
        return baseSequence < 0 ? -1 : baseSequence + count - 1;
    }

    @Override
    public String toString() {
        return "[" + baseOffset + ".." + lastOffset() + " e" + epoch + (producerId >= 0 ? " pid" + producerId + "/" + producerEpoch
                + " seq" + baseSequence : "") + " #" + payloadId + "]";
    }
}
