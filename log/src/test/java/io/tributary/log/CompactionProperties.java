package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicPartition;
import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * Random appends (keys from a small set, tombstones, idempotent producers, each batch uncompressed or
 * compressed with a random codec), clock advances,
 * cleanings (up to a random high watermark) and reopens, checked after every cleaning against a
 * model that is just every record ever appended, by offset:
 * <ul>
 *   <li>every record read back is the model's record at that offset (offsets kept, values and timestamps intact);</li>
 *   <li>the latest record of each key is there, unless it is a tombstone whose delete horizon had passed;</li>
 *   <li>below the cleaner checkpoint no key appears twice;</li>
 *   <li>records at or above the active segment, above the high watermark, or younger than
 *       {@code min.compaction.lag.ms} when cleaned, are all still there;</li>
 *   <li>the last batch of every producer is there with its producer id, epoch and sequences;</li>
 *   <li>every batch that still holds records keeps the codec it was appended with.</li>
 * </ul>
 */
class CompactionProperties {

    static final TopicPartition TP = new TopicPartition("compacted", 0);

    sealed interface Op permits Append, Tick, Clean, Reopen {
    }

    /** {@code producer} 0 for none; {@code codec} a compression codec id, 0 for none. */
    record Append(int key, boolean tombstone, int records, int producer, int codec) implements Op {
    }

    record Tick(long ms) implements Op {
    }

    /** Clean up to a high watermark at {@code permille} of the way from log start to log end. */
    record Clean(int permille) implements Op {
    }

    record Reopen() implements Op {
    }

