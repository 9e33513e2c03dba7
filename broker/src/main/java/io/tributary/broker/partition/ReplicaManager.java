package io.tributary.broker.partition;

import io.tributary.common.Time;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.log.LogCleaner;
import io.tributary.log.LogStorageException;
import io.tributary.log.PartitionLog;
import io.tributary.log.Scheduler;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.BrokerRegistration;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final int recoveryThreads;
    private final LogDirs logDirs;
    private final TopicConfigResolver resolver;
    private final Time time;
    private final Scheduler logScheduler;
    private final Executor background;
    private final PartitionEvents events;
    private final RoleListener roles;
    private final Map<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Path> onDisk;
    /** High watermarks read from each log directory's checkpoint at startup, for the partitions opened from it. */
    private final Map<TopicPartition, Long> checkpointedHighWatermarks = new ConcurrentHashMap<>();
    private boolean firstImageApplied;
    private long lastIsrCheckMonotonicMs = -1;   // the ISR check's thread only
    private long stallRuleResumesAtMonotonicMs;   // the ISR check's thread only
    private volatile boolean closed;

    /** Told when a hosted partition's role changes or it goes away: the replica fetchers follow it. */
    public interface RoleListener {

        /** {@code p} now leads, follows another leader, or has none; called on the metadata thread. */
        void roleChanged(Partition p);

        /** {@code p} is no longer hosted here (deleted, or moved away); called on the metadata thread. */
        void removed(Partition p);
    }

    /**
     * @param recoveryThreadsPerDir {@code num.recovery.threads.per.data.dir}: logs opened (and recovered) at once per directory
     * @param events                what every partition announces (log end, high watermark, ISR proposals)
     * @param roles                 told of role changes and removals
     */
    public ReplicaManager(int nodeId, LogDirs logDirs, int recoveryThreadsPerDir, TopicConfigResolver resolver, Time time,
                          Scheduler logScheduler, Executor background, PartitionEvents events, RoleListener roles) throws IOException {
        this.nodeId = nodeId;
        this.recoveryThreads = Math.max(1, recoveryThreadsPerDir * logDirs.dirs().size());
        this.logDirs = logDirs;
        this.resolver = resolver;
        this.time = time;
        this.logScheduler = logScheduler;
        this.background = background;
        this.events = events;
        this.roles = roles;
        this.onDisk = new HashMap<>(logDirs.scan(background));
        for (Path dir : logDirs.dirs()) {
            checkpointedHighWatermarks.putAll(HighWatermarkCheckpoint.read(dir));
        }
    }

    public Partition partition(TopicPartition tp) {
        return partitions.get(tp);
    }

    public Collection<Partition> partitions() {
        return partitions.values();
    }

    /**
     * Brings the hosted partitions in line with {@code next}. Changes of leadership are applied first:
     * a partition this node now leads (an election, a controlled shutdown elsewhere) or no longer
     * leads (its own controlled shutdown: the produces waiting there are answered with the new
     * leader), then the partitions that only follow a new epoch, whose fetchers restart and may
     * truncate. Clients wait on the former, nothing on the latter. One line per batch says where the
     * time went ({@link MetadataApplyTimer}).
     */
    public synchronized void applyImage(MetadataImage prev, MetadataImage next) {
        if (closed) {
            return;
        }
        long nowMs = time.milliseconds();
        MetadataApplyTimer timer = new MetadataApplyTimer(next.lastAppliedOffset());
        List<RoleChange> leaders = new ArrayList<>();
        List<RoleChange> followers = new ArrayList<>();
        for (Partition p : List.copyOf(partitions.values())) {
            TopicImage t = next.topic(p.topicId());
            PartitionRegistration reg = t == null ? null : t.partition(p.topicPartition().partition());
            if (reg == null || !reg.isReplica(nodeId)) {
                remove(p, t == null ? "its topic was deleted" : "this node no longer hosts a replica");
            }
        }
        boolean brokerConfigsChanged = !prev.configs(ConfigResource.broker(nodeId)).equals(next.configs(ConfigResource.broker(nodeId)))
                || !prev.configs(ConfigResource.defaultBroker()).equals(next.configs(ConfigResource.defaultBroker()));
        openMissing(prev, next, brokerConfigsChanged);
        timer.opened(opened.size());
        forgetRestartedFollowers(prev, next);
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
                    // It could not be opened (logged by openMissing); it stays offline here.
                    continue;
                } else if (configsChanged && opened.remove(tp) == null) {
                    p.updateConfig(cfg.logConfig(), cfg.minInsyncReplicas());
                }
                PartitionRegistration before = old == null ? null : old.partition(i);
                if (before == null || !before.equals(reg) || p.leaderEpoch() != reg.leaderEpoch()) {
                    boolean leadership = reg.leader() == nodeId || p.isLeader();
                    (leadership ? leaders : followers).add(new RoleChange(p, reg, cfg.minInsyncReplicas()));
                } else if (configsChanged && p.isLeader()) {
                    roles.roleChanged(p);
                }
            }
            if (configsChanged && old != null && !prev.topicConfigs(t.name()).equals(next.topicConfigs(t.name()))) {
                log.info("Topic {}: configs changed to {}", t.name(), next.topicConfigs(t.name()));
            }
        }
        timer.scanned();
        for (RoleChange c : leaders) {
            applyRole(c.partition(), c.reg(), c.minIsr(), nowMs);
        }
        timer.leadersApplied(leaders.size());
        for (RoleChange c : followers) {
            applyRole(c.partition(), c.reg(), c.minIsr(), nowMs);
        }
        timer.followersApplied(followers.size());
        opened.clear();
        placed.clear();
        firstImageApplied = true;
    }

    /** A partition whose registration changed in this batch, applied once the batch has been read. */
    private record RoleChange(Partition partition, PartitionRegistration reg, int minIsr) {
    }

    /** Partitions opened by the current {@link #applyImage}, so their fresh config is not applied twice. */
    private final Map<TopicPartition, Partition> opened = new HashMap<>();

    private record ToOpen(TopicPartition tp, TopicId topicId, TopicLogConfig cfg, Path dir, boolean existed) {
    }

    /**
     * Opens every partition {@code next} places here that is not open yet. Directories are chosen one
     * by one (placement counts them); the logs are then opened, and recovered where needed, in
     * parallel ({@code num.recovery.threads.per.data.dir} per directory), which is what makes a start
     * after a crash with many partitions quick.
     */
    private void openMissing(MetadataImage prev, MetadataImage next, boolean brokerConfigsChanged) {
        List<ToOpen> todo = new ArrayList<>();
        for (TopicImage t : next.topics().values()) {
            if (prev.topic(t.id()) == t && firstImageApplied) {
                continue;
            }
            TopicLogConfig cfg = null;
            for (int i = 0; i < t.partitionCount(); i++) {
                TopicPartition tp = t.topicPartition(i);
                if (!t.partition(i).isReplica(nodeId) || partitions.containsKey(tp)) {
                    continue;
                }
                if (cfg == null) {
                    cfg = TopicLogConfig.resolve(resolver, next, t.name(), nodeId);
                }
                ToOpen o = prepare(tp, t.id(), cfg);
                if (o != null) {
                    todo.add(o);
                }
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<Partition> done = new ArrayList<>();
        if (todo.size() == 1 || recoveryThreads == 1) {
            for (ToOpen o : todo) {
                Partition p = openLog(o);
                if (p != null) {
                    done.add(p);
                }
            }
        } else {
            AtomicInteger n = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(todo.size(), recoveryThreads), r -> {
                Thread th = new Thread(r, "tributary-recovery-" + n.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
            try {
                List<Future<Partition>> futures = new ArrayList<>();
                for (ToOpen o : todo) {
                    futures.add(pool.submit(() -> openLog(o)));
                }
                for (Future<Partition> f : futures) {
                    Partition p = f.get();
                    if (p != null) {
                        done.add(p);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                log.error("Opening partitions failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        for (Partition p : done) {
            partitions.put(p.topicPartition(), p);
            opened.put(p.topicPartition(), p);
        }
    }

    /**
     * Called once the node has applied the whole metadata log at startup: partition directories the
     * metadata still does not mention are strays, reported (never deleted: the data may matter).
     */
    public synchronized void startupComplete() {
        for (Map.Entry<TopicPartition, Path> e : onDisk.entrySet()) {
            log.warn("Partition directory {} is not in the cluster metadata; left untouched (remove it by hand if unwanted)",
                    e.getValue());
        }
    }

    /** A broker registered again (a new broker epoch): led partitions stop counting what it fetched before. */
    private void forgetRestartedFollowers(MetadataImage prev, MetadataImage next) {
        for (BrokerRegistration b : next.brokers().values()) {
            BrokerRegistration before = prev.broker(b.brokerId());
            if (b.brokerId() == nodeId || (before != null && before.brokerEpoch() == b.brokerEpoch())) {
                continue;
            }
            for (Partition p : partitions.values()) {
                if (p.isLeader()) {
                    p.onFollowerBrokerEpoch(b.brokerId(), b.brokerEpoch());
                }
            }
        }
    }

    private void applyRole(Partition p, PartitionRegistration reg, int minIsr, long nowMs) {
        if (reg.leaderEpoch() < p.leaderEpoch()) {
            log.warn("Partition {}: metadata names leader epoch {} but the partition is at {}; ignored", p.topicPartition(),
                    reg.leaderEpoch(), p.leaderEpoch());
            return;
        }
        if (reg.leader() == nodeId) {
            p.makeLeader(reg.leaderEpoch(), reg.partitionEpoch(), reg.replicas(), reg.isr(), minIsr, nowMs);
        } else {
            p.makeFollower(reg.leader(), reg.leaderEpoch(), reg.partitionEpoch(), reg.replicas());
        }
        roles.roleChanged(p);
    }

    /** Picks (or recognises) the partition's directory; sequential, since placement counts directories. */
    private ToOpen prepare(TopicPartition tp, TopicId topicId, TopicLogConfig cfg) {
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
                placed.merge(dir.getParent(), 1, Integer::sum);
            }
            PartitionMetadataFile.write(dir, topicId);
            return new ToOpen(tp, topicId, cfg, dir, existed);
        } catch (IOException e) {
            log.error("Partition {}: cannot prepare its directory; it stays offline on this node", tp, e);
            return null;
        }
    }

    /** Opens (and recovers) one log and its producer state; safe to run in parallel for different partitions. */
    private Partition openLog(ToOpen o) {
        try {
            long startNs = System.nanoTime();
            PartitionLog partitionLog = PartitionLog.open(o.dir(), o.tp(), o.cfg().logConfig(), time, logScheduler);
            long hw = o.existed() ? checkpointedHighWatermarks.getOrDefault(o.tp(), 0L) : 0L;
            Partition p = new Partition(o.tp(), o.topicId(), nodeId, partitionLog, hw, events);
            if (o.existed()) {
                log.info("Partition {}: loaded from {} in {} ms, log [{}, {})", o.tp(), o.dir(), (System.nanoTime() - startNs) / 1_000_000,
                        partitionLog.logStartOffset(), partitionLog.logEndOffset());
            } else {
                log.info("Partition {}: created in {} (topic id {})", o.tp(), o.dir(), o.topicId());
            }
            return p;
        } catch (LogStorageException | IllegalStateException e) {
            log.error("Partition {}: cannot open its log; it stays offline on this node", o.tp(), e);
            return null;
        }
    }

    /** Directories chosen for partitions not yet open in the current pass, so placement spreads them. */
    private final Map<Path, Integer> placed = new HashMap<>();

    private Map<Path, Integer> countsPerDir() {
        Map<Path, Integer> counts = new HashMap<>(placed);
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
        roles.removed(p);
        try {
            Path renamed = LogDirs.renameAndDelete(dir, background);
            log.info("Partition {}: deleted because {}; directory renamed to {} and removed in the background", tp, reason,
                    renamed.getFileName());
        } catch (IOException e) {
            log.error("Partition {}: deleted because {}, but its directory {} could not be renamed", tp, reason, dir, e);
        }
    }

    /**
     * The logs of compacted topics, each with this replica's own high watermark (a follower's as it
     * learned it), below which alone the cleaner may work: what every replica will hold the same.
     */
    public List<LogCleaner.Cleanable> compactedLogs() {
        List<LogCleaner.Cleanable> out = new ArrayList<>();
        for (Partition p : partitions.values()) {
            if (p.log().config().compaction().compact()) {
                out.add(new LogCleaner.Cleanable(p.log(), p::highWatermark));
            }
        }
        return out;
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

    /**
     * Writes every log directory's {@code replication-offset-checkpoint} (every
     * {@code replica.high.watermark.checkpoint.interval.ms}, and at close).
     */
    public void checkpointHighWatermarks() {
        Map<Path, Map<TopicPartition, Long>> byDir = new HashMap<>();
        for (Path dir : logDirs.dirs()) {
            byDir.put(dir, new HashMap<>());
        }
        for (Partition p : partitions.values()) {
            Map<TopicPartition, Long> m = byDir.get(p.log().dir().getParent());
            if (m != null) {
                m.put(p.topicPartition(), p.highWatermark());
            }
        }
        for (Map.Entry<Path, Map<TopicPartition, Long>> e : byDir.entrySet()) {
            try {
                HighWatermarkCheckpoint.write(e.getKey(), e.getValue());
            } catch (IOException ex) {
                log.warn("Cannot write the high-watermark checkpoint of {}: {}", e.getKey(), ex.toString());
            }
        }
    }

    /**
     * The periodic ISR check of every partition this node leads, every {@code checkIntervalMs}. It runs
     * every few hundred milliseconds for the stall rule, so partitions this node only follows are
     * skipped without taking their lock.
     *
     * <p>When this check comes more than two intervals after the previous one, this node itself did not
     * run for a while (a GC pause, or the machine's load): follower fetches that arrived meanwhile may
     * still sit unread in its sockets, and metadata that deposed it may not have arrived yet, so the
     * silence it would measure is its own. The stall rule then waits {@code replica.fetch.stall.max.ms}
     * (a follower still silent after that has had a full window since this node ran again); Kafka's
     * lag rule does not need to.
     */
    public void maybeShrinkIsrs(long replicaLagTimeMaxMs, long replicaFetchStallMaxMs, long checkIntervalMs) {
        long nowMs = time.milliseconds();
        long monotonicMs = time.monotonicMs();
        boolean late = lastIsrCheckMonotonicMs >= 0 && monotonicMs - lastIsrCheckMonotonicMs > 2 * checkIntervalMs;
        if (late && replicaFetchStallMaxMs > 0) {
            log.debug("ISR check {} ms after the previous one (interval {} ms): the stall rule waits {} ms",
                    monotonicMs - lastIsrCheckMonotonicMs, checkIntervalMs, replicaFetchStallMaxMs);
            stallRuleResumesAtMonotonicMs = monotonicMs + replicaFetchStallMaxMs;
        }
        lastIsrCheckMonotonicMs = monotonicMs;
        long stallMaxMs = monotonicMs < stallRuleResumesAtMonotonicMs ? 0 : replicaFetchStallMaxMs;
        for (Partition p : partitions.values()) {
            if (!p.isLeader()) {
                continue;
            }
            try {
                p.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs, stallMaxMs);
            } catch (RuntimeException e) {
                log.warn("Partition {}: ISR check failed", p.topicPartition(), e);
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
        checkpointHighWatermarks();
        List<Partition> all = new ArrayList<>(partitions.values());
        int failed = 0;
        for (Partition p : all) {
            try {
                p.close();
            } catch (RuntimeException e) {
                failed++;
                log.warn("Partition {}: close failed; it will be recovered at the next start", p.topicPartition(), e);
            }
        }
        partitions.clear();
        if (failed > 0) {
            // The caller must not record this stop as clean: those partitions may lack what they acknowledged.
            throw new IllegalStateException(failed + " of " + all.size() + " partitions did not close cleanly");
        }
    }
}
