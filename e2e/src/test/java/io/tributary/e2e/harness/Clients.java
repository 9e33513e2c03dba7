package io.tributary.e2e.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The official Java client, set up the way the tests use it: byte-array keys and values, bounded
 * timeouts, and consumers without a group (assign and seek), because reading back a partition must
 * not depend on the group coordinator.
 */
public final class Clients {
    /** Bounds every admin call, so a broker that does not answer fails the test instead of hanging it. */
    public static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private Clients() {
    }

    /** A producer with the client's defaults (idempotent, acks=all) plus {@code overrides}. */
    public static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-e2e-producer");
        config.putAll(overrides);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return producer(bootstrap, Map.of());
    }

    /** A consumer without a group: the tests {@code assign()} and seek. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-e2e-consumer");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static Admin admin(String bootstrap) {
        return admin(bootstrap, ADMIN_TIMEOUT);
    }

    /** An admin client whose calls give up after {@code apiTimeout}. */
    public static Admin admin(String bootstrap, Duration apiTimeout) {
        int apiTimeoutMs = (int) apiTimeout.toMillis();
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "tributary-e2e-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(apiTimeoutMs, 10_000),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, apiTimeoutMs,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 100));
    }

    /** Creates a topic with replication factor 1 and waits for the answer. */
    public static void createTopic(String bootstrap, String topic, int partitions) {
        createTopic(bootstrap, topic, partitions, (short) 1, Map.of());
    }

    public static void createTopic(String bootstrap, String topic, int partitions, short replicationFactor,
                                   Map<String, String> configs) {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor).configs(configs)))
                    .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("creating topic " + topic + " on " + bootstrap + " failed", e);
        }
    }

    /**
     * Reads {@code partition} from {@code fromOffset} up to its end offset as the broker reports it
     * when the read starts (the high watermark), with {@code assign()} and {@code seek()}.
     */
    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(String bootstrap, TopicPartition partition,
                                                                 long fromOffset, Duration timeout) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            return readToEnd(consumer, partition, fromOffset, timeout);
        }
    }

    public static List<ConsumerRecord<byte[], byte[]>> readToEnd(KafkaConsumer<byte[], byte[]> consumer,
                                                                 TopicPartition partition, long fromOffset,
                                                                 Duration timeout) {
        consumer.assign(List.of(partition));
        long endOffset = consumer.endOffsets(List.of(partition), timeout).get(partition);
        consumer.seek(partition, fromOffset);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < endOffset) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("read " + records.size() + " records of " + partition + " from offset "
                        + fromOffset + " but did not reach its end offset " + endOffset + " within " + timeout);
            }
            // poll() blocks until records arrive or its timeout passes: this is the wait for the data.
            consumer.poll(Duration.ofMillis(200)).records(partition).forEach(records::add);
        }
        return records;
    }
}
