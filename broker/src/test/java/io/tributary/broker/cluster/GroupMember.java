package io.tributary.broker.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One official Java consumer of a group, polling on its own thread (a consumer must be used from one
 * thread, and a group rebalances only while its members poll). Tests read what it saw: its current
 * assignment and generation, how often partitions were assigned to it, and every record it consumed,
 * with the commits it had acknowledged when it did (optionally committing after every poll).
 */
final class GroupMember implements AutoCloseable {

    /** A record this member consumed, or a commit the broker acknowledged to it (at {@code atNs}), in the order they happened. */
    record Event(String member, TopicPartition tp, long offset, boolean commit, long atNs) {
    }

    private final String name;
    private final KafkaConsumer<String, String> consumer;
    private final boolean commitEveryPoll;
    private final List<Event> events;
    private final Thread thread;
    private final AtomicInteger assignments = new AtomicInteger();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile int generation = -1;
    private volatile boolean stopping;
    private volatile Throwable failure;

    /**
     * @param events where consumed records and acknowledged commits are appended (shared by the group's members)
     * @param extra  consumer settings on top of the defaults (earliest, no auto-commit)
     */
    GroupMember(String name, String bootstrap, String groupId, String topic, boolean commitEveryPoll, List<Event> events,
                Map<String, String> extra) {
        this.name = name;
        this.commitEveryPoll = commitEveryPoll;
        this.events = events;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        p.putAll(extra);
        this.consumer = new KafkaConsumer<>(p);
        this.thread = new Thread(() -> run(topic), "group-member-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    GroupMember(String name, String bootstrap, String groupId, String topic) {
        this(name, bootstrap, groupId, topic, false, new CopyOnWriteArrayList<>(), Map.of());
    }

    private void run(String topic) {
        try {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignments.incrementAndGet();
                }
            });
            while (!stopping) {
                List<Event> polled = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    polled.add(new Event(name, new TopicPartition(r.topic(), r.partition()), r.offset(), false, System.nanoTime()));
                }
                events.addAll(polled);
                assignment = Set.copyOf(consumer.assignment());
                generation = consumer.groupMetadata().generationId();
                if (commitEveryPoll && !polled.isEmpty()) {
                    commit();
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll.
        } catch (Throwable t) {
            if (!stopping) {
                failure = t;
            }
        }
    }

    /** Commits the position of every assigned partition; on success records each as acknowledged. */
    private void commit() {
        Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> positions = new java.util.HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            positions.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(consumer.position(tp)));
        }
        try {
            consumer.commitSync(positions, Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            // Not acknowledged (the coordinator moved, a rebalance began): the next poll's commit covers it.
            return;
        }
        long atNs = System.nanoTime();
        positions.forEach((tp, o) -> events.add(new Event(name, tp, o.offset(), true, atNs)));
    }

    String name() {
        return name;
    }

    Set<TopicPartition> assignment() {
        return assignment;
    }

    int generation() {
        return generation;
    }

    /** How many times partitions were assigned to this member (once per rebalance it took part in). */
    int assignments() {
        return assignments.get();
    }

    Throwable failure() {
        return failure;
    }

    /** Stops polling and closes the consumer: a dynamic member leaves its group, a static one (KIP-345) does not. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(10));
    }
}
