package io.tributary.bench.groups;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One member of a consumer group as an application writes it: the official Java consumer subscribed to
 * one topic (auto.offset.reset=earliest, enable.auto.commit=false, every other setting the client's
 * default, the same for both systems), polling every {@value #POLL_MS} ms at most on its own thread and,
 * after every poll that returned records, committing what it consumed with {@code commitSync}. It keeps
 * a log of what it saw: every record consumed (with the start of the poll that returned it), every commit
 * (when it started and ended, what it committed, and its error), and every assignment the group gave it
 * (ConsumerRebalanceListener), all in {@link System#nanoTime()}.
 *
 * <p>Lifecycle: {@link #start} → (the logs grow) → {@link #close} (wakeup, then the consumer's close,
 * which leaves the group). The logs are bounded by {@link #EVENTS_MAX}; a member that reaches it stops
 * and reports it as its failure.
 */
final class GroupMember implements AutoCloseable {

    static final long POLL_MS = 100;
    /** Records plus commits kept at most: ten minutes of the bench's steady producer, well past any run. */
    static final int EVENTS_MAX = 1_000_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** A record as consumed; {@code pollStartNs} is when the poll that returned it began. */
    record Consumed(TopicPartition partition, long offset, long pollStartNs) {
    }

    /** One commitSync: the next offsets it committed, its start and end, and its error (null when acknowledged). */
    record Commit(Map<TopicPartition, Long> offsets, long startNs, long endNs, String error) {

        boolean acknowledged() {
            return error == null;
        }
    }

    /** The partitions the group gave this member at {@code atNs} (onPartitionsAssigned: the whole new assignment). */
    record Assignment(long atNs, Set<TopicPartition> partitions) {
    }

    private final String name;
    private final Map<String, Object> config;
    private final String topic;
    private final Thread thread;
    private final List<Consumed> consumed = new ArrayList<>();
    private final List<Commit> commits = new ArrayList<>();
    private final List<Assignment> assignments = new ArrayList<>();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile long subscribeNs = -1;
    private volatile String failure;

    GroupMember(String bootstrap, String groupId, String topic, String name) {
        this.name = name;
        this.topic = topic;
        this.config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-" + name,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.thread = new Thread(this::loop, "bench-group-" + name);
        thread.setDaemon(true);
    }

    String name() {
        return name;
    }

    void start() {
        thread.start();
    }

    /** When the member's thread called subscribe; -1 before. */
    long subscribeNs() {
        return subscribeNs;
    }

    /** Why the member stopped by itself (an unexpected error, or its logs full), or null. */
    String failure() {
        return failure;
    }

    synchronized List<Consumed> consumed() {
        return List.copyOf(consumed);
    }

    synchronized List<Commit> commits() {
        return List.copyOf(commits);
    }

    synchronized List<Assignment> assignments() {
        return List.copyOf(assignments);
    }

    /** The latest assignment, or empty before the first. */
    synchronized Set<TopicPartition> assignment() {
        return assignments.isEmpty() ? Set.of() : assignments.get(assignments.size() - 1).partitions();
    }

    /** Whether a commit that started at or after {@code sinceNs} was acknowledged. */
    synchronized boolean committedSince(long sinceNs) {
        return commits.stream().anyMatch(c -> c.acknowledged() && c.startNs() - sinceNs >= 0);
    }

    private void loop() {
        Map<TopicPartition, Long> positions = new HashMap<>();
        KafkaConsumer<byte[], byte[]> kafka;
        try {
            kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            failure = "the consumer could not be created: " + e.getMessage();
            return;
        }
        consumer = kafka;
        try {
            if (!running) {
                return; // closed before the consumer existed: the wakeup had nothing to wake
            }
            subscribeNs = System.nanoTime();
            kafka.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    positions.keySet().removeAll(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    positions.keySet().removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    record(new Assignment(System.nanoTime(), Set.copyOf(kafka.assignment())));
                }
            });
            while (running) {
                long pollStartNs = System.nanoTime();
                var records = kafka.poll(Duration.ofMillis(POLL_MS));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    TopicPartition partition = new TopicPartition(r.topic(), r.partition());
                    record(new Consumed(partition, r.offset(), pollStartNs));
                    positions.put(partition, r.offset() + 1);
                }
                if (!records.isEmpty() && !positions.isEmpty()) {
                    commit(kafka, Map.copyOf(positions));
                }
            }
        } catch (WakeupException closing) {
            // close() woke the consumer: the normal way out.
        } catch (RuntimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } finally {
            kafka.close(CLOSE_TIMEOUT);
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((p, o) -> offsets.put(p, new OffsetAndMetadata(o)));
        long startNs = System.nanoTime();
        String error = null;
        try {
            kafka.commitSync(offsets);
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // A failed commit is part of what is measured (NOT_COORDINATOR, a timeout, a rebalance): keep it and go on.
            error = e.getClass().getSimpleName();
        }
        record(new Commit(positions, startNs, System.nanoTime(), error));
    }

    private synchronized void record(Object event) {
        if (consumed.size() + commits.size() >= EVENTS_MAX) {
            running = false;
            failure = "its log reached " + EVENTS_MAX + " events";
            return;
        }
        if (event instanceof Consumed c) {
            consumed.add(c);
        } else if (event instanceof Commit c) {
            commits.add(c);
        } else if (event instanceof Assignment a) {
            assignments.add(a);
        } else {
            throw new IllegalArgumentException("not an event: " + event);
        }
    }

    /** Stops polling (a commit in progress ends first) and closes the consumer, which leaves the group; bounded. */
    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(TimeUnit.MILLISECONDS.convert(CLOSE_TIMEOUT.plusSeconds(60)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
