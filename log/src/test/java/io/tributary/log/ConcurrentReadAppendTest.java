package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.BatchRefusal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readers running alongside appends and rolls only ever see whole, valid batches below the end they observed. */
class ConcurrentReadAppendTest extends LogTestSupport {

    @Test
    void readersNeverSeeHalfWrittenBatches() throws Exception {
        open(LogConfig.DEFAULT.withSegmentBytes(8_000).withIndexIntervalBytes(256));
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread[] readers = new Thread[2];
        for (int t = 0; t < readers.length; t++) {
            readers[t] = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!done.get()) {
                    long end = log.logEndOffset();
                    if (end == 0) {
                        continue;
                    }
                    long from = rnd.nextLong(end);
                    try {
                        LogReadResult r = log.read(from, rnd.nextInt(1, 20_000), Long.MAX_VALUE, true);
                        ByteBuffer bytes = r.copyToHeap();
                        if (BatchScan.scan(bytes.duplicate(), Integer.MAX_VALUE, true) instanceof BatchRefusal v) {
                            throw new AssertionError("read from " + from + " returned bad batches: " + v.reason());
                        }
                        if (BatchHeader.baseOffset(bytes, 0) > from || r.nextOffset() > r.logEndOffset()) {
                            throw new AssertionError("read from " + from + " misplaced: " + r);
                        }
                        reads.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            }, "reader-" + t);
            readers[t].start();
        }
        for (int i = 0; i < 1_500; i++) {
            log.appendAsLeader(TestBatches.batch(1 + i % 3, 10 + i % 200, i), 0);
        }
        done.set(true);
        for (Thread r : readers) {
            r.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(failures).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(log.segmentCount()).isGreaterThan(10);
        log.verifyIndexes();
    }
}
