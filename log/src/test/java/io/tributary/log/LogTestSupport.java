package io.tributary.log;

import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A partition directory, a manual clock and scheduler, and the log under test (closed after each test). */
abstract class LogTestSupport {

    static final TopicPartition TP = new TopicPartition("payments", 0);

    @TempDir
    Path root;
    Path dir;
    ManualTime time;
    ManualScheduler scheduler;
    PartitionLog log;

    @BeforeEach
    void setUpLog() {
        dir = root.resolve(TP.dirName());
        time = new ManualTime(1_700_000_000_000L);
        scheduler = new ManualScheduler(time);
    }

    @AfterEach
    void closeLog() {
        if (log != null) {
            try {
                log.close();
            } catch (LogStorageException alreadyGone) {
                // A test that crashed the log on purpose.
            }
        }
    }

    PartitionLog open(LogConfig config) {
        log = PartitionLog.open(dir, TP, config, time, scheduler);
        return log;
    }

    PartitionLog reopen(LogConfig config) {
        log.close();
        return open(config);
    }

    /** Appends {@code n} single-batch appends of {@code records} records with {@code valueBytes} values each. */
    void appendMany(int n, int records, int valueBytes, int epoch) {
        for (int i = 0; i < n; i++) {
            log.appendAsLeader(TestBatches.batch(records, valueBytes, time.milliseconds()), epoch);
        }
    }
}
