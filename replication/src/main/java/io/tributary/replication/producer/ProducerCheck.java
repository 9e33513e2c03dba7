package io.tributary.replication.producer;

import io.tributary.common.ErrorCode;

/**
 * The verdict on one batch from an idempotent producer, given what the partition already holds.
 * {@link Accept}: append it. {@link Duplicate}: it was already written; answer with the original
 * offsets and write nothing. {@link Reject}: answer with the error and write nothing.
 */
public sealed interface ProducerCheck {

    Accept ACCEPT = new Accept();

    record Accept() implements ProducerCheck {
    }

    /** The batch is a retry of one already in the log, at these offsets. */
    record Duplicate(long firstOffset, long lastOffset, long timestampMs) implements ProducerCheck {
    }

    record Reject(ErrorCode error, String reason) implements ProducerCheck {
    }
}
