package io.tributary.cli.drill;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The drill's stream: a producer thread that sends sequence numbers 0, 1, 2, ... at a steady rate
 * (sequence {@code s} to partition {@code s % partitions}), and a consumer thread that reads every
 * partition from the start. Both record what happened ({@link Ledger.Ack}, {@link Ledger.Read}).
 * At most {@code recordsMax} records are sent, which bounds what both keep.
 *
 * <p>Times are drill milliseconds: since {@link #startNs}, on the monotonic clock.
 */
final class Traffic implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final String topic;
    private final int partitions;
    private final double ratePerSec;
    private final long recordsMax;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Set once by {@link #start()}, before the threads start (which publishes it to them). */
    private long startNs = System.nanoTime();
    private final List<Ledger.Ack> acks = new ArrayList<>();
    private final List<Ledger.Read> reads = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstSendError = new AtomicReference<>();
    private final AtomicReference<Throwable> consumerError = new AtomicReference<>();
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final Thread producing;
    private final Thread consuming;
    private volatile boolean stopProducing;
    private volatile boolean stopConsuming;

    Traffic(String topic, int partitions, double ratePerSec, long recordsMax, Properties producerProps, Properties consumerProps) {
        this.topic = topic;
        this.partitions = partitions;
        this.ratePerSec = ratePerSec;
        this.recordsMax = recordsMax;
        this.producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producing = new Thread(this::produce, "drill-producer");
        this.consuming = new Thread(this::consume, "drill-consumer");
        producing.setDaemon(true);
        consuming.setDaemon(true);
    }

    /**
     * Fetches the topic's metadata first (bounded by max.block.ms), so the schedule does not start
     * with the seconds a first send() may block for it, and then a burst to catch up.
     */
    void start() {
        producer.partitionsFor(topic);
        startNs = System.nanoTime();
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        consuming.start();
        producing.start();
    }

    long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }

    /** Sends on schedule: record {@code s} is due at {@code s / rate} seconds; a late producer catches up. */
    private void produce() {
        double intervalNs = 1e9 / ratePerSec;
        for (long seq = 0; seq < recordsMax && !stopProducing; seq++) {
            long dueNs = startNs + (long) (seq * intervalNs);
            long waitNs = dueNs - System.nanoTime();
            if (waitNs > 0) {
                LockSupport.parkNanos(waitNs);
            }
            if (stopProducing) {
                break;
            }
            long s = seq;
            int partition = (int) (seq % partitions);
            try {
                producer.send(new ProducerRecord<>(topic, partition, null, null, Long.toString(s).getBytes(StandardCharsets.UTF_8)),
                        (metadata, e) -> acknowledged(s, partition, metadata == null ? -1 : metadata.offset(), e));
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                // send() itself refused (a closed producer, a full buffer past max.block.ms): count it and go on.
                failed.incrementAndGet();
                firstSendError.compareAndSet(null, e);
            }
        }
    }

    private void acknowledged(long seq, int partition, long offset, Exception e) {
        if (e != null) {
            failed.incrementAndGet();
            firstSendError.compareAndSet(null, e);
            return;
        }
        long atMs = nowMs();
        synchronized (acks) {
            acks.add(new Ledger.Ack(seq, partition, offset, atMs));
        }
    }

    private void consume() {
        try {
            while (!stopConsuming) {
                List<Ledger.Read> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    batch.add(new Ledger.Read(r.partition(), r.offset(), Long.parseLong(new String(r.value(), StandardCharsets.UTF_8))));
                }
                synchronized (reads) {
                    reads.addAll(batch);
                }
                for (TopicPartition tp : consumer.assignment()) {
                    positions.put(tp.partition(), consumer.position(tp));
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() woke the consumer to stop it.
        } catch (RuntimeException e) {
            consumerError.set(e);
        }
    }

    /** Stops sending and waits until every record sent has its answer (bounded by the producer's delivery.timeout.ms). */
    void stopProducing() throws InterruptedException {
        stopProducing = true;
        producing.join();
        producer.flush();
    }

    /** Whether the consumer has read up to {@code endOffsets} (partition to log end offset) in every partition. */
    boolean consumedUpTo(Map<Integer, Long> endOffsets) {
        return endOffsets.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    /** The consumer's failure, if it stopped on one. */
    Throwable consumerError() {
        return consumerError.get();
    }

    Exception firstSendError() {
        return firstSendError.get();
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    long acknowledgedCount() {
        synchronized (acks) {
            return acks.size();
        }
    }

    long readCount() {
        synchronized (reads) {
            return reads.size();
        }
    }

    /** Whether every partition has an acknowledgement at or after {@code sinceMs}. */
    boolean everyPartitionAckedSince(long sinceMs) {
        boolean[] seen = new boolean[partitions];
        synchronized (acks) {
            for (int i = acks.size() - 1; i >= 0 && acks.get(i).atMs() >= sinceMs; i--) {
                seen[acks.get(i).partition()] = true;
            }
        }
        for (boolean s : seen) {
            if (!s) {
                return false;
            }
        }
        return true;
    }

    List<Ledger.Ack> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    List<Ledger.Read> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    /** Stops both threads and closes both clients, each wait bounded; an interrupt cuts the waits short and is kept. */
    @Override
    public void close() {
        stopProducing = true;
        stopConsuming = true;
        consumer.wakeup();
        try {
            producing.join(CLOSE_WAIT.toMillis());
            consuming.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(CLOSE_WAIT);
        // The consumer is not thread-safe: close it only once its thread has let go of it.
        if (!consuming.isAlive()) {
            consumer.close(CloseOptions.timeout(CLOSE_WAIT));
        }
    }
}
