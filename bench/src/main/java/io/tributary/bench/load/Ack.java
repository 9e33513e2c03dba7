package io.tributary.bench.load;

import org.apache.kafka.common.TopicPartition;

/**
 * What became of one record the steady producer sent: when it was handed to the producer and when its
 * acknowledgement (or error) arrived, both {@link System#nanoTime()}, and the offset it was written at.
 *
 * @param value  the record's unique value, which is how the read-back finds it
 * @param ackNs  when the callback ran; -1 when it never did (the producer was closed first)
 * @param offset the acknowledged offset; -1 when not acknowledged
 * @param error  the error the callback reported, or null
 */
public record Ack(TopicPartition partition, String value, long sendNs, long ackNs, long offset, String error) {

    public boolean acknowledged() {
        return error == null && offset >= 0;
    }
}
