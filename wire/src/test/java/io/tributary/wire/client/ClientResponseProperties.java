package io.tributary.wire.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.wire.ClientCodec;
import io.tributary.wire.DecodeAllocation;
import io.tributary.wire.MalformedResponseException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The client codecs face the network too: a controller or leader that answers garbage must cost the
 * broker one connection, never an exception of another kind or an allocation the size of a hostile
 * length claim. Whatever the bytes, decoding returns a response or throws
 * {@link MalformedResponseException}.
 */
class ClientResponseProperties {

    /** A valid response frame (size prefix removed) and the codec and version that read it. */
    record Sample(ClientCodec<?, ?> codec, short version, ByteBuffer frame) {

        @Override
        public String toString() {
            return codec.name() + " v" + version;
        }
    }

    private static final List<Sample> CORPUS = corpus();

    private static List<Sample> corpus() {
        List<Sample> out = new ArrayList<>();
        for (ApiPair<?, ?> api : ClientSamples.all()) {
            for (short v = api.client().minVersion(); v <= api.client().maxVersion(); v++) {
                out.add(sample(api, v));
            }
        }
        return List.copyOf(out);
    }

    private static <Q, R> Sample sample(ApiPair<Q, R> api, short v) {
        return new Sample(api.client(), v, ClientRoundTripTest.withoutSizePrefix(
                api.server().encode(ClientRoundTripTest.header(api.client(), v), api.response(v))));
    }

    @Property(tries = 500)
    void randomBytesReadAsAResponseOrMalformed(@ForAll("samples") Sample s, @ForAll @Size(max = 300) byte[] bytes) {
        check(s, ByteBuffer.wrap(bytes));
    }

    @Property(tries = 500)
    void truncatedResponsesAreAlwaysMalformed(@ForAll("samples") Sample s, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
        ByteBuffer frame = s.frame().duplicate();
        frame.limit(frame.limit() - 1 - (cut - 1) % frame.remaining());
        assertThatThrownBy(() -> s.codec().decodeResponse(s.version(), frame)).isInstanceOf(MalformedResponseException.class);
    }

    @Property(tries = 500)
    void bitFlippedResponsesReadAsAResponseOrMalformed(@ForAll("samples") Sample s,
                                                       @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1 << 20) Integer> bits) {
        ByteBuffer frame = copy(s.frame());
        for (int bit : bits) {
            int at = (bit / 8) % frame.remaining();
            frame.put(at, (byte) (frame.get(at) ^ (1 << (bit % 8))));
        }
        check(s, frame);
    }

    @Property(tries = 500)
    void hugeLengthClaimsAreRefusedWithoutAllocating(@ForAll("samples") Sample s, @ForAll @IntRange(min = 4, max = 1 << 20) int offset,
                                                    @ForAll("hugeClaims") byte[] claim) {
        ByteBuffer frame = copy(s.frame());
        int at = 4 + offset % Math.max(1, frame.remaining() - 4);
        for (int i = 0; i < claim.length && at + i < frame.limit(); i++) {
            frame.put(at + i, claim[i]);
        }
        check(s, frame);
    }

    @Provide
    Arbitrary<Sample> samples() {
        return Arbitraries.of(CORPUS);
    }

    @Provide
    Arbitrary<byte[]> hugeClaims() {
        return Arbitraries.of(
                new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
                new byte[] {0x7f, (byte) 0xff},
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
                new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
                new byte[] {0x00, 0x10, 0x00, 0x00},
                new byte[] {(byte) 0x80, 0x00, 0x00, 0x00});
    }

    private static void check(Sample s, ByteBuffer frame) {
        Runnable decode = () -> {
            try {
                assertThat((Object) s.codec().decodeResponse(s.version(), frame.duplicate())).isNotNull();
            } catch (MalformedResponseException e) {
                assertThat(e.getMessage()).contains(s.codec().name());
            }
        };
        DecodeAllocation.assertBounded(frame.remaining(), decode, s + " response");
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
