package io.tributary.bench.load;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * The consume load: a separate JVM that reads a whole topic from the beginning with the official Java
 * consumer and prints one {@link ConsumeResult} line. It uses {@code assign()} and {@code seekToBeginning()}
 * rather than a consumer group, so that the foundation scenario's consume figure has no group coordinator
 * in it (Kafka's ConsumerPerformance always subscribes in a group; the groups scenario runs that tool).
 * Both systems get exactly this consumer, with the client's default fetch settings.
 *
 * <p>Usage: {@code AssignConsumer <bootstrap servers> <topic> <expected records> <timeout ms>}.
 * Exits 0 when all expected records were read, 2 on timeout (after printing what it read), 1 on bad arguments.
 */
public final class AssignConsumer {

    private static final Duration POLL = Duration.ofMillis(100);

    private AssignConsumer() {
    }

    /**
     * The client's own view of the fetches (how many, how big, how long each took), so that a slow
     * consume can be told apart as small responses, slow responses, or a slow client.
     */
    private static void printFetchMetrics(KafkaConsumer<byte[], byte[]> consumer) {
        StringBuilder line = new StringBuilder("fetch metrics:");
        consumer.metrics().forEach((name, metric) -> {
            if (name.group().equals("consumer-fetch-manager-metrics") && name.tags().size() == 1
                    && FETCH_METRICS.contains(name.name())) {
                line.append(' ').append(name.name()).append('=').append(metric.metricValue());
            }
        });
        System.out.println(line);
    }

    private static final List<String> FETCH_METRICS = List.of("fetch-total", "fetch-size-avg", "fetch-size-max",
            "fetch-latency-avg", "fetch-latency-max", "records-per-request-avg", "bytes-consumed-rate");

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: AssignConsumer <bootstrap servers> <topic> <expected records> <timeout ms>");
            System.exit(1);
        }
        String bootstrap = args[0];
        String topic = args[1];
        long expected = Long.parseLong(args[2]);
        long timeoutMs = Long.parseLong(args[3]);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-assign-consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMillis(timeoutMs));
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long records = 0;
            long bytes = 0;
            long startNs = System.nanoTime();
            long lastRecordNs = startNs;
            long deadlineNs = startNs + timeoutMs * 1_000_000L;
            while (records < expected && System.nanoTime() < deadlineNs) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
                }
                if (!batch.isEmpty()) {
                    lastRecordNs = System.nanoTime();
                }
            }
            long elapsedMs = Math.max(1, (lastRecordNs - startNs) / 1_000_000L);
            System.out.println("ASSIGN-CONSUME records=" + records + " bytes=" + bytes + " elapsed_ms=" + elapsedMs);
            printFetchMetrics(consumer);
            if (records < expected) {
                System.err.println("timed out after " + timeoutMs + " ms with " + records + " of " + expected + " records from "
                        + partitions.size() + " partitions");
                System.exit(2);
            }
        }
    }
}
