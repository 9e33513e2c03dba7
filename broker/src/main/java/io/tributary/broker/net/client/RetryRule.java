package io.tributary.broker.net.client;

import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;

/**
 * When {@link ControllerClient} may send a request again after a failed attempt.
 *
 * <p>Every request is retried, on the controller found next, when the controller answered
 * {@code NOT_CONTROLLER} (a controller that is not active refuses a request whole, without acting on
 * it) or when the attempt certainly never reached it (the connection was refused, or closed before the
 * request was written, or the write failed). The rules differ only when the controller may have acted on
 * the request and its answer was lost, because the connection closed or the attempt timed out after the
 * request was written.
 */
public enum RetryRule {

    /**
     * Sending twice has the effect of sending once, so the lost answer is asked for again: heartbeats,
     * registration (a retry with the same incarnation id is a re-registration), producer-id blocks
     * (a lost block is only a gap in the id space), config changes (each sets a final value), partition
     * changes and elections (checked against the partition's epoch, so a stale retry is refused and the
     * caller reconciles with the metadata it receives), and reads.
     */
    IDEMPOTENT,

    /**
     * A second application would change the answer the client sees (a retried CreateTopics would report
     * {@code TOPIC_ALREADY_EXISTS} for the topic its first attempt created), so after a possibly
     * delivered attempt the failure goes to the caller, who tells its own client to retry, exactly as
     * Kafka's forwarding broker does.
     */
    AT_MOST_ONCE;

    /** CreateTopics, DeleteTopics, CreatePartitions and UnregisterBroker are at most once; the rest idempotent. */
    public static RetryRule defaultFor(short apiKey) {
        if (apiKey == CreateTopicsCodec.INSTANCE.apiKey()
                || apiKey == DeleteTopicsCodec.INSTANCE.apiKey()
                || apiKey == CreatePartitionsCodec.INSTANCE.apiKey()
                || apiKey == UnregisterBrokerCodec.INSTANCE.apiKey()) {
            return AT_MOST_ONCE;
        }
        return IDEMPOTENT;
    }

    /** Whether an attempt that failed this way may be sent again under this rule. */
    boolean allowsRetryAfter(NetworkClientException failure) {
        return this == IDEMPOTENT || !failure.maybeDelivered();
    }
}
