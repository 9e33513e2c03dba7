package io.tributary.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires segments the log no longer lists: their files are renamed {@code *.deleted} at once (so
 * a restart removes them even if the deletion never ran) but stay open until the scheduled
 * deletion {@code file.delete.delay.ms} later, so a {@code sendfile} already handed their channel
 * finishes. The set of segments awaiting deletion is bounded by the segments the log ever held.
 */
final class SegmentRetirer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRetirer.class);

    private final String partition;
    private final Scheduler scheduler;
    private final Set<LogSegment> pending = ConcurrentHashMap.newKeySet();

    SegmentRetirer(String partition, Scheduler scheduler) {
        this.partition = partition;
        this.scheduler = scheduler;
    }

    void retire(List<LogSegment> gone, long delayMs) {
        renameAll(gone);
        scheduleDelete(gone, delayMs);
    }

    void renameAll(List<LogSegment> gone) {
        for (LogSegment s : gone) {
            try {
                s.renameToDeleted();
            } catch (IOException e) {
                LOG.warn("Partition {}: cannot rename retired segment {} to .deleted: {}", partition, s.baseOffset, e.toString());
            }
        }
    }

    void scheduleDelete(List<LogSegment> gone, long delayMs) {
        if (gone.isEmpty()) {
            return;
        }
        List<LogSegment> batch = List.copyOf(gone);
        pending.addAll(batch);
        scheduler.schedule("delete-segments-" + partition, delayMs, () -> deleteNow(batch));
    }

    int pendingCount() {
        return pending.size();
    }

    /** Closes and deletes the given retired segments that are still pending; idempotent. */
    void deleteNow(List<LogSegment> segments) {
        for (LogSegment s : segments) {
            if (pending.remove(s)) {
                try {
                    s.closeAndDeleteFiles();
                } catch (IOException e) {
                    LOG.warn("Partition {}: cannot delete retired segment {}: {}", partition, s.baseOffset, e.toString());
                }
            }
        }
    }

    void deleteAllNow() {
        deleteNow(new ArrayList<>(pending));
    }

    /** For a deleted log: after {@code delayMs}, closes every segment (live and retired) and removes the renamed directory. */
    void deleteLogLater(List<LogSegment> live, Path renamedDir, long delayMs) {
        scheduler.schedule("delete-log-" + partition, delayMs, () -> {
            deleteAllNow();
            for (LogSegment seg : live) {
                try {
                    seg.closeAndDeleteFiles();
                } catch (IOException e) {
                    LOG.warn("Partition {}: cannot delete segment {} of the deleted log: {}", partition, seg.baseOffset, e.toString());
                }
            }
            try {
                LogDirs.deleteRecursively(renamedDir);
            } catch (IOException e) {
                LOG.warn("Partition {}: cannot remove {}: {}", partition, renamedDir, e.toString());
            }
        });
    }
}
