package io.tributary.e2e;

import io.tributary.e2e.harness.Clients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer (assign, no group, from offset 0) that reads the partitions throughout a failover, noting
 * any gap or offset going backwards. It keeps every value it read, to compare with a read from the
 * beginning once the writers have stopped.
 */
final class ThroughoutReader {
    /** Anomalies kept; past that they are only counted (one is already a failure). */
    private static final int ANOMALIES_KEPT_MAX = 100;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Thread thread;
    private final Map<Integer, List<String>> values = new ConcurrentHashMap<>();
    private final Map<Integer, Long> next = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> anomalies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger anomalyCount = new AtomicInteger();
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private volatile boolean running = true;

    ThroughoutReader(String bootstrap, List<TopicPartition> partitions) {
        this.consumer = Clients.consumer(bootstrap);
        this.partitions = partitions;
        partitions.forEach(tp -> {
            values.put(tp.partition(), Collections.synchronizedList(new ArrayList<>()));
            next.put(tp.partition(), 0L);
        });
        this.thread = new Thread(this::run, "failover-reader");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long expected = next.get(r.partition());
                    if (r.offset() != expected && anomalyCount.incrementAndGet() <= ANOMALIES_KEPT_MAX) {
                        anomalies.add((r.offset() < expected ? "backwards" : "gap") + " on partition " + r.partition()
                                + ": offset " + r.offset() + " after " + (expected - 1));
                    }
                    next.put(r.partition(), r.offset() + 1);
                    values.get(r.partition()).add(FailoverChecks.text(r.value()));
                }
            }
        } catch (Throwable t) {
            error.set(t);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    long position(int partition) {
        return next.get(partition);
    }

    List<String> values(int partition) {
        List<String> list = values.get(partition);
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    List<String> anomalies() {
        return List.copyOf(anomalies);
    }

    Throwable error() {
        return error.get();
    }

    void finish() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
