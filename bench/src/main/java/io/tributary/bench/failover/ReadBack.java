package io.tributary.bench.failover;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Reads a run's records back with the official consumer (assign + seek, no group), from the offsets the
 * partitions ended at before the run to where they end after it, keeping each record's offset, value and
 * the leader epoch its batch was written in ({@link ConsumerRecord#leaderEpoch()}): which leader wrote a
 * record is what tells the failover time, and the values tell lost from duplicated.
 */
final class ReadBack {

    /** One record as read back; {@code leaderEpoch} is -1 when the broker sent none. */
    record Stored(long offset, int leaderEpoch, String value) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private ReadBack() {
    }

    static Map<TopicPartition, List<Stored>> read(String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
                                                  Duration timeout) throws TimeoutException {
        Map<TopicPartition, List<Stored>> stored = new HashMap<>();
        from.keySet().forEach(p -> stored.put(p, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-failover-readback",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.copyOf(from.keySet());
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, from.get(p)));
            long deadlineNs = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < to.get(p))) {
                if (System.nanoTime() - deadlineNs > 0) {
                    throw new TimeoutException("read-back did not reach the end offsets " + to + " within "
                            + timeout.toSeconds() + " s; positions " + partitions.stream().map(consumer::position).toList());
                }
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < to.get(partition)) {
                        stored.get(partition).add(new Stored(record.offset(), record.leaderEpoch().orElse(-1), record.value()));
                    }
                }
            }
        }
        return stored;
    }
}
