package io.tributary.e2e;

import io.tributary.e2e.harness.Clients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A group's committed offsets and a topic's log ends, as the official Java clients read them. */
final class GroupOffsets {
    private GroupOffsets() {
    }

    /** The group's committed offsets with their metadata, as the admin client's OffsetFetch answers them. */
    static Map<TopicPartition, OffsetAndMetadata> committed(String bootstrap, String group) throws Exception {
        try (Admin admin = Clients.admin(bootstrap)) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(Clients.ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The group's committed offsets alone. */
    static Map<TopicPartition, Long> committedOffsets(String bootstrap, String group) throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed(bootstrap, group).forEach((partition, offset) -> offsets.put(partition, offset.offset()));
        return offsets;
    }

    /** Each partition's end offset (high watermark), partitions 0 to {@code partitions} - 1. */
    static Map<TopicPartition, Long> logEnds(String bootstrap, String topic, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap)) {
            return new HashMap<>(consumer.endOffsets(all, Clients.ADMIN_TIMEOUT));
        }
    }
}
