package io.tributary.broker.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.broker.config.Listener;
import io.tributary.broker.network.BindFailure;
import io.tributary.broker.network.EventLoops;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP listener ({@code http.listener}): {@code /metrics} and the console. It has its own event loop
 * (one thread) and two work threads, one for routes that answer from this broker alone and one for
 * routes that wait on other brokers ({@link HttpRoute#waitsOnPeers()}), so a slow scrape or a burst
 * of dashboards never touches the Kafka listeners' threads, and a console's fan-out never delays a
 * scrape or a peer's question. Every resource it holds is bounded: connections
 * ({@link #CONNECTIONS_MAX}), the request line and headers ({@link #REQUEST_LINE_BYTES_MAX},
 * {@link #HEADER_BYTES_MAX}), a request body ({@link #BODY_BYTES_MAX}), requests waiting for each work
 * thread ({@link #WORK_QUEUE_MAX}), and idle connections ({@link #IDLE_MS}).
 *
 * <p>Lifecycle: {@link #start} binds and returns the server; {@link #close} stops it (any thread, any
 * number of times).
 */
public final class HttpServer implements AutoCloseable {

    /** A scraper or two per broker, a handful of browsers: far more than enough, and a stop to runaways. */
    static final int CONNECTIONS_MAX = 64;
    static final int REQUEST_LINE_BYTES_MAX = 4096;
    static final int HEADER_BYTES_MAX = 8192;
    /** Routes are GETs; a body is never needed, so a small one is allowed and a large one refused (413). */
    static final int BODY_BYTES_MAX = 65536;
    static final int WORK_QUEUE_MAX = 16;
    static final long IDLE_MS = 60_000;

    private final EventLoopGroup loop;
    private final ThreadPoolExecutor work;
    private final ThreadPoolExecutor peerWork;
    private final HttpConnectionLimit limit = new HttpConnectionLimit(CONNECTIONS_MAX);
    private final Channel serverChannel;
    private final InetSocketAddress address;

    private HttpServer(Listener listener, HttpRouter router, String threadPrefix) throws InterruptedException {
        this.loop = EventLoops.group(1, threadPrefix);
        this.work = workThread(threadPrefix + "-work");
        this.peerWork = workThread(threadPrefix + "-peer-work");
        ServerBootstrap b = new ServerBootstrap()
                .group(loop)
                .channel(EventLoops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 64)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("limit", limit);
                        p.addLast("idle", new IdleStateHandler(0, 0, IDLE_MS, TimeUnit.MILLISECONDS));
                        p.addLast("codec", new HttpServerCodec(REQUEST_LINE_BYTES_MAX, HEADER_BYTES_MAX, BODY_BYTES_MAX));
                        p.addLast("aggregate", new HttpBodyBound(BODY_BYTES_MAX));
                        p.addLast("route", new HttpRequestHandler(router, work, peerWork));
                    }
                });
        InetSocketAddress bindTo = listener.host().isEmpty() ? new InetSocketAddress(listener.port())
                : new InetSocketAddress(listener.host(), listener.port());
        try {
            this.serverChannel = b.bind(bindTo).sync().channel();
        } catch (Exception e) {
            shutdown();
            throw new IllegalStateException("cannot bind the HTTP listener " + listener + ": " + BindFailure.describe(e), e);
        }
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    private static ThreadPoolExecutor workThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WORK_QUEUE_MAX), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds {@code listener} and serves {@code router}'s routes; threads are named {@code threadPrefix-*}. */
    public static HttpServer start(Listener listener, HttpRouter router, String threadPrefix) throws InterruptedException {
        return new HttpServer(listener, router, threadPrefix);
    }

    /** The address bound (the real port when the config said 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** Connections open now, for tests. */
    public int openConnections() {
        return limit.open();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        shutdown();
    }

    private void shutdown() {
        work.shutdownNow();
        peerWork.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
