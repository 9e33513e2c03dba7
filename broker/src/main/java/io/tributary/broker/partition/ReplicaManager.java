package io.tributary.broker.partition;

import io.tributary.common.Time;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.log.LogStorageException;
import io.tributary.log.PartitionLog;
import io.tributary.log.Scheduler;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this node hosts, kept in step with the metadata image: a partition is created (or
 * its existing log opened and recovered) when the image places a replica here, its role follows the
 * image's leader and epoch, its log follows the topic's configs, and it is deleted (directory
 * renamed {@code <topic>-<partition>.<uuid>-delete}, then removed in the background) when the topic
 * goes.
 *
 * <p>Threading: {@link #applyImage} runs on the metadata thread, one image at a time. Lookups are
 * lock-free (a concurrent map) from any thread.
 */
public final class ReplicaManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);

    private final int nodeId;
    private final LogDirs logDirs;
    private final TopicConfigResolver resolver;
    private final Time time;
    private final Scheduler logScheduler;
    private final Executor background;
    private final Consumer<TopicPartition> onChange;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Path> onDisk;
    private boolean firstImageApplied;
    private volatile boolean closed;

    /**
     * @param onChange called with every partition whose role changed or that was removed, so that
     *                 waiting requests re-check their condition
     */
    public ReplicaManager(int nodeId, LogDirs logDirs, TopicConfigResolver resolver, Time time, Scheduler logScheduler,
                          Executor background, Consumer<TopicPartition> onChange) throws IOException {
        this.nodeId = nodeId;
        this.logDirs = logDirs;
        this.resolver = resolver;
        this.time = time;
        this.logScheduler = logScheduler;
        this.background = background;
        this.onChange = onChange;
        this.onDisk = new HashMap<>(logDirs.scan(background));
    }

    public Partition partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }

    /** Brings the hosted partitions in line with {@code next}. */
    public synchronized void applyImage(MetadataImage prev, MetadataImage next) {
        if (closed) {
            return;
        }
        long nowMs = time.milliseconds();
        for (Partition p : List.copyOf(partitions.values())) {
            TopicImage t = next.topic(p.topicId());
            PartitionRegistration reg = t == null ? null : t.partition(p.topicPartition().partition());
            if (reg == null || !reg.isReplica(nodeId)) {
                remove(p, t == null ? "its topic was deleted" : "this node no longer hosts a replica");
            }
        }
        boolean brokerConfigsChanged = !prev.configs(ConfigResource.broker(nodeId)).equals(next.configs(ConfigResource.broker(nodeId)))
                || !prev.configs(ConfigResource.defaultBroker()).equals(next.configs(ConfigResource.defaultBroker()));
        for (TopicImage t : next.topics().values()) {
            TopicImage old = prev.topic(t.id());
            boolean configsChanged = brokerConfigsChanged || !prev.topicConfigs(t.name()).equals(next.topicConfigs(t.name()));
            if (old == t && !configsChanged && firstImageApplied) {
                continue;
            }
            TopicLogConfig cfg = null;
            for (int i = 0; i < t.partitionCount(); i++) {
                PartitionRegistration reg = t.partition(i);
                if (!reg.isReplica(nodeId)) {
                    continue;
                }
                if (cfg == null) {
                    cfg = TopicLogConfig.resolve(resolver, next, t.name(), nodeId);
                }
                TopicPartition tp = t.topicPartition(i);
                Partition p = partitions.get(tp);
                if (p == null) {
                    p = open(tp, t.id(), cfg);
                    if (p == null) {
                        continue;
                    }
                } else if (configsChanged) {
                    p.updateConfig(cfg.logConfig(), cfg.minInsyncReplicas(), nowMs);
                }
                PartitionRegistration before = old == null ? null : old.partition(i);
                if (before == null || !before.equals(reg) || p.leaderEpoch() != reg.leaderEpoch()) {
                    applyRole(p, reg, cfg.minInsyncReplicas(), nowMs);
                }
            }
            if (configsChanged && old != null && !prev.topicConfigs(t.name()).equals(next.topicConfigs(t.name()))) {
                log.info("Topic {}: configs changed to {}", t.name(), next.topicConfigs(t.name()));
            }
        }
        if (!firstImageApplied) {
            firstImageApplied = true;
            for (Map.Entry<TopicPartition, Path> e : onDisk.entrySet()) {
                log.warn("Partition directory {} is not in the cluster metadata; left untouched (remove it by hand if unwanted)",
                        e.getValue());
            }
        }
    }

    private void applyRole(Partition p, PartitionRegistration reg, int minIsr, long nowMs) {
        if (reg.leader() == nodeId) {
            p.makeLeader(reg.leaderEpoch(), reg.replicas(), reg.isr(), minIsr, nowMs);
        } else {
            p.makeNotLeader(reg.leader(), reg.leaderEpoch());
        }
        onChange.accept(p.topicPartition());
    }

    private Partition open(TopicPartition tp, TopicId topicId, TopicLogConfig cfg) {
        try {
            Path dir = onDisk.remove(tp);
            boolean existed = dir != null;
            if (existed) {
                TopicId recorded = PartitionMetadataFile.read(dir);
                if (recorded != null && !recorded.equals(topicId)) {
                    Path renamed = LogDirs.renameAndDelete(dir, background);
                    log.info("Partition {}: directory {} belongs to an older topic with id {}; renamed to {} for deletion",
                            tp, dir, recorded, renamed.getFileName());
                    existed = false;
                }
            }
            if (!existed) {
                dir = logDirs.placeNew(tp, countsPerDir());
                Files.createDirectories(dir);
            }
            PartitionMetadataFile.write(dir, topicId);
            long startNs = System.nanoTime();
            PartitionLog partitionLog = PartitionLog.open(dir, tp, cfg.logConfig(), time, logScheduler);
            Partition p = new Partition(tp, topicId, nodeId, partitionLog);
            partitions.put(tp, p);
            if (existed) {
                log.info("Partition {}: loaded from {} in {} ms, log [{}, {})", tp, dir, (System.nanoTime() - startNs) / 1_000_000,
                        partitionLog.logStartOffset(), partitionLog.logEndOffset());
            } else {
                log.info("Partition {}: created in {} (topic id {})", tp, dir, topicId);
            }
            return p;
        } catch (IOException | LogStorageException e) {
            log.error("Partition {}: cannot open its log; it stays offline on this node", tp, e);
            return null;
        }
    }

    private Map<Path, Integer> countsPerDir() {
        Map<Path, Integer> counts = new HashMap<>();
        for (Partition p : partitions.values()) {
            counts.merge(p.log().dir().getParent(), 1, Integer::sum);
        }
        for (Path p : onDisk.values()) {
            counts.merge(p.getParent(), 1, Integer::sum);
        }
        return counts;
    }

    private void remove(Partition p, String reason) {
        TopicPartition tp = p.topicPartition();
        partitions.remove(tp);
        Path dir = p.log().dir();
        try {
            p.closeForDeletion();
        } catch (RuntimeException e) {
            log.warn("Partition {}: closing before deletion failed", tp, e);
        }
        onChange.accept(tp);
        try {
            Path renamed = LogDirs.renameAndDelete(dir, background);
            log.info("Partition {}: deleted because {}; directory renamed to {} and removed in the background", tp, reason,
                    renamed.getFileName());
        } catch (IOException e) {
            log.error("Partition {}: deleted because {}, but its directory {} could not be renamed", tp, reason, dir, e);
        }
    }

    /** One retention pass (every {@code log.retention.check.interval.ms}): retention, then time-based flushes. */
    public void runRetention() {
        long nowMs = time.milliseconds();
        for (Partition p : partitions.values()) {
            try {
                p.applyRetention(nowMs);
                p.log().flushIfDue(nowMs);
            } catch (RuntimeException e) {
                log.warn("Partition {}: retention pass failed", p.topicPartition(), e);
            }
        }
    }

    /** Forgets producers idle for {@code producer.id.expiration.ms} (every {@code producer.id.expiration.check.interval.ms}). */
    public void expireProducers(long producerIdExpirationMs) {
        long nowMs = time.milliseconds();
        int expired = 0;
        for (Partition p : partitions.values()) {
            expired += p.expireProducers(nowMs, producerIdExpirationMs);
        }
        if (expired > 0) {
            log.info("Expired {} idle producer ids (producer.id.expiration.ms={})", expired, producerIdExpirationMs);
        }
    }

    /** Closes every partition cleanly (producer snapshots, checkpoints, clean-shutdown markers). */
    @Override
    public synchronized void close() {
        closed = true;
        List<Partition> all = new ArrayList<>(partitions.values());
        for (Partition p : all) {
            try {
                p.close();
            } catch (RuntimeException e) {
                log.warn("Partition {}: close failed; it will be recovered at the next start", p.topicPartition(), e);
            }
        }
        partitions.clear();
    }
}
