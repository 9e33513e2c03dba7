package io.tributary.common.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * {@link BatchScan} agrees with a plain second reading ({@link ReferenceBatchCheck}) on random runs
 * of batches, sound or damaged: the same verdict, the same defect, and for sound runs the same
 * fields of every batch and of the run.
 */
class BatchScanProperties {

    /** How a sound run is damaged before the check. */
    enum Damage { NONE, FLIP_BYTE, TRUNCATE, HEADER_FIELD, TRAILING_GARBAGE, ATTRIBUTES_WITH_CRC }

    @Property(tries = 500)
    void agreesWithTheReference(@ForAll("runs") byte[] sound, @ForAll Damage damage, @ForAll long seed,
                                @ForAll("limits") long batchBytesMax, @ForAll boolean verifyCrc) {
        byte[] bytes = damage(sound, damage, new Random(seed));
        assertAgrees(bytes, batchBytesMax, verifyCrc);
        ReferenceBatchCheck.Verdict verdict = ReferenceBatchCheck.check(bytes, batchBytesMax, verifyCrc);
        String outcome = verdict.defect() != null ? verdict.defect().name()
                : verdict.leaderDefect() != null ? "sound, leader refuses " + verdict.leaderDefect() : "sound";
        Statistics.collect(outcome);
        // Coverage marks: the generator must reach every verdict the checker can give these runs.
        Statistics.coverage(c -> {
            c.check("sound").count(n -> n > 0);
            for (BatchDefect d : List.of(BatchDefect.TRUNCATED_HEADER, BatchDefect.LENGTH_TOO_SMALL, BatchDefect.TOO_LARGE,
                    BatchDefect.OVERRUN, BatchDefect.BAD_MAGIC, BatchDefect.COUNT_MISMATCH, BatchDefect.CRC_MISMATCH)) {
                c.check(d.name()).count(n -> n > 0);
            }
            c.check("sound, leader refuses " + BatchDefect.UNSUPPORTED_BATCH_TYPE).count(n -> n > 0);
            c.check("sound, leader refuses " + BatchDefect.UNKNOWN_COMPRESSION).count(n -> n > 0);
        });
    }

    @Property(tries = 300)
    void arbitraryBytesAgreeWithTheReference(@ForAll @Size(max = 300) byte[] bytes, @ForAll boolean verifyCrc) {
        assertAgrees(bytes, Long.MAX_VALUE, verifyCrc);
    }

    private static void assertAgrees(byte[] bytes, long batchBytesMax, boolean verifyCrc) {
        ReferenceBatchCheck.Verdict expected = ReferenceBatchCheck.check(bytes, batchBytesMax, verifyCrc);
        // A buffer that does not start at index 0 of its array, as a view of a request frame does not.
        ByteBuffer framed = ByteBuffer.allocate(bytes.length + 7).position(7);
        framed.put(bytes).flip().position(7);
        BatchScan.Result actual = BatchScan.scan(framed, batchBytesMax, verifyCrc);
        assertThat(framed.position()).as("the scan moves no position").isEqualTo(7);
        if (expected.defect() != null) {
            assertThat(actual).isInstanceOfSatisfying(BatchRefusal.class, r -> {
                assertThat(r.defect()).isEqualTo(expected.defect());
                assertThat(r.error()).isEqualTo(expected.defect().error());
                assertThat(r.reason()).isNotBlank();
            });
            return;
        }
        assertThat(actual).isInstanceOf(CheckedBatches.class);
        CheckedBatches checked = (CheckedBatches) actual;
        List<ReferenceBatchCheck.Batch> actualBatches = new ArrayList<>();
        for (CheckedBatch b : checked.batches()) {
            actualBatches.add(new ReferenceBatchCheck.Batch(b.position(), b.sizeInBytes(), b.offsetDelta(), b.lastOffsetDelta(),
                    b.baseOffset(), b.partitionLeaderEpoch(), b.attributes(), b.maxTimestamp(), b.producerId(),
                    b.producerEpoch(), b.baseSequence()));
        }
        assertThat(actualBatches).isEqualTo(expected.batches());
        assertThat(checked.leaderRefusal().map(BatchRefusal::defect).orElse(null)).isEqualTo(expected.leaderDefect());
        assertThat(checked.sizeInBytes()).isEqualTo(bytes.length);
        assertThat(ReferenceBatchCheck.bytesOf(checked.bytes())).isEqualTo(bytes);
        assertThat(checked.crcVerified()).isEqualTo(verifyCrc);
        long records = 0;
        int largest = 0;
        long maxTimestamp = -1;
        int deltaOfMax = -1;
        for (ReferenceBatchCheck.Batch b : expected.batches()) {
            if (b.maxTimestamp() > maxTimestamp) {
                maxTimestamp = b.maxTimestamp();
                deltaOfMax = b.offsetDelta();
            }
            records += b.lastOffsetDelta() + 1L;
            largest = Math.max(largest, b.size());
        }
        assertThat(checked.recordCount()).isEqualTo(records);
        assertThat(checked.largestBatchBytes()).isEqualTo(largest);
        assertThat(checked.maxTimestamp()).isEqualTo(maxTimestamp);
        assertThat(checked.offsetDeltaOfMaxTimestamp()).isEqualTo(deltaOfMax);
        for (CheckedBatch b : checked.batches()) {
            ByteBuffer all = checked.bytes();
            assertThat(b.lastSequence()).isEqualTo(BatchHeader.lastSequence(all, b.position()));
            assertThat(b.compression()).isEqualTo(BatchHeader.compression(all, b.position()));
            assertThat(b.isTransactional()).isEqualTo(BatchHeader.isTransactional(all, b.position()));
            assertThat(b.isControl()).isEqualTo(BatchHeader.isControl(all, b.position()));
        }
    }

