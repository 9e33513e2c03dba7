package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The reader faces the network: whatever the bytes, it must answer Ok, UnsupportedVersion or a
 * Malformed with a reason, never throw, and never allocate far beyond the frame's own size (a length
 * claim inside the frame must be checked against the bytes that are really there).
 */
class RequestReaderProperties {

    private static final List<ByteBuffer> CORPUS = SampleRequests.frames();
    private static final RequestReader READER = new RequestReader(KafkaWire.EVERY_CODEC);

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        check(ByteBuffer.wrap(bytes));
    }

    @Property(tries = 1000)
    void randomBodiesBehindValidHeadersNeverThrow(@ForAll("validFrames") ByteBuffer valid, @ForAll @Size(max = 200) byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(8 + body.length);
        frame.put(valid.duplicate().limit(valid.position() + 8)).put(body).flip();
        check(frame);
    }

    @Property(tries = 1000)
    void truncatedValidRequestsNeverThrow(@ForAll("validFrames") ByteBuffer valid, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        ByteBuffer frame = valid.duplicate();
        frame.limit(Math.max(0, frame.limit() - 1 - cut % Math.max(1, frame.remaining())));
        ParsedRequest p = check(frame);
        assertThat(p).isNotNull();
    }

    @Property(tries = 1000)
    void bitFlippedValidRequestsNeverThrow(@ForAll("validFrames") ByteBuffer valid,
                                           @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1 << 20) Integer> bits) {
        ByteBuffer frame = copy(valid);
        for (int bit : bits) {
            int at = (bit / 8) % frame.remaining();
            frame.put(at, (byte) (frame.get(at) ^ (1 << (bit % 8))));
        }
        check(frame);
    }

    @Property(tries = 1000)
    void hugeLengthClaimsAreRefusedWithoutAllocating(@ForAll("validFrames") ByteBuffer valid,
                                                    @ForAll @IntRange(min = 8, max = 1 << 20) int offset,
                                                    @ForAll("hugeClaims") byte[] claim) {
        // Overwrite a few bytes somewhere past the fixed header with what would read as a huge array
        // count, string length or varint: wherever it lands, the reader must not believe it.
        ByteBuffer frame = copy(valid);
        int at = 8 + offset % Math.max(1, frame.remaining() - 8);
        for (int i = 0; i < claim.length && at + i < frame.limit(); i++) {
            frame.put(at + i, claim[i]);
        }
        check(frame);
    }

    @Property(tries = 200)
    void validRequestsReadAsOk(@ForAll("validFrames") ByteBuffer valid) {
        assertThat(check(valid)).isInstanceOf(ParsedRequest.Ok.class);
    }

    @Provide
    Arbitrary<ByteBuffer> validFrames() {
        return Arbitraries.of(CORPUS);
    }

    @Provide
    Arbitrary<byte[]> hugeClaims() {
        return Arbitraries.of(
                new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},              // int32 max: a classic array count
                new byte[] {0x7f, (byte) 0xff},                                        // int16 max: a string length
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, // uvarint 2^31-1: a compact length
                new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, // uvarint with the top bit set
                new byte[] {0x00, 0x10, 0x00, 0x00},                                   // 1 Mi elements
                new byte[] {(byte) 0x80, 0x00, 0x00, 0x00});                           // int32 min
    }

    private static ParsedRequest check(ByteBuffer frame) {
        ParsedRequest p = READER.read(frame.duplicate());
        assertThat(p).isNotNull();
        if (p instanceof ParsedRequest.Malformed m) {
            assertThat(m.reason()).isNotBlank();
        }
        DecodeAllocation.assertBounded(frame.remaining(), () -> READER.read(frame.duplicate()), p.toString());
        return p;
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }
}
