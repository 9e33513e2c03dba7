package io.tributary.wire.api.produce;

import io.tributary.common.TopicId;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Produce request. Record data stays as the client sent it: each partition's bytes are a slice of
 * the request frame (one or more record batches, not yet validated).
 *
 * @param transactionalId null unless the producer is transactional
 * @param acks            0, 1 or -1 (all); other values are the handler's to refuse ({@code INVALID_REQUIRED_ACKS})
 */
public record ProduceRequest(String transactionalId, short acks, int timeoutMs, List<TopicData> topics) {

    public ProduceRequest {
        topics = List.copyOf(topics);
    }

    /**
     * One topic's data. Before v13 the topic is named ({@code topicId} is {@link TopicId#ZERO});
     * from v13 it is identified by id ({@code name} is null).
     */
    public record TopicData(String name, TopicId topicId, List<PartitionData> partitions) {

        public TopicData {
            partitions = List.copyOf(partitions);
            topicId = topicId == null ? TopicId.ZERO : topicId;
        }

        public boolean byId() {
            return !topicId.isZero();
        }
    }

    /**
     * @param records a slice of the frame (position 0 to limit), writable when the frame is: the
     *                broker's log stamps offsets and the leader epoch into it in place, so it is valid
     *                only while the frame is, and nobody else may share it. A null records field
     *                reads as an empty buffer, which batch validation then refuses like any other
     *                empty produce
     */
    public record PartitionData(int partition, ByteBuffer records) {
    }
}