    /** Mostly no limit that matters; sometimes one a batch may pass or not. */
    @Provide
    Arbitrary<Long> limits() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(Long.MAX_VALUE)),
                Tuple.of(1, Arbitraries.longs().between(61, 3_000)));
    }

    /** Runs of one to four sound batches with random producers, timestamps and flags. */
    @Provide
    Arbitrary<byte[]> runs() {
        Arbitrary<byte[]> batch = Arbitraries.longs().map(seed -> soundBatch(new Random(seed)));
        return batch.list().ofMinSize(1).ofMaxSize(4).map(BatchScanProperties::concat);
    }

    static byte[] soundBatch(Random random) {
        BatchBuilder b = new BatchBuilder();
        if (random.nextBoolean()) {
            // Sequences near the wrap point exercise lastSequence's wrap.
            int firstSequence = random.nextBoolean() ? random.nextInt(100) : Integer.MAX_VALUE - random.nextInt(5);
            b.producer(random.nextInt(1_000), (short) random.nextInt(5), firstSequence);
        }
        b.baseOffset(random.nextInt(1_000)).partitionLeaderEpoch(random.nextInt(10) - 1);
        b.transactional(random.nextInt(20) == 0).control(random.nextInt(20) == 0);
        if (random.nextInt(6) == 0) {
            b.logAppendTime(random.nextInt(1_000_000));
        }
        int records = 1 + random.nextInt(5);
        for (int i = 0; i < records; i++) {
            byte[] value = new byte[random.nextInt(200)];
            random.nextBytes(value);
            // Timestamps may be -1 (none), as old clients send.
            b.append(random.nextInt(4) == 0 ? -1L : random.nextInt(1_000_000), null, value);
        }
        ByteBuffer built = b.build();
        if (random.nextInt(5) == 0) {
            // A codec id, known (0-4) or not (5-7), with the CRC made right so only the codec is wrong.
            short attributes = (short) ((BatchHeader.attributes(built, 0) & ~0x07) | random.nextInt(8));
            built.putShort(BatchHeader.ATTRIBUTES, attributes);
            built.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(built, 0));
        }
        return ReferenceBatchCheck.bytesOf(built);
    }

    static byte[] damage(byte[] sound, Damage damage, Random random) {
        byte[] bytes = sound.clone();
        switch (damage) {
            case NONE -> {
            }
            case FLIP_BYTE -> bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
            case TRUNCATE -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case HEADER_FIELD -> {
                // A field of the first header the checks read: length, magic, last offset delta or count.
                int[] fields = {BatchHeader.BATCH_LENGTH, BatchHeader.MAGIC, BatchHeader.LAST_OFFSET_DELTA, BatchHeader.RECORD_COUNT};
                int field = fields[random.nextInt(fields.length)];
                ByteBuffer b = ByteBuffer.wrap(bytes);
                if (field == BatchHeader.MAGIC) {
                    b.put(field, (byte) random.nextInt(4));
                } else {
                    b.putInt(field, random.nextBoolean() ? random.nextInt() : b.getInt(field) + random.nextInt(5) - 2);
                }
            }
            case TRAILING_GARBAGE -> {
                byte[] garbage = new byte[1 + random.nextInt(80)];
                random.nextBytes(garbage);
                byte[] longer = Arrays.copyOf(bytes, bytes.length + garbage.length);
                System.arraycopy(garbage, 0, longer, bytes.length, garbage.length);
                bytes = longer;
            }
            case ATTRIBUTES_WITH_CRC -> {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                b.putShort(BatchHeader.ATTRIBUTES, (short) random.nextInt(0x40));
                b.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(b, 0));
            }
        }
        return bytes;
    }

    static byte[] concat(List<byte[]> parts) {
        int size = parts.stream().mapToInt(p -> p.length).sum();
        ByteBuffer out = ByteBuffer.allocate(size);
        parts.forEach(out::put);
        return out.array();
    }
}
