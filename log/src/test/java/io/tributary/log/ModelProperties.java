package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of appends, rolls (by size and by time), retention runs, DeleteRecords' moves of
 * the log start, truncations, clean reopens and crashes agree with a model that is just a list of
 * batches and a log start.
 */
class ModelProperties {

    static final TopicPartition TP = new TopicPartition("model", 0);

    sealed interface Op permits Append, Truncate, Retain, DeleteTo, Reopen, Crash, Tick {
    }

    record Append(int records, int valueBytes, boolean newEpoch) implements Op {
    }

    /** Truncate at {@code permille} of the way from log start to log end. */
    record Truncate(int permille) implements Op {
    }

    record Retain(long retentionBytes) implements Op {
    }

    /** Move the log start (DeleteRecords) to {@code permille} of the way from log start to log end. */
    record DeleteTo(int permille) implements Op {
    }

    record Reopen() implements Op {
    }

    record Crash() implements Op {
    }

    record Tick(long ms) implements Op {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 300),
                Arbitraries.integers().between(0, 7).map(i -> i == 0)).as(Append::new);
        Arbitrary<Op> truncate = Arbitraries.integers().between(0, 1000).map(Truncate::new);
        Arbitrary<Op> retain = Arbitraries.longs().between(0, 6_000).map(Retain::new);
        Arbitrary<Op> deleteTo = Arbitraries.integers().between(0, 1000).map(DeleteTo::new);
        Arbitrary<Op> reopen = Arbitraries.just(new Reopen());
        Arbitrary<Op> crash = Arbitraries.just(new Crash());
        Arbitrary<Op> tick = Arbitraries.longs().between(1, 20_000).map(Tick::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, append), net.jqwik.api.Tuple.of(2, truncate), net.jqwik.api.Tuple.of(2, retain),
                net.jqwik.api.Tuple.of(2, deleteTo),
                net.jqwik.api.Tuple.of(1, reopen), net.jqwik.api.Tuple.of(1, crash), net.jqwik.api.Tuple.of(2, tick))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    /**
     * The model: the batches (as stored) of the live segments, and the log start, which DeleteRecords
     * may put inside the first segment (the batches there below it stay until the segment goes).
     */
    static final class Model {
        final List<ByteBuffer> batches = new ArrayList<>();
        long start;
        long end;

        void add(ByteBuffer stored) {
            batches.add(stored);
            end = BatchHeader.lastOffset(stored, 0) + 1;
        }

        /** Drops the batch holding {@code offset} and all after; returns the new end. */
        long truncate(long offset) {
            while (!batches.isEmpty() && BatchHeader.lastOffset(batches.get(batches.size() - 1), 0) >= offset) {
                end = BatchHeader.baseOffset(batches.remove(batches.size() - 1), 0);
            }
            start = Math.min(start, end);
            return end;
        }

        /** The log start is now {@code newStart}, and the first live segment begins at {@code firstSegmentBase}. */
        void advanceStart(long newStart, long firstSegmentBase) {
            batches.removeIf(b -> BatchHeader.baseOffset(b, 0) < firstSegmentBase);
            start = newStart;
        }

        /** What a read from the log start returns: from the batch holding it on. */
        ByteBuffer readable() {
            return TestBatches.concat(batches.stream().filter(b -> BatchHeader.lastOffset(b, 0) >= start).toArray(ByteBuffer[]::new));
        }

        long sizeInBytes() {
            return batches.stream().mapToLong(ByteBuffer::remaining).sum();
        }
    }

    @Property(tries = 50, edgeCases = EdgeCasesMode.MIXIN)
    void theLogAgreesWithTheModel(@ForAll("ops") List<Op> ops,
                                  @ForAll @IntRange(min = 400, max = 4000) int segmentBytes,
                                  @ForAll @IntRange(min = 0, max = 800) int indexIntervalBytes) {
        Path dir = TempDirs.create("model");
        ManualTime time = new ManualTime(5_000_000L);
        ManualScheduler scheduler = new ManualScheduler(time);
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(segmentBytes).withIndexIntervalBytes(indexIntervalBytes)
                .withSegmentMs(30_000).withSegmentIndexBytes(2048).withFileDeleteDelayMs(1_000);
        PartitionLog log = PartitionLog.open(dir, TP, config, time, scheduler);
        Model model = new Model();
        int epoch = 0;
        try {
            for (Op op : ops) {
                if (op instanceof Append a) {
                    if (a.newEpoch()) {
                        epoch++;
                    }
                    ByteBuffer batch = TestBatches.batch(a.records(), a.valueBytes(), time.milliseconds());
                    AppendInfo info = log.appendAsLeader(batch, epoch);
                    assertThat(info.firstOffset()).isEqualTo(model.end);
                    model.add(batch); // stamped in place: these are the stored bytes
                    // A roll when the log start had reached the log end drops the segment wholly below it.
                    model.advanceStart(model.start, log.segments().get(0).baseOffset());
                } else if (op instanceof Truncate t) {
                    long target = model.start + (model.end - model.start) * t.permille() / 1000;
                    long expectedEnd = model.truncate(target);
                    long before = log.logEndOffset();
                    assertThat(log.truncateTo(target)).isEqualTo(expectedEnd);
                    Statistics.label("truncation removed batches").collect(expectedEnd < before);
                } else if (op instanceof Retain r) {
                    List<Long> basesBefore = new ArrayList<>(log.segments().stream().map(SegmentInfo::baseOffset).toList());
                    basesBefore.add(model.end);
                    log.updateConfig(config.withRetentionBytes(r.retentionBytes()));
                    int deleted = log.applyRetention(time.milliseconds());
                    log.updateConfig(config);
                    long newStart = log.logStartOffset();
                    // Whole segments only: the new start is a former segment base (or the log end), or the start DeleteRecords set.
                    assertThat(newStart).isEqualTo(Math.max(model.start, basesBefore.get(deleted)));
                    if (deleted > 0) {
                        assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(Math.min(r.retentionBytes(), log.sizeInBytes()));
                    }
                    // Retention stops as soon as deleting the next segment would go below the limit.
                    SegmentInfo first = log.segments().get(0);
                    boolean nextDeletable = first.sizeInBytes() > 0 && log.sizeInBytes() - first.sizeInBytes() >= r.retentionBytes();
                    assertThat(nextDeletable).isFalse();
                    model.advanceStart(newStart, log.segments().get(0).baseOffset());
                    Statistics.label("retention deleted segments").collect(deleted > 0);
                } else if (op instanceof DeleteTo d) {
                    long target = model.start + (model.end - model.start) * d.permille() / 1000;
                    assertThat(log.advanceLogStartOffset(target, "model")).isEqualTo(target > model.start);
                    List<SegmentInfo> segments = log.segments();
                    // Every segment wholly below the new start is gone, and only those (checked after every op).
                    assertThat(segments.get(0).baseOffset()).isLessThanOrEqualTo(Math.max(target, model.start));
                    model.advanceStart(Math.max(target, model.start), segments.get(0).baseOffset());
                    Statistics.label("the start moved inside a segment").collect(model.start > segments.get(0).baseOffset());
                } else if (op instanceof Reopen) {
                    log.close();
                    log = PartitionLog.open(dir, TP, config, time, scheduler);
                } else if (op instanceof Crash) {
                    log.simulateCrash();
                    log = PartitionLog.open(dir, TP, config, time, scheduler);
                } else if (op instanceof Tick t) {
                    time.advance(t.ms());
                    scheduler.runDue();
                }
                assertThat(log.logStartOffset()).isEqualTo(model.start);
                assertThat(log.logEndOffset()).isEqualTo(model.end);
                assertThat(TestBatches.readAll(log, model.start)).isEqualTo(model.readable());
                assertThat(log.sizeInBytes()).isEqualTo(model.sizeInBytes());
                // No segment but the active one may lie wholly below the log start.
                List<SegmentInfo> live = log.segments();
                if (live.size() > 1) {
                    assertThat(live.get(1).baseOffset()).isGreaterThan(model.start);
                }
                log.verifyIndexes();
                for (ByteBuffer b : model.batches.stream().filter(b -> BatchHeader.baseOffset(b, 0) >= model.start).toList()) {
                    assertThat(log.leaderEpochs().epochForOffset(BatchHeader.baseOffset(b, 0)))
                            .isEqualTo(BatchHeader.partitionLeaderEpoch(b, 0));
                }
            }
        } finally {
            try {
                log.close();
            } catch (LogStorageException ignored) {
                // The last op crashed it.
            }
            TempDirs.deleteRecursively(dir);
        }
    }
}
