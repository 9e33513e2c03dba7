package io.tributary.quorum;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ControllerPortSnifferTest {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Channel> servers = new ArrayList<>();
    /** What the Kafka side of the CONTROLLER pipeline saw, in order. */
    private final List<String> kafkaEvents = new CopyOnWriteArrayList<>();
    private int backendPort;

    @BeforeEach
    void startBackend() throws InterruptedException {
        // Stands in for the local Ratis server: echoes every byte.
        Channel backend = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ctx.writeAndFlush(msg);
                            }
                        });
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        servers.add(backend);
        backendPort = ((InetSocketAddress) backend.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        servers.forEach(s -> s.close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The Kafka stand-in: records what it sees and echoes bytes back. With auto-read off it asks for reads. */
    private final class KafkaEcho extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            kafkaEvents.add("active");
            if (!ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            kafkaEvents.add("read " + b.readableBytes() + (ctx.pipeline().get(ControllerPortSniffer.class) == null
                    ? "" : " (sniffer still in the pipeline)"));
            ctx.writeAndFlush(msg);
            if (!ctx.channel().config().isAutoRead()) {
                ctx.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            kafkaEvents.add("inactive");
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            kafkaEvents.add("removed");
        }
    }

    private int controllerPort(IntSupplier ratisPort, long sniffTimeoutMs, boolean autoRead) throws InterruptedException {
        Channel front = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, autoRead)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast("sniffer", new ControllerPortSniffer(ratisPort, sniffTimeoutMs));
                        c.pipeline().addLast("kafka", new KafkaEcho());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        servers.add(front);
        return ((InetSocketAddress) front.localAddress()).getPort();
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        return s;
    }

    /** A Kafka ApiVersions v3 request frame, as a Java client sends it first. */
    private static byte[] kafkaFrame() {
        byte[] clientId = "adminclient-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(64);
        body.putShort((short) 18).putShort((short) 3).putInt(7).putShort((short) clientId.length).put(clientId)
                .put((byte) 0) // header tagged fields
                .put((byte) 8).put("kafkajs".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put((byte) 6).put("2.2.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put((byte) 0);
        body.flip();
        ByteBuffer frame = ByteBuffer.allocate(4 + body.remaining());
        frame.putInt(body.remaining()).put(body);
        return frame.array();
    }

    @ParameterizedTest(name = "autoRead={0}")
    @ValueSource(booleans = {true, false})
    void aKafkaFramePassesThroughUntouched(boolean autoRead) throws Exception {
        int port = controllerPort(() -> backendPort, ControllerPortSniffer.DEFAULT_SNIFF_TIMEOUT_MS, autoRead);
        byte[] frame = kafkaFrame();
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            // The size's first byte alone already decides; the rest follows in a second write.
            out.write(frame, 0, 1);
            out.flush();
            out.write(frame, 1, frame.length - 1);
            out.flush();
            byte[] echoed = new DataInputStream(s.getInputStream()).readNBytes(frame.length);
            assertThat(echoed).isEqualTo(frame);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> kafkaEvents.contains("inactive"));
        assertThat(kafkaEvents.get(0)).isEqualTo("active");
        assertThat(kafkaEvents).noneMatch(e -> e.contains("sniffer still"));
        int read = kafkaEvents.stream().filter(e -> e.startsWith("read ")).mapToInt(e -> Integer.parseInt(e.substring(5))).sum();
        assertThat(read).isEqualTo(frame.length);
    }

    @Test
    void anHttp2PrefaceIsRelayedByteForByteAndTheKafkaHandlersNeverSeeTheConnection() throws Exception {
        int port = controllerPort(() -> backendPort, ControllerPortSniffer.DEFAULT_SNIFF_TIMEOUT_MS, true);
        byte[] payload = new byte[256 * 1024];
        new Random(42).nextBytes(payload);
        byte[] sent = concat(ControllerPortSniffer.HTTP2_PREFACE, payload);
        try (Socket s = connect(port)) {
            OutputStream out = s.getOutputStream();
            // The preface split across writes still counts.
            out.write(sent, 0, 5);
            out.flush();
            out.write(sent, 5, 10);
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    out.write(sent, 15, sent.length - 15);
                    out.flush();
                } catch (IOException e) {
                    // The read below fails too.
                }
            });
            writer.start();
            byte[] echoed = new DataInputStream(s.getInputStream()).readNBytes(sent.length);
            writer.join();
            assertThat(echoed).isEqualTo(sent);
        }
        // The Kafka handler was taken out of the pipeline and saw nothing else.
        await().atMost(Duration.ofSeconds(5)).until(() -> kafkaEvents.contains("removed"));
        assertThat(kafkaEvents).containsExactly("removed");
    }

    @Test
    void aRaftConnectionIsClosedWhileTheRaftServerIsNotRunning() throws Exception {
        int port = controllerPort(() -> -1, ControllerPortSniffer.DEFAULT_SNIFF_TIMEOUT_MS, true);
        try (Socket s = connect(port)) {
            s.getOutputStream().write(ControllerPortSniffer.HTTP2_PREFACE);
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertKafkaSideSawNothing();
    }

    /** Closing a channel removes its handlers, so "removed" is the one event the Kafka side may see. */
    private void assertKafkaSideSawNothing() {
        assertThat(kafkaEvents).allMatch("removed"::equals);
    }

    @Test
    void aConnectionThatNeverDecidesIsClosedAfterTheSniffTimeout() throws Exception {
        int port = controllerPort(() -> backendPort, 200, true);
        try (Socket s = connect(port)) {
            // A prefix of the preface: not enough to decide.
            s.getOutputStream().write(Arrays.copyOf(ControllerPortSniffer.HTTP2_PREFACE, 10));
            s.getOutputStream().flush();
            long t0 = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(9_000);
        }
        assertKafkaSideSawNothing();
    }

    @Test
    void theRelayAddsLittleLatency() throws Exception {
        int port = controllerPort(() -> backendPort, ControllerPortSniffer.DEFAULT_SNIFF_TIMEOUT_MS, true);
        int rounds = 2000;
        long[] direct;
        long[] relayed;
        try (Socket d = connect(backendPort); Socket r = connect(port)) {
            r.getOutputStream().write(ControllerPortSniffer.HTTP2_PREFACE);
            r.getOutputStream().flush();
            new DataInputStream(r.getInputStream()).readNBytes(ControllerPortSniffer.HTTP2_PREFACE.length);
            pingPong(d, 200); // warm-up
            pingPong(r, 200);
            direct = pingPong(d, rounds);
            relayed = pingPong(r, rounds);
        }
        long directMedian = percentile(direct, 50);
        long relayedMedian = percentile(relayed, 50);
        System.out.printf("RELAY LATENCY round trip of 128 bytes over loopback: direct median=%d us p99=%d us; "
                        + "through the relay median=%d us p99=%d us; added median=%d us%n",
                directMedian / 1000, percentile(direct, 99) / 1000, relayedMedian / 1000, percentile(relayed, 99) / 1000,
                (relayedMedian - directMedian) / 1000);
        // Not a timing assertion (the machine is shared): only that every round trip came back.
        assertThat(Arrays.stream(relayed).allMatch(ns -> ns > 0)).isTrue();
        assertThat(relayed).hasSize(rounds);
    }

    private static long[] pingPong(Socket s, int rounds) throws IOException {
        byte[] msg = new byte[128];
        new Random(7).nextBytes(msg);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long[] ns = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            out.write(msg);
            out.flush();
            byte[] back = in.readNBytes(msg.length);
            ns[i] = System.nanoTime() - t0;
            if (!Arrays.equals(back, msg)) {
                throw new AssertionError("echo mismatch in round " + i);
            }
        }
        return ns;
    }

    private static long percentile(long[] values, int p) {
        List<Long> sorted = new ArrayList<>();
        for (long v : values) {
            sorted.add(v);
        }
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    @Test
    void classifyDecidesOnTheFirstDifferentByte() {
        assertThat(ControllerPortSniffer.classify(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {0}))).isEqualTo(ControllerPortSniffer.Verdict.KAFKA);
        assertThat(ControllerPortSniffer.classify(io.netty.buffer.Unpooled.wrappedBuffer("PRI".getBytes(java.nio.charset.StandardCharsets.US_ASCII))))
                .isEqualTo(ControllerPortSniffer.Verdict.NEED_MORE);
        assertThat(ControllerPortSniffer.classify(io.netty.buffer.Unpooled.wrappedBuffer(ControllerPortSniffer.HTTP2_PREFACE)))
                .isEqualTo(ControllerPortSniffer.Verdict.RAFT);
        assertThat(ByteBufUtil.hexDump(ControllerPortSniffer.HTTP2_PREFACE)).startsWith("50524920");
    }
}
