package io.tributary.e2e;

import io.tributary.e2e.harness.Clients;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One official Java consumer in a group, on a thread of its own: it subscribes, and after every poll
 * that returned records it commits, with {@code commitSync}, the offset after the last record of each
 * partition in that poll; it journals every record and every acknowledged commit in a
 * {@link CommitJournal}. A commit that fails (a rebalance, a coordinator that cannot be reached within
 * the call's timeout) is a notice, not an error: the records after the last acknowledged commit are
 * then delivered again, which is what the protocol promises.
 *
 * <p>Settings: the eager range assignor (the client's first default), a session of
 * {@value #SESSION_TIMEOUT_MS} ms with a heartbeat every {@value #HEARTBEAT_INTERVAL_MS} ms, so that a
 * member that vanished is noticed in seconds, and {@code auto.offset.reset=earliest}.
 */
final class CommittingConsumer {
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int HEARTBEAT_INTERVAL_MS = 500;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int NOTICES_KEPT_MAX = 50;

    private final String name;
    private final String topic;
    private final CommitJournal journal;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noticeCount = new AtomicInteger();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long lastFailedCommitNs;
    private volatile boolean anyFailedCommit;

    CommittingConsumer(String name, String bootstrap, String group, String topic, CommitJournal journal) {
        this.name = name;
        this.topic = topic;
        this.journal = journal;
        this.consumer = new KafkaConsumer<>(groupConfig(bootstrap, group, name, "earliest"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "group-consumer-" + name);
        thread.setDaemon(true);
    }

    /**
     * A group member's settings: no auto-commit, the short session above, bounded calls, and a request
     * timeout of 5 s (default 30 s) so that a request stuck on a killed broker is retried elsewhere soon.
     */
    static Map<String, Object> groupConfig(String bootstrap, String group, String clientId, String autoOffsetReset) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, SESSION_TIMEOUT_MS);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_INTERVAL_MS);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Clients.ADMIN_TIMEOUT.toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return config;
    }

    void start() {
        thread.start();
    }

    /**
     * Stops polling after the current poll's commit has returned, closes the consumer (it leaves the
     * group) and waits, bounded, for the thread to end. The poll timeout is short, so no wake-up is
     * needed, and none is sent: a woken {@code commitSync} could have committed without telling.
     */
    void stop() {
        running = false;
        try {
            thread.join(CLOSE_TIMEOUT.toMillis() + TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new AssertionError(name + " did not stop within " + CLOSE_TIMEOUT + " and 10 s");
        }
    }

    String name() {
        return name;
    }

    /** What ended the consumer's thread other than {@link #stop()}, if anything. */
    Throwable failure() {
        return failure;
    }

    /** Whether a commit failed (the call threw) after {@code sinceNs} (nanoTime). */
    boolean commitFailedAfter(long sinceNs) {
        return anyFailedCommit && lastFailedCommitNs - sinceNs > 0;
    }

    List<String> notices() {
        return List.copyOf(notices);
    }

    int noticeCount() {
        return noticeCount.get();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Listener());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    journal.consumed(name, partition, record.offset());
                    commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                commit(commit);
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                consumer.close(CLOSE_TIMEOUT);
            } catch (RuntimeException e) {
                notice("close threw " + e);
            }
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        long startedNs = System.nanoTime();
        try {
            consumer.commitSync(offsets);
            journal.acknowledged(name, startedNs, System.nanoTime(), offsets);
        } catch (KafkaException e) {
            lastFailedCommitNs = System.nanoTime();
            anyFailedCommit = true;
            notice("commit of " + offsets + " failed after " + (System.nanoTime() - startedNs) / 1_000_000 + " ms: " + e);
        }
    }

    private void notice(String message) {
        notices.add(message);
        if (noticeCount.incrementAndGet() > NOTICES_KEPT_MAX) {
            notices.poll();
        }
    }

    /** Journals assignments and revocations (a partition lost to a removal counts as revoked). */
    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            journal.assigned(name, new HashSet<>(partitions));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            journal.revoked(name, new HashSet<>(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            notice("lost " + partitions + " (removed from the group)");
            journal.revoked(name, new HashSet<>(partitions));
        }
    }

    @Override
    public String toString() {
        return name + ": " + noticeCount() + " notices, latest " + notices() + (failure == null ? "" : ", failed with " + failure);
    }
}
