package io.tributary.controller;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataFetchFramingProperties {

    @Property(tries = 300)
    void whatIsEncodedDecodesToTheSameEntries(@ForAll("answers") List<MetadataFetchEntry> entries) {
        ByteBuffer framed = MetadataFetchFraming.encode(entries);
        int position = framed.position();
        assertThat(MetadataFetchFraming.decode(framed)).isEqualTo(entries);
        assertThat(framed.position()).as("decode leaves the buffer alone").isEqualTo(position);
    }

    /** Fuzz: any bytes either decode to well-formed entries or fail with the framing exception, never anything else. */
    @Property(tries = 1000)
    void arbitraryBytesDecodeOrFailClearly(@ForAll @Size(max = 200) byte[] bytes) {
        List<MetadataFetchEntry> decoded;
        try {
            decoded = MetadataFetchFraming.decode(ByteBuffer.wrap(bytes));
        } catch (MetadataFetchFramingException e) {
            assertThat(e.getMessage()).contains("metadata fetch entry");
            return;
        }
        // Whatever decoded obeys the rules and re-encodes to exactly the input.
        assertThat(MetadataFetchFraming.encode(decoded)).isEqualTo(ByteBuffer.wrap(bytes));
    }

    /** Fuzz: a valid answer with one byte changed or cut short never fails with anything but the framing exception. */
    @Property(tries = 500)
    void damagedAnswersDecodeOrFailClearly(@ForAll("answers") List<MetadataFetchEntry> entries, @ForAll int where,
                                           @ForAll byte value, @ForAll boolean truncate) {
        ByteBuffer framed = MetadataFetchFraming.encode(entries);
        if (!framed.hasRemaining()) {
            return;
        }
        byte[] bytes = new byte[framed.remaining()];
        framed.get(bytes);
        int at = Math.floorMod(where, bytes.length);
        ByteBuffer damaged = truncate ? ByteBuffer.wrap(bytes, 0, at) : ByteBuffer.wrap(bytes);
        if (!truncate) {
            bytes[at] = value;
        }
        try {
            List<MetadataFetchEntry> decoded = MetadataFetchFraming.decode(damaged);
            assertThat(MetadataFetchFraming.encode(decoded)).isEqualTo(damaged);
        } catch (MetadataFetchFramingException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 50)
    void aSnapshotAfterTheFirstEntryOrOffsetsOutOfOrderAreRefusedWhenEncoding(@ForAll("answers") List<MetadataFetchEntry> entries) {
        List<MetadataFetchEntry> late = new ArrayList<>(entries);
        late.add(MetadataFetchEntry.snapshot(Long.MAX_VALUE, ByteBuffer.allocate(0)));
        if (!entries.isEmpty()) {
            assertThatThrownBy(() -> MetadataFetchFraming.encode(late)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("snapshot may only come first");
            List<MetadataFetchEntry> repeated = new ArrayList<>(entries);
            repeated.add(MetadataFetchEntry.batch(entries.get(entries.size() - 1).offset(), ByteBuffer.allocate(1)));
            assertThatThrownBy(() -> MetadataFetchFraming.encode(repeated)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not follow");
        }
    }

    @Provide
    Arbitrary<List<MetadataFetchEntry>> answers() {
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<Long> gaps = Arbitraries.longs().between(1, 1_000);
        Arbitrary<List<long[]>> steps = Arbitraries.longs().between(0, 1L << 40).flatMap(start ->
                gaps.list().ofMaxSize(8).map(g -> {
                    List<long[]> offsets = new ArrayList<>();
                    long o = start;
                    for (long gap : g) {
                        offsets.add(new long[] {o});
                        o += gap;
                    }
                    return offsets;
                }));
        return Combinators.combine(steps, payloads.list().ofSize(8), Arbitraries.of(true, false)).as((offsets, bodies, snapshotFirst) -> {
            List<MetadataFetchEntry> out = new ArrayList<>();
            for (int i = 0; i < offsets.size(); i++) {
                ByteBuffer payload = ByteBuffer.wrap(bodies.get(i));
                long offset = offsets.get(i)[0];
                out.add(i == 0 && snapshotFirst ? MetadataFetchEntry.snapshot(offset, payload) : MetadataFetchEntry.batch(offset, payload));
            }
            return out;
        });
    }
}
