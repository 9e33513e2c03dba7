package io.tributary.broker.net.client;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tributary.broker.network.EventLoops;
import io.tributary.common.ErrorCode;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.RequestReader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Kafka-protocol server for tests: it reads requests with the wire module's server side
 * ({@link RequestReader} over an {@link ApiRegistry}) and lets the test decide, per request, what to do:
 * answer (now or later, in any order), answer with raw bytes, stay silent, or drop the connection.
 * ApiVersions at an unsupported version gets the KIP-511 answer from the reader, as in the broker.
 */
final class FakePeer implements AutoCloseable {

    /** What the test does with one request; called on the peer's event loop, so it must not block. */
    interface Handler {
        void handle(Exchange exchange);
    }

    /** One request and the means to answer it; the answer methods may be called from any thread. */
    static final class Exchange {
        private final FakePeer peer;
        private final Channel channel;
        private final ParsedRequest.Ok<?, ?> request;

        Exchange(FakePeer peer, Channel channel, ParsedRequest.Ok<?, ?> request) {
            this.peer = peer;
            this.channel = channel;
            this.request = request;
        }

        RequestHeader header() {
            return request.header();
        }

        Object body() {
            return request.body();
        }

        <T> T body(Class<T> type) {
            return type.cast(request.body());
        }

        List<io.tributary.wire.ApiVersionRange> advertised() {
            return peer.registry.advertised();
        }

        /**
         * Encodes {@code response} with the request's codec at the request's version and writes it.
         * From a test thread it returns only once the answer is written: Netty runs a loop's reads
         * before its queued tasks, so an answer merely queued could be overtaken by the answer to a
         * request the test sends next, and the client would see them out of order.
         */
        @SuppressWarnings("unchecked")
        void respond(Object response) {
            ApiCodec<Object, Object> codec = (ApiCodec<Object, Object>) request.codec();
            ResponseFrame frame = codec.encode(request.header(), response);
            if (channel.eventLoop().inEventLoop()) {
                write(channel, frame);
            } else {
                channel.eventLoop().submit(() -> write(channel, frame)).syncUninterruptibly();
            }
        }

        /** Answers every part of the request with {@code error}, as the broker does when it refuses a request. */
        @SuppressWarnings("unchecked")
        void respondError(ErrorCode error) {
            ApiCodec<Object, Object> codec = (ApiCodec<Object, Object>) request.codec();
            respond(codec.errorResponse(request.header(), request.body(), error));
        }

        /** Writes {@code bytes} as they are: the test supplies the size prefix (or a wrong one). */
        void respondRaw(ByteBuffer bytes) {
            channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }

        void closeConnection() {
            channel.close();
        }
    }

    /** Answers ApiVersions with the registry's ranges and hands every other request to {@code rest}. */
    static Handler withApiVersions(Handler rest) {
        return ex -> {
            if (ex.body() instanceof ApiVersionsRequest) {
                ex.respond(ApiVersionsResponse.of(ex.advertised()));
            } else {
                rest.handle(ex);
            }
        };
    }

    final ApiRegistry registry;
    private final RequestReader reader;
    private final Handler handler;
    private final EventLoopGroup group;
    private final Channel server;
    private final ChannelGroup children = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    /** Every request header read, in arrival order, ApiVersions included. */
    final List<RequestHeader> received = new CopyOnWriteArrayList<>();

    private FakePeer(ApiRegistry registry, Handler handler, int port) throws InterruptedException {
        this.registry = registry;
        this.reader = new RequestReader(registry);
        this.handler = handler;
        this.group = EventLoops.group(1, "fake-peer");
        this.server = new ServerBootstrap()
                .group(group)
                .channel(EventLoops.serverChannelClass())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        children.add(ch);
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(64 * 1024 * 1024, 0, 4, 0, 4));
                        ch.pipeline().addLast(new Requests());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    /** A peer on an ephemeral port of the loopback address. */
    static FakePeer start(ApiRegistry registry, Handler handler) throws InterruptedException {
        return new FakePeer(registry, handler, 0);
    }

    /** A peer on a given port (to come back where a stopped one was). */
    static FakePeer start(ApiRegistry registry, Handler handler, int port) throws InterruptedException {
        return new FakePeer(registry, handler, port);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    int openConnections() {
        return (int) children.stream().filter(Channel::isActive).count();
    }

    /** Closes every accepted connection and keeps listening. */
    void dropConnections() {
        children.close().syncUninterruptibly();
    }

    @Override
    public void close() {
        if (group.isShuttingDown()) {
            return;
        }
        server.close().syncUninterruptibly();
        children.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static void write(Channel ch, ResponseFrame frame) {
        for (RecordsSlice chunk : frame.chunks()) {
            if (chunk instanceof RecordsSlice.Buffer b) {
                ch.write(Unpooled.wrappedBuffer(b.bytes().duplicate()));
            } else {
                throw new IllegalArgumentException("the fake peer sends only in-memory chunks, got " + chunk);
            }
        }
        ch.flush();
    }

    private final class Requests extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            ByteBuffer frame = ByteBuffer.allocate(buf.readableBytes());
            buf.readBytes(frame);
            buf.release();
            frame.flip();
            ParsedRequest parsed = reader.read(frame);
            if (parsed instanceof ParsedRequest.Ok<?, ?> ok) {
                received.add(ok.header());
                handler.handle(new Exchange(FakePeer.this, ctx.channel(), ok));
            } else if (parsed instanceof ParsedRequest.UnsupportedVersion u) {
                received.add(u.header());
                if (u.apiVersionsReply() != null) {
                    write(ctx.channel(), u.apiVersionsReply());
                } else {
                    ctx.close();
                }
            } else {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
