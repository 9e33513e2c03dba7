package io.tributary.bench.load;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * The consume load: a separate JVM that reads a whole topic from the beginning with the official Java
 * consumer and prints one {@link ConsumeResult} line. By default it uses {@code assign()} and
 * {@code seekToBeginning()} rather than a consumer group, because Tributary's first milestone has no
 * groups, and Kafka's ConsumerPerformance insists on one. Given a group id it subscribes in that group
 * instead (auto.offset.reset=earliest, the client's default auto-commit), as ConsumerPerformance does; the
 * clock then starts when the group assigns the partitions, so the figure is the fetching alone, and the
 * time to join is printed on its own line ({@code GROUP-JOIN ms=N}). Both systems get exactly this
 * consumer, with the client's default fetch settings.
 *
 * <p>Usage: {@code AssignConsumer <bootstrap servers> <topic> <expected records> <timeout ms> [group id]}.
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
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: AssignConsumer <bootstrap servers> <topic> <expected records> <timeout ms> [group id]");
            System.exit(1);
        }
        String bootstrap = args[0];
        String topic = args[1];
        long expected = Long.parseLong(args[2]);
        long timeoutMs = Long.parseLong(args[3]);
        String groupId = args.length == 5 ? args[4] : null;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (groupId == null) {
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-assign-consumer");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        } else {
            props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-group-consumer");
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofMillis(timeoutMs));
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            long subscribeNs = System.nanoTime();
            long[] assignedNs = {0};
            if (groupId == null) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            } else {
                consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                        if (assignedNs[0] == 0 && !assigned.isEmpty()) {
                            assignedNs[0] = System.nanoTime();
                        }
                    }
                });
            }
            long records = 0;
            long bytes = 0;
            long startNs = System.nanoTime();
            long lastRecordNs = startNs;
            long deadlineNs = startNs + timeoutMs * 1_000_000L;
            while (records < expected && System.nanoTime() < deadlineNs) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (groupId != null && records == 0 && assignedNs[0] != 0) {
                    // The group's assignment, not the join, starts the clock: the fetching is what this measures.
                    startNs = assignedNs[0];
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    records++;
                    bytes += (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
                }
                if (!batch.isEmpty()) {
                    lastRecordNs = System.nanoTime();
                }
            }
            long elapsedMs = Math.max(1, (lastRecordNs - startNs) / 1_000_000L);
            if (groupId != null) {
                System.out.println("GROUP-JOIN ms=" + (assignedNs[0] == 0 ? -1 : (assignedNs[0] - subscribeNs) / 1_000_000L));
            }
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
