package io.tributary.broker.partition;

import io.tributary.log.LogFsyncs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the time of one metadata batch's application went ({@link ReplicaManager#applyImage}):
 * partitions opened, registrations read, leader changes applied, then follower changes, and how many
 * small-file fsyncs this process made meanwhile (another thread's count too, which is the point
 * when they queue on the same disk). One DEBUG line per batch that changed a role or opened a
 * partition; INFO when it took {@value #SLOW_MS} ms or more, since a slow apply is a slow failover.
 * Used on the metadata thread only.
 */
final class MetadataApplyTimer {

    private static final Logger log = LoggerFactory.getLogger(MetadataApplyTimer.class);
    static final long SLOW_MS = 100;
    private static final String FORMAT = "in {} ms: {} leader change(s) in {} ms, then {} follower change(s) in {} ms; "
            + "{} partition(s) opened in {} ms; other work {} ms; {} fsync(s) meanwhile";

    private final long offset;
    private final long startNs = System.nanoTime();
    private final long fsyncsBefore = LogFsyncs.total();
    private long lastNs = startNs;
    private long openMs;
    private long scanMs;
    private long leadersMs;
    private int opened;
    private int leaders;

    MetadataApplyTimer(long offset) {
        this.offset = offset;
    }

    void opened(int count) {
        opened = count;
        openMs = lap();
    }

    void scanned() {
        scanMs = lap();
    }

    void leadersApplied(int count) {
        leaders = count;
        leadersMs = lap();
    }

    /** The last step: logs the batch's line if it changed anything here. */
    void followersApplied(int followers) {
        long followersMs = lap();
        if (opened == 0 && leaders == 0 && followers == 0) {
            return;
        }
        long totalMs = (lastNs - startNs) / 1_000_000;
        long fsyncs = LogFsyncs.total() - fsyncsBefore;
        Object[] args = {offset, totalMs, leaders, leadersMs, followers, followersMs, opened, openMs, scanMs, fsyncs};
        if (totalMs >= SLOW_MS) {
            log.info("Metadata at offset {} applied slowly, " + FORMAT, args);
        } else if (log.isDebugEnabled()) {
            log.debug("Metadata at offset {} applied, " + FORMAT, args);
        }
    }

    private long lap() {
        long now = System.nanoTime();
        long ms = (now - lastNs) / 1_000_000;
        lastNs = now;
        return ms;
    }
}
