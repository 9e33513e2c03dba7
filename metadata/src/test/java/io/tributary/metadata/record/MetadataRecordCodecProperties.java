package io.tributary.metadata.record;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataRecordCodecProperties {

    @Provide
    Arbitrary<MetadataRecord> records() {
        return RecordArbitraries.anyRecord();
    }

    @Provide
    Arbitrary<List<MetadataRecord>> batches() {
        return RecordArbitraries.anyRecord().list().ofMaxSize(20);
    }

    @Property(tries = 500)
    void everyRecordSurvivesARoundTrip(@ForAll("records") MetadataRecord record) {
        ByteBuffer bytes = MetadataRecordCodec.encode(record);
        assertThat(bytes.get(0) & 0xFF).isEqualTo(record.type().id());
        assertThat(MetadataRecordCodec.decode(bytes)).isEqualTo(record);
        assertThat(bytes.position()).as("decode does not move the caller's buffer").isZero();
    }

    @Property(tries = 200)
    void everyBatchSurvivesARoundTrip(@ForAll("batches") List<MetadataRecord> batch) {
        assertThat(MetadataBatchCodec.decode(MetadataBatchCodec.encode(batch))).isEqualTo(batch);
    }

    @Property(tries = 1000)
    void garbageDecodesOrFailsWithOurException(@ForAll byte[] garbage) {
        for (Runnable decode : List.<Runnable>of(
                () -> MetadataRecordCodec.decode(ByteBuffer.wrap(garbage)),
                () -> MetadataBatchCodec.decode(ByteBuffer.wrap(garbage)))) {
            try {
                decode.run();
            } catch (MetadataCodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 500)
    void corruptedRecordsDecodeOrFailWithOurException(@ForAll("records") MetadataRecord record,
                                                      @ForAll("flips") List<Integer> flips) {
        ByteBuffer bytes = MetadataRecordCodec.encode(record);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        for (int i = 0; i + 1 < flips.size(); i += 2) {
            int at = Math.floorMod(flips.get(i), array.length);
            array[at] ^= (byte) (flips.get(i + 1) | 1);
        }
        int cut = flips.isEmpty() ? array.length : Math.floorMod(flips.get(0), array.length + 1);
        for (ByteBuffer candidate : List.of(ByteBuffer.wrap(array), ByteBuffer.wrap(array, 0, cut))) {
            try {
                MetadataRecordCodec.decode(candidate);
            } catch (MetadataCodecException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Property(tries = 300)
    void aCorruptedBatchIsRefusedWhole(@ForAll("batches") List<MetadataRecord> batch, @ForAll int position, @ForAll byte mask) {
        ByteBuffer bytes = MetadataBatchCodec.encode(batch);
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        int at = Math.floorMod(position, array.length);
        byte flip = (byte) (mask == 0 ? 1 : mask);
        array[at] ^= flip;
        try {
            List<MetadataRecord> decoded = MetadataBatchCodec.decode(ByteBuffer.wrap(array));
            // Only a flip inside the record count can leave a batch readable, and never as different records.
            assertThat(decoded).isEqualTo(batch);
        } catch (MetadataCodecException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<List<Integer>> flips() {
        return Arbitraries.integers().list().ofMaxSize(6);
    }
}
