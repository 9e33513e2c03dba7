package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TimestampSearchTest extends LogTestSupport {

    @Test
    void findsTheFirstRecordAtOrAfterATimestampInsideBatchesAndAcrossSegments() {
        open(LogConfig.DEFAULT.withSegmentBytes(400).withIndexIntervalBytes(50));
        // Timestamps rise overall but not within each batch, as producers' clocks allow.
        log.appendAsLeader(TestBatches.batchWithTimestamps(100, 90, 110), 1);      // 0..2
        log.appendAsLeader(TestBatches.batchWithTimestamps(130, 120, 125), 1);     // 3..5
        log.appendAsLeader(TestBatches.batchWithTimestamps(200, 210, 205), 2);     // 6..8
        for (int i = 0; i < 20; i++) {
            log.appendAsLeader(TestBatches.batchWithTimestamps(300 + i * 10, 301 + i * 10), 2); // 9..48
        }
        assertThat(log.segmentCount()).isGreaterThan(2);
        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(100, 0, 1));
        assertThat(log.offsetForTimestamp(95)).contains(new TimestampAndOffset(100, 0, 1));
        assertThat(log.offsetForTimestamp(101)).contains(new TimestampAndOffset(110, 2, 1));
        assertThat(log.offsetForTimestamp(121)).contains(new TimestampAndOffset(130, 3, 1));
        assertThat(log.offsetForTimestamp(126)).contains(new TimestampAndOffset(130, 3, 1));
        assertThat(log.offsetForTimestamp(131)).contains(new TimestampAndOffset(200, 6, 2));
        assertThat(log.offsetForTimestamp(206)).contains(new TimestampAndOffset(210, 7, 2));
        assertThat(log.offsetForTimestamp(455)).contains(new TimestampAndOffset(460, 41, 2));
        assertThat(log.offsetForTimestamp(491)).contains(new TimestampAndOffset(491, 48, 2));
        assertThat(log.offsetForTimestamp(492)).isEmpty();
        assertThat(log.maxTimestampAndOffset()).contains(new TimestampAndOffset(491, 48, 2));
        // Every answer is right against a brute-force scan.
        for (long ts = 80; ts < 500; ts += 3) {
            long expected = -1;
            for (BatchBuilder.Record r : BatchBuilder.readAll(TestBatches.readAll(log, 0))) {
                if (r.timestamp() >= ts) {
                    expected = r.offset();
                    break;
                }
            }
            final long e = expected;
            if (e < 0) {
                assertThat(log.offsetForTimestamp(ts)).isEmpty();
            } else {
                assertThat(log.offsetForTimestamp(ts)).hasValueSatisfying(t -> assertThat(t.offset()).isEqualTo(e));
            }
        }
    }

    @Test
    void theMaxTimestampIsTheExactRecordAndSurvivesReopen() {
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(300);
        open(config);
        log.appendAsLeader(TestBatches.batchWithTimestamps(10, 20), 0);
        log.appendAsLeader(TestBatches.batchWithTimestamps(50, 999, 40), 0);
        log.appendAsLeader(TestBatches.batchWithTimestamps(60, 70), 0);
        log.appendAsLeader(TestBatches.batchWithTimestamps(80, 90, 100, 110), 0);
        assertThat(log.maxTimestampAndOffset()).contains(new TimestampAndOffset(999, 3, 0));
        reopen(config);
        assertThat(log.maxTimestampAndOffset()).contains(new TimestampAndOffset(999, 3, 0));
        assertThat(log.offsetForTimestamp(998)).contains(new TimestampAndOffset(999, 3, 0));
    }

    @Test
    void logAppendTimeStampsTheBrokerClockAndKeepsTheCrcValid() {
        open(LogConfig.DEFAULT.withMessageTimestampType(LogConfig.TimestampType.LOG_APPEND_TIME));
        AppendInfo a = log.appendAsLeader(TestBatches.batchWithTimestamps(5, 6), 0);
        assertThat(a.logAppendTimeMs()).isEqualTo(time.milliseconds());
        assertThat(a.maxTimestamp()).isEqualTo(time.milliseconds());
        ByteBuffer stored = log.read(0, 1000, 10, true).copyToHeap();
        assertThat(BatchHeader.isLogAppendTime(stored, 0)).isTrue();
        assertThat(BatchHeader.isCrcValid(stored, 0)).isTrue();
        assertThat(BatchBuilder.readAll(stored)).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(time.milliseconds()));
        assertThat(log.offsetForTimestamp(time.milliseconds())).contains(new TimestampAndOffset(time.milliseconds(), 0, 0));
    }

    @Test
    void anEmptyLogHasNoTimestamps() {
        open(LogConfig.DEFAULT);
        assertThat(log.offsetForTimestamp(0)).isEmpty();
        assertThat(log.maxTimestampAndOffset()).isEmpty();
        log.appendAsLeader(TestBatches.batch(1, 1, -1L), 0);
        assertThat(log.maxTimestampAndOffset()).isEmpty();
    }
}
