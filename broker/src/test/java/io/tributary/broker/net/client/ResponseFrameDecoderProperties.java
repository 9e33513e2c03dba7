package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.wire.MalformedResponseException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ResponseFrameDecoderProperties {

    /** Collects what the decoder emits, and the exception it raises, if any. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        final List<byte[]> frames = new ArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuffer b = (ByteBuffer) msg;
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            frames.add(bytes);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            error.set(cause);
        }
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        // Sizes straddle the decoder's first allocation (64 KiB) so that growth is exercised.
        Arbitrary<byte[]> frame = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(200),
                Arbitraries.bytes().array(byte[].class).ofMinSize(60_000).ofMaxSize(200_000));
        return frame.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 60)
    void framesComeOutWholeAndInOrderHoweverTheBytesAreSplit(@ForAll("frames") List<byte[]> frames,
                                                             @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 70_000) Integer> cuts) {
        byte[] stream = concat(frames);
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseFrameDecoder(1 << 20), sink);

        int at = 0;
        for (int cut : cuts) {
            if (at >= stream.length) {
                break;
            }
            int n = Math.min(cut, stream.length - at);
            ch.writeInbound(Unpooled.wrappedBuffer(stream, at, n));
            at += n;
        }
        if (at < stream.length) {
            ch.writeInbound(Unpooled.wrappedBuffer(stream, at, stream.length - at));
        }

        assertThat(sink.error.get()).isNull();
        assertThat(sink.frames).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(sink.frames.get(i)).isEqualTo(frames.get(i));
        }
        ch.finishAndReleaseAll();
    }

    @Property(tries = 50)
    void aSizeOutsideTheBoundsRaisesMalformedAndEmitsNothingAfterIt(@ForAll @IntRange(min = 4, max = 100) int good,
                                                                   @ForAll("badSizes") int bad) {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseFrameDecoder(1000), sink);
        ByteBuf in = Unpooled.buffer();
        in.writeInt(good).writeZero(good).writeInt(bad).writeZero(64).writeInt(4).writeInt(7);

        ch.writeInbound(in);

        assertThat(sink.frames).hasSize(1);
        assertThat(sink.error.get()).isInstanceOf(MalformedResponseException.class);
        ch.finishAndReleaseAll();
    }

    @Provide
    Arbitrary<Integer> badSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(1001, Integer.MAX_VALUE),
                Arbitraries.integers().between(Integer.MIN_VALUE, 3));
    }

    @Example
    void theLimitItselfIsAccepted() {
        Sink sink = new Sink();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseFrameDecoder(1000), sink);
        ByteBuf in = Unpooled.buffer();
        in.writeInt(1000).writeZero(1000);

        ch.writeInbound(in);

        assertThat(sink.error.get()).isNull();
        assertThat(sink.frames).hasSize(1);
        assertThat(sink.frames.get(0)).hasSize(1000);
        ch.finishAndReleaseAll();
    }

    @Example
    void aHugeClaimCostsOnlyWhatArrived() {
        Sink sink = new Sink();
        ResponseFrameDecoder decoder = new ResponseFrameDecoder(Integer.MAX_VALUE);
        EmbeddedChannel ch = new EmbeddedChannel(decoder, sink);
        ByteBuf in = Unpooled.buffer();
        // Claims 2 GiB and sends ten bytes: without bounded growth this would try to allocate 2 GiB.
        in.writeInt(Integer.MAX_VALUE).writeZero(10);

        ch.writeInbound(in);

        assertThat(sink.error.get()).isNull();
        assertThat(sink.frames).isEmpty();
        ch.finishAndReleaseAll();
    }

    private static byte[] concat(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(f.length).array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }
}
