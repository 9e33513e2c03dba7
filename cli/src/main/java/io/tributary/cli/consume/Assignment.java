package io.tributary.cli.consume;

import io.tributary.cli.CliException;
import io.tributary.cli.topics.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/** The partitions a consumer without a group reads, and where it starts in each. */
final class Assignment {
    private Assignment() {
    }

    /** Every partition of {@code topic}, or only {@code partition}; fails in words when either does not exist. */
    static List<TopicPartition> partitions(Admin admin, String topic, Integer partition) throws Exception {
        TopicDescription description = Topics.describe(admin, List.of(topic)).get(topic);
        List<TopicPartition> all = description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partition == null) {
            return all;
        }
        if (partition < 0 || partition >= all.size()) {
            throw new CliException("topic '" + topic + "' has no partition " + partition + " (it has " + all.size() + ")");
        }
        return List.of(new TopicPartition(topic, partition));
    }

    static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, StartPosition start) {
        if (start instanceof StartPosition.Beginning) {
            consumer.seekToBeginning(partitions);
        } else if (start instanceof StartPosition.End) {
            consumer.seekToEnd(partitions);
        } else if (start instanceof StartPosition.Offset o) {
            partitions.forEach(p -> consumer.seek(p, o.offset()));
        } else if (start instanceof StartPosition.Time t) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, t.timestampMs()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = found.get(p);
                if (at == null) {
                    // No record at or after the time: start at the end, where the next one will be.
                    consumer.seekToEnd(List.of(p));
                } else {
                    consumer.seek(p, at.offset());
                }
            }
        }
    }
}
