package io.tributary.e2e;

import io.tributary.e2e.harness.Clients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The official Java producer as a {@link ContinuousWriter}: one thread sends to every partition in
 * turn, about a thousand records a second per partition at most, with at most
 * {@link #OUTSTANDING_PER_PARTITION_MAX} unanswered per partition. acks=all is the client's default
 * (idempotent); any other acks turns idempotence off. {@code request.timeout.ms} is 5 s (default
 * 30 s) so that a request stuck on a stopped leader is retried elsewhere within the test's time.
 */
final class JavaWriter extends ContinuousWriter {
    static final int OUTSTANDING_PER_PARTITION_MAX = 400;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String acks;
    private final Thread thread;
    private final AtomicInteger[] outstanding;
    private final AtomicLongArray sent;
    private volatile boolean running = true;

    JavaWriter(String bootstrap, String topic, int partitions, String acks) {
        super("java", partitions);
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        if (!acks.equals("all")) {
            overrides.put(ProducerConfig.ACKS_CONFIG, acks);
            overrides.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        }
        this.producer = Clients.producer(bootstrap, overrides);
        this.topic = topic;
        this.acks = acks;
        this.outstanding = new AtomicInteger[partitions];
        for (int p = 0; p < partitions; p++) {
            outstanding[p] = new AtomicInteger();
        }
        this.sent = new AtomicLongArray(partitions);
        this.thread = new Thread(this::run, "failover-java-producer-" + topic);
        thread.setDaemon(true);
    }

    @Override
    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                boolean sentAny = false;
                for (int p = 0; p < partitions(); p++) {
                    if (outstanding[p].get() >= OUTSTANDING_PER_PARTITION_MAX) {
                        continue;
                    }
                    int partition = p;
                    String value = value(name(), p, sent.get(p));
                    long sentNs = System.nanoTime();
                    outstanding[p].incrementAndGet();
                    producer.send(new ProducerRecord<>(topic, p, null, value.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                        outstanding[partition].decrementAndGet();
                        if (e != null) {
                            error(value + ": " + e + (e instanceof RetriableException ? " (retriable, gave up)" : ""));
                        } else {
                            acknowledged(partition, new Ack(md.offset(), value, sentNs, System.nanoTime()));
                        }
                    });
                    sent.incrementAndGet(p);
                    sentAny = true;
                }
                // Pacing of the load, not a wait for a condition: about 1000 records a second per partition at most.
                Thread.sleep(sentAny ? 1 : 5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            error("send threw " + e);
        }
    }

    @Override
    void finish() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.flush();
        producer.close(CLOSE_TIMEOUT);
        for (int p = 0; p < partitions(); p++) {
            if (outstanding[p].get() != 0) {
                error(outstanding[p].get() + " records to partition " + p + " never answered before the producer closed");
            }
        }
    }

    @Override
    long sentCount(int partition) {
        return sent.get(partition);
    }

    @Override
    String settings() {
        return "acks=" + acks + (acks.equals("all") ? ", idempotent" : ", not idempotent") + ", request.timeout.ms=5000";
    }
}
