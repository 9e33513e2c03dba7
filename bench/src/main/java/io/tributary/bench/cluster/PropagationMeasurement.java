package io.tributary.bench.cluster;

import io.tributary.bench.node.ClusterMember;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.message.MetadataResponseData;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long a new topic takes to reach every broker. One poller thread per broker, each on its own
 * connection to that broker, sends Metadata for the topic in a tight loop (the next request as soon
 * as the answer arrives) from before the CreateTopics is sent until the broker answers with every
 * partition led. The creation goes through the admin client, as a user's would. The commit itself is
 * not observable from outside the controller, so the figures bracket it: from the request (an upper
 * bound, it includes the commit), from the acknowledgement (a lower bound; it may be negative when
 * every broker knew before the client heard back), and first-to-last broker (how far apart the
 * brokers learn it, which is what the metadata path adds after the first broker had it).
 *
 * <p>The pollers cost CPU on a 2-core machine that also runs the brokers; that slows everything a
 * little, alike for both systems.
 */
final class PropagationMeasurement {

    static final int PARTITIONS = 3;
    static final short REPLICATION_FACTOR = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** One topic's figures, in milliseconds. */
    record Sample(double sendToAllMs, double ackToAllMs, double firstToLastMs) {
    }

    private PropagationMeasurement() {
    }

    static Sample measure(List<ClusterMember> brokers, Admin admin, String topic) throws Exception {
        int count = brokers.size();
        AtomicLongArray seenNs = new AtomicLongArray(count);
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch connected = new CountDownLatch(count);
        long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            String address = brokers.get(i).layout().clientAddress();
            Thread poller = new Thread(() -> poll(address, topic, index, seenNs, connected, deadlineNs, failure),
                    "bench-metadata-poller-" + brokers.get(i).nodeId());
            poller.setDaemon(true);
            poller.start();
            pollers.add(poller);
        }
        if (!connected.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("metadata pollers did not connect within " + TIMEOUT.toSeconds() + " s");
        }
        long sendNs = System.nanoTime();
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, REPLICATION_FACTOR))).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long ackNs = System.nanoTime();
        for (Thread poller : pollers) {
            poller.join(TIMEOUT.toMillis());
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            long seen = seenNs.get(i);
            if (seen == 0) {
                throw new IllegalStateException("broker " + brokers.get(i).nodeId() + " did not show " + topic
                        + " within " + TIMEOUT.toSeconds() + " s");
            }
            first = Math.min(first, seen);
            last = Math.max(last, seen);
        }
        return new Sample(ms(last - sendNs), ms(last - ackNs), ms(last - first));
    }

    private static void poll(String address, String topic, int index, AtomicLongArray seenNs, CountDownLatch connected,
                             long deadlineNs, AtomicReference<Exception> failure) {
        try (ProbeConnection connection = ProbeConnection.open(address, TIMEOUT)) {
            connection.metadata(List.of(topic)); // one round trip before the clock starts: connected and warm
            connected.countDown();
            while (System.nanoTime() - deadlineNs < 0) {
                MetadataResponseData answer = connection.metadata(List.of(topic));
                if (hasLeaders(answer, topic)) {
                    seenNs.set(index, System.nanoTime());
                    return;
                }
            }
        } catch (Exception e) {
            failure.compareAndSet(null, e);
            connected.countDown();
        }
    }

    static boolean hasLeaders(MetadataResponseData answer, String topic) {
        for (MetadataResponseData.MetadataResponseTopic t : answer.topics()) {
            if (topic.equals(t.name()) && t.errorCode() == 0 && t.partitions().size() == PARTITIONS) {
                return t.partitions().stream().allMatch(p -> p.errorCode() == 0 && p.leaderId() >= 0);
            }
        }
        return false;
    }

    static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
