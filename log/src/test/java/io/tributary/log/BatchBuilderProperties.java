package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchScan;
import io.tributary.common.records.CheckedBatches;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;

/** Round trips through {@link BatchBuilder} and Kafka's reader, and fuzzing of our record reader. */
class BatchBuilderProperties {

    record Rec(long ts, byte[] key, byte[] value, List<BatchBuilder.Header> headers) { }

    @Provide
    Arbitrary<List<Rec>> recs() {
        return rec().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<Rec>> fewRecs() {
        return rec().list().ofMinSize(1).ofMaxSize(5);
    }

    static Arbitrary<Rec> rec() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(200).injectNull(0.2);
        Arbitrary<BatchBuilder.Header> header = Combinators.combine(
                Arbitraries.strings().ofMaxLength(10), bytes).as(BatchBuilder.Header::new);
        return Combinators.combine(
                Arbitraries.longs().between(-1, Long.MAX_VALUE / 4), bytes, bytes, header.list().ofMaxSize(3))
                .as(Rec::new);
    }

    @Property(tries = 200)
    void kafkaAndWeReadBackWhatWasWritten(@ForAll("recs") List<Rec> recs,
                                          @ForAll @IntRange(min = 0, max = 1_000_000) int baseOffset) {
        BatchBuilder b = new BatchBuilder(16).baseOffset(baseOffset);
        for (Rec r : recs) {
            b.append(r.ts, r.key, r.value, r.headers.toArray(new BatchBuilder.Header[0]));
        }
        ByteBuffer batch = b.build();
        assertThat(batch.remaining()).isEqualTo(b.sizeInBytes());
        assertThat(BatchScan.scan(batch.duplicate(), Integer.MAX_VALUE, true)).isInstanceOf(CheckedBatches.class);

        MutableRecordBatch kb = MemoryRecords.readableRecords(batch.duplicate()).batches().iterator().next();
        kb.ensureValid();
        List<Record> theirs = new ArrayList<>();
        kb.forEach(theirs::add);
        List<BatchBuilder.Record> ours = BatchBuilder.readAll(batch.duplicate());
        assertThat(theirs).hasSize(recs.size());
        assertThat(ours).hasSize(recs.size());
        for (int i = 0; i < recs.size(); i++) {
            Rec r = recs.get(i);
            assertThat(theirs.get(i).offset()).isEqualTo(baseOffset + i);
            assertThat(theirs.get(i).timestamp()).isEqualTo(r.ts);
            assertThat(ours.get(i).offset()).isEqualTo(baseOffset + i);
            assertThat(ours.get(i).timestamp()).isEqualTo(r.ts);
            assertThat(ours.get(i).keyBytes()).isEqualTo(r.key);
            assertThat(ours.get(i).valueBytes()).isEqualTo(r.value);
            assertThat(ours.get(i).headers()).isEqualTo(r.headers);
            assertThat(theirs.get(i).headers()).hasSize(r.headers.size());
            for (int h = 0; h < r.headers.size(); h++) {
                assertThat(theirs.get(i).headers()[h].key()).isEqualTo(r.headers.get(h).key());
                assertThat(theirs.get(i).headers()[h].value()).isEqualTo(r.headers.get(h).value());
            }
        }
    }

    /** A damaged batch is either read (the damage hit bytes the reader does not interpret) or refused cleanly. */
    @Property(tries = 300)
    void readerNeverFailsUncleanlyOnDamagedBytes(@ForAll("fewRecs") List<Rec> recs,
                                                 @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                 @ForAll byte with) {
        BatchBuilder b = new BatchBuilder();
        for (Rec r : recs) {
            b.append(r.ts, r.key, r.value, r.headers.toArray(new BatchBuilder.Header[0]));
        }
        ByteBuffer batch = b.build();
        byte[] bytes = Arrays.copyOf(batch.array(), batch.remaining());
        bytes[where % bytes.length] = with;
        try {
            List<BatchBuilder.Record> read = BatchBuilder.readAll(ByteBuffer.wrap(bytes));
            assertThat(read.size()).isLessThanOrEqualTo(Math.max(recs.size(), bytes.length));
        } catch (IllegalArgumentException | UnsupportedOperationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
