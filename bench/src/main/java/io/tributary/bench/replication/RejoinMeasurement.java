package io.tributary.bench.replication;

import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.load.ClientJvm;
import io.tributary.bench.load.ProducerPerfResult;
import io.tributary.bench.load.ProducerPerfRun;
import io.tributary.bench.node.ClusterMember;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A follower down for a while under load, and back: a steady acks=all producer (Kafka's
 * ProducerPerformance in its own JVM) starts on the rejoin topic; once records are landing, the
 * follower's process gets SIGKILL; after the downtime (from the kill) it is launched again on its
 * directory; then describeTopics is polled through the survivors until the follower is in the ISR of
 * every partition again. The producer keeps going throughout and must have every record acknowledged
 * (with min.insync.replicas=2, two live replicas are enough). Figures, in ms: kill → out of every ISR
 * (failure detection plus ISR shrink), and launch → back in every ISR (start, catch up, ISR expansion).
 */
final class RejoinMeasurement {

    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STARTED_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(10);

    record Result(int victim, double shrinkMs, double rejoinMs, ProducerPerfResult load) {
    }

    private RejoinMeasurement() {
    }

    static Result measure(BenchCluster cluster, ClusterMember victim, String topic, ReplicationPlan plan, ClientJvm clients,
                          Path producerLog) throws Exception {
        List<ClusterMember> survivors = cluster.running().stream().filter(m -> m != victim).toList();
        List<String> topics = List.of(topic);
        ProducerPerfRun load = new ProducerPerfRun(cluster.bootstrap(), topic, plan.rejoinRecords(), 0, plan.recordSizeBytes(),
                plan.rejoinRecordsPerSec());
        try (Admin admin = BenchCluster.admin(BenchCluster.clientAddresses(survivors), Duration.ofSeconds(2))) {
            CompletableFuture<ProducerPerfResult> producing = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(clients, producerLog, PRODUCE_TIMEOUT);
                } catch (IOException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            });
            awaitRecordsLanding(admin, topic, producing);

            long killNs = System.nanoTime();
            victim.kill();
            long restartAtNs = killNs + plan.downtime().toNanos();
            long shrunkNs = IsrWatch.await(admin, topics, s -> s.outOfEveryIsr(victim.nodeId()),
                    "node " + victim.nodeId() + " out of every ISR of " + topic, restartAtNs);
            while (System.nanoTime() - restartAtNs < 0) {
                failIfDone(producing, "while the follower was down");
                LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(100), restartAtNs - System.nanoTime()));
            }

            long launchNs = System.nanoTime();
            victim.launch();
            long rejoinedNs = IsrWatch.await(admin, topics, s -> s.inEveryIsr(victim.nodeId()),
                    "node " + victim.nodeId() + " back in every ISR of " + topic, launchNs + REJOIN_TIMEOUT.toNanos());
            ProducerPerfResult result = producing.get(PRODUCE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Result(victim.nodeId(), ms(shrunkNs - killNs), ms(rejoinedNs - launchNs), result);
        }
    }

    /** Waits until the topic's end offsets move: the producer JVM is up and acks=all writes are being acknowledged. */
    private static void awaitRecordsLanding(Admin admin, String topic, CompletableFuture<ProducerPerfResult> producing)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < ReplicationPlan.PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadlineNs = System.nanoTime() + STARTED_TIMEOUT.toNanos();
        while (System.nanoTime() - deadlineNs < 0) {
            failIfDone(producing, "before any record landed");
            try {
                long total = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS).values().stream()
                        .mapToLong(info -> info.offset()).sum();
                if (total > 0) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                // not answered yet; the next poll asks again
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IsrWatch.POLL_MS));
        }
        throw new TimeoutException("no record of the rejoin load reached the high watermark of " + topic + " within "
                + STARTED_TIMEOUT.toSeconds() + " s");
    }

    /** The producer is meant to outlast the downtime; finishing (or failing) early means the figure would be wrong. */
    private static void failIfDone(CompletableFuture<ProducerPerfResult> producing, String when) throws Exception {
        if (producing.isDone()) {
            producing.join(); // rethrows its failure
            throw new IllegalStateException("the rejoin load finished " + when + "; the plan's rejoin load is too short");
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
