package io.tributary.quorum;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntryCodecProperties {

    @Property(tries = 300)
    void entriesRoundTrip(@ForAll @LongRange(min = -1, max = Long.MAX_VALUE) long fenceTerm,
                          @ForAll @Size(max = 256) byte[] payload) {
        EntryCodec.Entry e = EntryCodec.decodeEntry(ByteBuffer.wrap(EntryCodec.encodeEntry(fenceTerm, payload)));
        assertThat(e.fenceTerm()).isEqualTo(fenceTerm);
        assertThat(e.payload()).isEqualTo(payload);
        assertThat(e.fenced()).isEqualTo(fenceTerm != EntryCodec.NO_FENCE);
    }

    @Property(tries = 300)
    void repliesRoundTrip(@ForAll boolean fenced, @ForAll @LongRange(min = 0) long index, @ForAll @LongRange(min = 0) long term) {
        EntryCodec.Outcome outcome = fenced ? EntryCodec.Outcome.FENCED : EntryCodec.Outcome.APPLIED;
        assertThat(EntryCodec.decodeReply(EntryCodec.encodeReply(outcome, index, term)))
                .isEqualTo(new EntryCodec.Reply(outcome, index, term));
    }

    /** Garbage either decodes to something well-formed or fails with the codec's own exception, never anything else. */
    @Property(tries = 1000)
    void garbageGetsAClearError(@ForAll @Size(max = 40) byte[] garbage) {
        try {
            EntryCodec.Entry e = EntryCodec.decodeEntry(ByteBuffer.wrap(garbage));
            assertThat(garbage[0]).isEqualTo(EntryCodec.VERSION);
            assertThat(e.fenceTerm()).isGreaterThanOrEqualTo(-1);
            assertThat(e.payload()).hasSize(garbage.length - EntryCodec.ENTRY_HEADER_BYTES);
        } catch (EntryCodec.MalformedEntryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            EntryCodec.Reply r = EntryCodec.decodeReply(garbage);
            assertThat(r.index()).isNotNegative();
            assertThat(r.term()).isNotNegative();
        } catch (EntryCodec.MalformedEntryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 50)
    void aFenceTermBelowMinusOneIsRefused(@ForAll @LongRange(min = Long.MIN_VALUE, max = -2) long bad) {
        assertThatThrownBy(() -> EntryCodec.encodeEntry(bad, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