    record Rec(long offset, String key, String value, long timestamp) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 5).map(i -> i == 0),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 8).map(c -> c > 4 ? 0 : c)).as(Append::new);
        Arbitrary<Op> tick = Arbitraries.longs().between(1, 40_000).map(Tick::new);
        Arbitrary<Op> clean = Arbitraries.integers().between(0, 1000).map(p -> p > 300 ? 1000 : p).map(Clean::new);
        return Arbitraries.frequencyOf(Tuple.of(10, append), Tuple.of(3, tick), Tuple.of(3, clean), Tuple.of(1, Arbitraries.just(new Reopen())))
                .list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 150, seed = "20261207")
    void theCleanerAgreesWithTheModel(@ForAll("ops") List<Op> ops, @ForAll @LongRange(min = 0, max = 60_000) long minLagMs,
                                      @ForAll @LongRange(min = 1, max = 100_000) long deleteRetentionMs) throws Exception {
        Path root = TempDirs.create("compaction-model");
        try {
            run(root.resolve(TP.dirName()), ops, minLagMs, deleteRetentionMs);
        } finally {
            TempDirs.deleteRecursively(root);
        }
    }

    private void run(Path dir, List<Op> ops, long minLagMs, long deleteRetentionMs) {
        ManualTime time = new ManualTime(1_700_000_000_000L);
        ManualScheduler scheduler = new ManualScheduler(time);
        LogConfig config = LogConfig.DEFAULT.withSegmentBytes(320).withCompaction(CompactionConfig.compacted()
                .withMinCleanableDirtyRatio(0.0).withMinCompactionLagMs(minLagMs).withDeleteRetentionMs(deleteRetentionMs));
        PartitionLog log = PartitionLog.open(dir, TP, config, time, scheduler);
        Map<Long, Rec> model = new TreeMap<>();
        Map<Long, Long> horizons = new HashMap<>();
        Map<Integer, long[]> producerLastBatch = new HashMap<>();
        Map<Integer, Integer> producerSeq = new HashMap<>();
        Map<Long, Integer> codecs = new HashMap<>();
        long hw = 0;
        try {
            for (Op op : ops) {
                if (op instanceof Append a) {
                    BatchBuilder b = new BatchBuilder();
                    if (a.producer() > 0) {
                        b.producer(a.producer(), (short) 1, producerSeq.getOrDefault(a.producer(), 0));
                        producerSeq.merge(a.producer(), a.records(), Integer::sum);
                    }
                    long base = log.logEndOffset();
                    codecs.put(base, a.codec());
                    for (int i = 0; i < a.records(); i++) {
                        String key = "k" + ((a.key() + i) % 6);
                        String value = a.tombstone() && i == a.records() - 1 ? null : "v" + (base + i);
                        b.append(time.milliseconds(), key.getBytes(StandardCharsets.UTF_8),
                                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
                        model.put(base + i, new Rec(base + i, key, value, time.milliseconds()));
                    }
                    ByteBuffer batch = b.build();
                    log.appendAsLeader(a.codec() == 0 ? batch : BatchCompression.compress(batch, a.codec()), 0);
                    if (a.producer() > 0) {
                        producerLastBatch.put(a.producer(), new long[] {base, producerSeq.get(a.producer()) - a.records()});
                    }
                } else if (op instanceof Tick t) {
                    time.advance(t.ms());
                } else if (op instanceof Reopen) {
                    log.close();
                    log = PartitionLog.open(dir, TP, config, time, scheduler);
                } else if (op instanceof Clean c) {
                    // A high watermark never goes back.
                    hw = Math.max(hw, log.logStartOffset() + (log.logEndOffset() - log.logStartOffset()) * c.permille() / 1000);
                    clean(log, hw, time, model, horizons, producerLastBatch, codecs, minLagMs);
                }
                scheduler.runDue();
            }
        } finally {
            log.close();
        }
    }

    private static void clean(PartitionLog log, long hw, ManualTime time, Map<Long, Rec> model, Map<Long, Long> horizons,
                              Map<Integer, long[]> producerLastBatch, Map<Long, Integer> codecs, long minLagMs) {
        long nowMs = time.milliseconds();
        Map<Long, Rec> before = read(log, horizons);
        long activeBase = log.segments().get(log.segmentCount() - 1).baseOffset();
        PartitionLog target = log;
        LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(4096),
                () -> List.of(new LogCleaner.Cleanable(target, () -> hw)), time);
        cleaner.cleanDirtiest(cleaner.newCompactor());
        Map<Long, Rec> after = read(log, horizons);

        for (Rec r : after.values()) {
            assertThat(r).as("offset %d keeps its record", r.offset()).isEqualTo(model.get(r.offset()));
        }
        for (Rec r : before.values()) {
            boolean untouchable = r.offset() >= activeBase || r.offset() >= hw || nowMs - r.timestamp() < minLagMs;
            if (untouchable) {
                assertThat(after).as("offset %d was not cleanable (active base %d, hw %d)", r.offset(), activeBase, hw)
                        .containsKey(r.offset());
            }
        }
        Map<String, Rec> latest = new HashMap<>();
        for (Rec r : model.values()) {
            latest.put(r.key(), r);
        }
        for (Rec r : latest.values()) {
            if (after.containsKey(r.offset())) {
                continue;
            }
            assertThat(r.value()).as("latest record of %s at %d is gone", r.key(), r.offset()).isNull();
            Long horizon = horizons.get(r.offset());
            assertThat(horizon).as("tombstone %d went without a delete horizon", r.offset()).isNotNull();
            assertThat(nowMs).as("tombstone %d went before its horizon", r.offset()).isGreaterThanOrEqualTo(horizon);
        }
        long checkpoint = log.cleanerCheckpoint().offset();
        List<String> cleanKeys = after.values().stream().filter(r -> r.offset() < checkpoint).map(Rec::key).toList();
        assertThat(Set.copyOf(cleanKeys)).as("each key once below the checkpoint %d", checkpoint).hasSize(cleanKeys.size());
        Map<Long, long[]> headers = new HashMap<>();
        log.scanBatches(0, h -> {
            headers.put(BatchHeader.baseOffset(h, 0), new long[] {BatchHeader.producerId(h, 0), BatchHeader.baseSequence(h, 0)});
            if (BatchHeader.recordCount(h, 0) > 0) {
                assertThat(BatchHeader.compression(h, 0)).as("batch %d keeps its codec", BatchHeader.baseOffset(h, 0))
                        .isEqualTo(codecs.get(BatchHeader.baseOffset(h, 0)));
            }
            return true;
        });
        for (Map.Entry<Integer, long[]> p : producerLastBatch.entrySet()) {
            assertThat(headers).as("producer %d's last batch", p.getKey()).containsKey(p.getValue()[0]);
            assertThat(headers.get(p.getValue()[0])).containsExactly(p.getKey(), p.getValue()[1]);
        }
        log.verifyIndexes();
    }

    private static ByteBuffer decompress(ByteBuffer bytes, int at) {
        try {
            return BatchCompression.decompress(bytes, at, BatchCompression.DECOMPRESSED_BYTES_MAX);
        } catch (BatchCompression.UndecodableBatchException e) {
            throw new AssertionError("the cleaner wrote a batch it cannot open: " + e.getMessage(), e);
        }
    }

    /** Every record readable from the log start, by offset; notes each tombstone's delete horizon. */
    private static Map<Long, Rec> read(PartitionLog log, Map<Long, Long> horizons) {
        Map<Long, Rec> out = new TreeMap<>();
        if (log.logEndOffset() == log.logStartOffset()) {
            return out;
        }
        var bytes = TestBatches.readAll(log, log.logStartOffset());
        for (int at = bytes.position(); at < bytes.limit(); at += BatchHeader.sizeInBytes(bytes, at)) {
            boolean hasHorizon = CleanedBatch.hasDeleteHorizon(bytes, at);
            BatchBuilder.RecordReader reader = BatchHeader.compression(bytes, at) == 0 ? new BatchBuilder.RecordReader(bytes, at)
                    : new BatchBuilder.RecordReader(decompress(bytes, at), 0);
            while (reader.next()) {
                BatchBuilder.Record r = reader.current();
                String value = r.value() == null ? null : new String(r.valueBytes(), StandardCharsets.UTF_8);
                out.put(r.offset(), new Rec(r.offset(), new String(r.keyBytes(), StandardCharsets.UTF_8), value, r.timestamp()));
                if (value == null && hasHorizon) {
                    horizons.putIfAbsent(r.offset(), BatchHeader.baseTimestamp(bytes, at));
                }
            }
        }
        return out;
    }
}
