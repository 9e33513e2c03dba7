package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.partition.ReplicaManager;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic work on the hosted partitions, on the node's scheduler: retention
 * ({@code log.retention.check.interval.ms}), producer-id expiry
 * ({@code producer.id.expiration.check.interval.ms}), the high-watermark checkpoint
 * ({@code replica.high.watermark.checkpoint.interval.ms}) and the ISR check (the lag and stall rules).
 * A task that throws is logged and runs again at its next turn.
 */
final class ReplicaMaintenance {

    private static final Logger log = LoggerFactory.getLogger(ReplicaMaintenance.class);

    private ReplicaMaintenance() {
    }

    static void schedule(BrokerConfig config, ReplicaManager replicas, ScheduledExecutorService scheduler) {
        long retentionMs = config.retentionCheckIntervalMs();
        every(scheduler, retentionMs, "retention", replicas::runRetention);
        every(scheduler, config.producerIdExpirationCheckIntervalMs(), "producer expiry",
                () -> replicas.expireProducers(config.producerIdExpirationMs()));
        every(scheduler, config.replicaHighWatermarkCheckpointIntervalMs(), "high-watermark checkpoint", replicas::checkpointHighWatermarks);
        // Kafka checks every half of replica.lag.time.max.ms, so a laggard leaves within 1.5 times it; the
        // stall rule is checked every quarter of replica.fetch.stall.max.ms, so a stalled follower leaves
        // within 1.25 times it (plus one AlterPartition round trip).
        long lagMs = config.replicaLagTimeMaxMs();
        long stallMs = config.replicaFetchStallMaxMs();
        long isrCheckMs = Math.max(1, stallMs > 0 ? Math.min(lagMs / 2, stallMs / 4) : lagMs / 2);
        every(scheduler, isrCheckMs, "ISR check", () -> replicas.maybeShrinkIsrs(lagMs, stallMs, isrCheckMs));
    }

    private static void every(ScheduledExecutorService scheduler, long intervalMs, String task, Runnable r) {
        scheduler.scheduleWithFixedDelay(() -> guarded(task, r), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code r}, logging rather than throwing what it throws: a periodic task that threw would never run again. */
    static void guarded(String task, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("Background task {} failed", task, e);
        }
    }
}
