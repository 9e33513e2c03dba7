package io.tributary.log;

import io.tributary.common.Time;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log cleaner: {@code log.cleaner.threads} background threads that each, in turn, pick the
 * compacted log most in need of cleaning ({@link CleaningPlanner}), clean it ({@link Compactor}),
 * and, when no log needs it, idle {@code log.cleaner.backoff.ms}. One INFO line per cleaned log.
 *
 * <p>Bounds: each thread owns one {@link OffsetMap} of {@code log.cleaner.dedupe.buffer.size} /
 * threads bytes and I/O buffers of {@code log.cleaner.io.buffer.size} / threads bytes, allocated
 * once; all threads share one {@link IoThrottler} at {@code log.cleaner.io.max.bytes.per.second}.
 * A log is cleaned by one thread at a time. Each replica cleans its own log, up to its own high
 * watermark, which the caller supplies per log.
 *
 * <p>The threads are never interrupted: an interrupt during a {@code FileChannel} read would close
 * the segment's channel for every reader. {@link #close} sets a flag, which a cleaning checks between
 * batches and gives up on (deleting its unfinished files), wakes idle threads, and waits for them.
 */
public final class LogCleaner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogCleaner.class);

    /** A log the cleaner may clean, with its replica's high watermark now. */
    public record Cleanable(PartitionLog log, LongSupplier highWatermark) {
    }

    /** What one pass did: the partition and the cleaning's figures. */
    record Cleaned(String partition, Compactor.Result result, long tookMs) {
    }

    private final CleanerConfig config;
    private final Supplier<? extends Collection<Cleanable>> logs;
    private final Time time;
    private final IoThrottler throttler;
    private final Set<PartitionLog> inProgress = ConcurrentHashMap.newKeySet();
    private final Map<PartitionLog, Long> failedUntilMs = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Object idle = new Object();
    private volatile boolean stopped;

    public LogCleaner(CleanerConfig config, Supplier<? extends Collection<Cleanable>> logs, Time time) {
        this.config = config;
        this.logs = logs;
        this.time = time;
        this.throttler = new IoThrottler(config.ioMaxBytesPerSecond(), time, IoThrottler::sleep);
    }

    /** Starts the background threads (none if {@code log.cleaner.enable} is false or no threads are configured). */
    public synchronized void start() {
        if (!config.enabled()) {
            LOG.info("Log cleaner disabled (log.cleaner.enable=false): compacted topics are not cleaned");
            return;
        }
        for (int i = 0; i < config.threads(); i++) {
            Compactor compactor = newCompactor();
            Thread t = new Thread(() -> run(compactor), "tributary-log-cleaner-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        LOG.info("Log cleaner started: {} thread(s), {} bytes of offset map and {} bytes of I/O buffer per thread, I/O cap {}",
                config.threads(), config.dedupeBufferBytesPerThread(), 2L * config.ioBufferBytesPerThread(),
                throttler.unlimited() ? "none" : (long) config.ioMaxBytesPerSecond() + " bytes/s");
    }

    /** A compactor with one thread's share of the memory, for a background thread or a caller's own. */
    Compactor newCompactor() {
        return new Compactor(new OffsetMap(config.dedupeBufferBytesPerThread()), config.ioBufferBytesPerThread(), throttler,
                () -> stopped);
    }

    private void run(Compactor compactor) {
        while (!stopped) {
            Optional<Cleaned> done;
            try {
                done = cleanDirtiest(compactor);
            } catch (RuntimeException | Error e) {
                LOG.error("Log cleaner thread {} failed a pass; carrying on", Thread.currentThread().getName(), e);
                done = Optional.empty();
            }
            if (done.isEmpty()) {
                synchronized (idle) {
                    if (!stopped) {
                        try {
                            idle.wait(Math.max(1, config.backoffMs()));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        }
    }

    /**
     * Cleans the log most in need of it, if any is due, on the calling thread with {@code compactor};
     * returns what it did. Background threads call this in a loop; tests call it directly.
     */
    Optional<Cleaned> cleanDirtiest(Compactor compactor) {
        long nowMs = time.milliseconds();
        Cleanable best = null;
        CleaningPlanner.Plan bestPlan = null;
        for (Cleanable c : logs.get()) {
            PartitionLog log = c.log();
            if (!log.config().compaction().compact() || inProgress.contains(log)) {
                continue;
            }
            Long retryAt = failedUntilMs.get(log);
            if (retryAt != null && nowMs < retryAt) {
                continue;
            }
            CleaningPlanner.Plan plan;
            try {
                plan = planFor(log, c.highWatermark().getAsLong(), nowMs);
            } catch (LogStorageException closed) {
                continue;
            }
            if (plan.due() && (bestPlan == null || CleaningPlanner.compareUrgency(plan, bestPlan) < 0)) {
                best = c;
                bestPlan = plan;
            }
        }
        if (best == null || !inProgress.add(best.log())) {
            return Optional.empty();
        }
        PartitionLog log = best.log();
        try {
            long startNs = time.nanoseconds();
            Compactor.Result r = compactor.clean(log, bestPlan, nowMs);
            long tookMs = (time.nanoseconds() - startNs) / 1_000_000L;
            failedUntilMs.remove(log);
            if (r == null) {
                return Optional.empty();
            }
            LOG.info("Partition {}: cleaned offsets [{}, {}) in {} ms: {} segment(s) of {} bytes became {} of {} bytes, "
                            + "{} of {} records and {} batches removed; dirty ratio was {}{}{}{}",
                    log.topicPartition(), r.firstDirtyOffset(), r.cleanedUpTo(), tookMs, r.segmentsBefore(), r.bytesBefore(),
                    r.segmentsAfter(), r.bytesAfter(), r.recordsRemoved(), r.recordsRead(), r.batchesRemoved(),
                    String.format("%.2f", bestPlan.dirtyRatio()), bestPlan.forced() ? " (max.compaction.lag.ms)" : "",
                    r.mapFull() ? "; the offset map filled up, the rest waits for the next pass" : "",
                    r.batchesKeptUndecodable() > 0 ? "; " + r.batchesKeptUndecodable() + " compressed batch(es) kept whole, unopened" : "");
            return Optional.of(new Cleaned(log.topicPartition().toString(), r, tookMs));
        } catch (Compactor.Aborted stopping) {
            LOG.info("Partition {}: cleaning given up: the log cleaner is stopping", log.topicPartition());
            return Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            long retryMs = Math.max(10 * config.backoffMs(), 1_000L);
            failedUntilMs.put(log, nowMs + retryMs);
            LOG.warn("Partition {}: cleaning failed, retrying in {} ms: {}", log.topicPartition(), retryMs, e.toString());
            return Optional.empty();
        } finally {
            inProgress.remove(log);
        }
    }

    /** The planner's view of {@code log} now. */
    static CleaningPlanner.Plan planFor(PartitionLog log, long highWatermark, long nowMs) {
        LogState s = log.currentState();
        LogSegment[] segs = s.segments();
        List<CleaningPlanner.Segment> view = new ArrayList<>(segs.length);
        for (int i = 0; i < segs.length; i++) {
            boolean last = i == segs.length - 1;
            view.add(new CleaningPlanner.Segment(segs[i].baseOffset, s.boundOf(i), segs[i].largestTimestamp(),
                    last ? s.logEndOffset() : segs[i + 1].baseOffset, last));
        }
        CleanerCheckpoint cp = log.cleanerCheckpoint();
        long firstDirty = Math.max(cp.offset(), s.logStartOffset());
        return CleaningPlanner.plan(view, s.logStartOffset(), cp.offset(), Math.min(highWatermark, s.logEndOffset()),
                firstTimestampAt(log, firstDirty), cp.tombstoneHorizonMs(), nowMs, log.config().compaction());
    }

    /** The max timestamp of the batch holding {@code offset} (or the next one), or -1. */
    private static long firstTimestampAt(PartitionLog log, long offset) {
        long[] ts = {-1L};
        if (offset >= log.logEndOffset()) {
            return -1L;
        }
        log.scanBatches(offset, (ByteBuffer h) -> {
            ts[0] = io.tributary.common.records.BatchHeader.maxTimestamp(h, 0);
            return false;
        });
        return ts[0];
    }

    @Override
    public void close() {
        stopped = true;
        synchronized (idle) {
            idle.notifyAll();
        }
        for (Thread t : threads) {
            try {
                t.join(30_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("Log cleaner thread {} is still cleaning after 30 s; leaving it", t.getName());
            }
        }
    }
}
