package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchHeader;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Compressed batches whose payload was damaged after compression (a producer may send one: the CRC
 * covers the damaged bytes, and the broker does not decompress on produce). Opening one is an
 * {@link BatchCompression.UndecodableBatchException} or a batch whose every record parses, never
 * another exception; the cleaner survives a log holding one, keeps it whole, and loses nothing for it.
 */
class CompressedBatchFuzzProperties {

    /** A Kafka-compressed batch of 20 keyed records, its payload damaged by {@code mode}, header length and CRC made right again. */
    static ByteBuffer damaged(int codecIndex, long seed, int mode) {
        CompressedCompactionTest.Codec codec = CompressedCompactionTest.Codec.values()[codecIndex];
        ByteBuffer good = BatchCompressionTest.kafkaBatch(codec.compression, 20, 300, seed);
        Random random = new Random(seed);
        byte[] payload = new byte[good.remaining() - BatchHeader.SIZE];
        good.get(BatchHeader.SIZE, payload);
        switch (mode) {
            case 0 -> payload[random.nextInt(payload.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(8); i++) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> payload = java.util.Arrays.copyOf(payload, random.nextInt(payload.length));
            case 3 -> {
                int from = random.nextInt(payload.length);
                for (int i = from; i < payload.length; i++) {
                    payload[i] = (byte) random.nextInt(256);
                }
            }
            default -> payload[random.nextInt(Math.min(payload.length, 24))] ^= (byte) 0xFF;
        }
        ByteBuffer out = ByteBuffer.allocate(BatchHeader.SIZE + payload.length);
        out.put(good.duplicate().limit(BatchHeader.SIZE)).put(payload).flip();
        out.putInt(BatchHeader.BATCH_LENGTH, out.limit() - BatchHeader.LOG_OVERHEAD);
        out.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(out, 0));
        return out;
    }

    @Property(tries = 400, seed = "20261207")
    void aDamagedPayloadIsUndecodableOrParsesNeverACrash(@ForAll @IntRange(min = 0, max = 3) int codec, @ForAll long seed,
                                                         @ForAll @IntRange(min = 0, max = 4) int mode) {
        ByteBuffer batch = damaged(codec, seed, mode);
        try {
            ByteBuffer plain = BatchCompression.decompress(batch, 0, 1 << 20);
            assertThat(plain.limit()).isLessThanOrEqualTo(1 << 20);
        } catch (BatchCompression.UndecodableBatchException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 40, seed = "20261207")
    void theCleanerKeepsADamagedBatchWholeAndCarriesOn(@ForAll @IntRange(min = 0, max = 3) int codec, @ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 4) int mode) throws Exception {
        Path root = TempDirs.create("compressed-fuzz");
        ManualTime time = new ManualTime(1_700_000_000_000L);
        PartitionLog log = PartitionLog.open(root.resolve(CompactionProperties.TP.dirName()), CompactionProperties.TP,
                CompactionTest.compacted(1000), time, new ManualScheduler(time));
        try {
            ByteBuffer bad = damaged(codec, seed, mode);
            boolean undecodable;
            try {
                BatchCompression.decompress(bad, 0, BatchCompression.DECOMPRESSED_BYTES_MAX);
                undecodable = false;
            } catch (BatchCompression.UndecodableBatchException e) {
                undecodable = true;
            }
            log.appendAsLeader(CompactionTest.keyed(time.milliseconds(), "key-1", "old", "other", "kept"), 0);
            log.appendAsLeader(bad.duplicate(), 0);
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(CompactionTest.keyed(time.milliseconds(), "filler", "v" + i), 0);
            }
            LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(1 << 20),
                    () -> List.of(new LogCleaner.Cleanable(log, log::logEndOffset)), time);
            Compactor.Result r = cleaner.newCompactor().clean(log, LogCleaner.planFor(log, log.logEndOffset(), time.milliseconds()),
                    time.milliseconds());
            assertThat(r).isNotNull();
            List<ByteBuffer> batches = TestBatches.split(TestBatches.readAll(log, log.logStartOffset()));
            if (undecodable) {
                assertThat(r.batchesKeptUndecodable()).as("counted for the operator's line").isPositive();
                ByteBuffer stored = batches.stream().filter(b -> BatchHeader.baseOffset(b, 0) == 2).findFirst().orElseThrow();
                ByteBuffer expected = bad.duplicate();
                expected.putLong(BatchHeader.BASE_OFFSET, 2L).putInt(BatchHeader.PARTITION_LEADER_EPOCH, 0);
                assertThat(stored).as("kept whole, byte for byte").isEqualTo(expected);
                assertThat(BatchHeader.baseOffset(batches.get(0), 0)).as("its keys were not mapped: key-1=old stays").isZero();
                assertThat(BatchHeader.recordCount(batches.get(0), 0)).isEqualTo(2);
            }
        } finally {
            log.close();
            TempDirs.deleteRecursively(root);
        }
    }
}
