package io.tributary.broker.net.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.tributary.broker.network.EventLoops;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Opens {@link NodeConnection}s: the Netty event loops client connections run on, with the same
 * transport choice as the broker's server ({@link EventLoops}: epoll on Linux, NIO elsewhere).
 *
 * <p>A transport either owns its event loops ({@link #create}), and stops them on {@link #close}, or
 * borrows the broker's ({@link #using}), and leaves them running. Thread-safe.
 */
public final class ClientTransport implements AutoCloseable {

    private static final AttributeKey<NodeConnection> CONNECTION = AttributeKey.valueOf("tributary.nodeConnection");

    private final EventLoopGroup group;
    private final boolean ownsGroup;

    private ClientTransport(EventLoopGroup group, boolean ownsGroup) {
        this.group = group;
        this.ownsGroup = ownsGroup;
    }

    /** A transport with {@code threads} event loops of its own, named {@code threadPrefix-N}. */
    public static ClientTransport create(int threads, String threadPrefix) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, was " + threads);
        }
        return new ClientTransport(EventLoops.group(threads, threadPrefix), true);
    }

    /** A transport on event loops made by {@link EventLoops#group} that the caller keeps and stops. */
    public static ClientTransport using(EventLoopGroup group) {
        return new ClientTransport(group, false);
    }

    /**
     * Connects to {@code host:port} and runs the ApiVersions handshake. The future completes with a
     * ready connection, or fails with {@link DisconnectedException} (the connect failed or timed out
     * after {@link ClientSettings#connectTimeoutMs()}, or the peer went away), {@link RequestTimeoutException}
     * (no ApiVersions answer within {@link ClientSettings#requestTimeoutMs()}) or
     * {@link UnsupportedVersionException}; a connection that fails its handshake is closed.
     * Cancelling the future closes the connection if it is still being set up.
     */
    public CompletableFuture<NodeConnection> connect(String host, int port, ClientSettings settings) {
        String peer = host + ":" + port;
        CompletableFuture<NodeConnection> result = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(EventLoops.epoll() ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        NodeConnection c = new NodeConnection(ch, peer, settings);
                        ch.attr(CONNECTION).set(c);
                        ch.pipeline().addLast("frames", new ResponseFrameDecoder(settings.responseBytesMax()));
                        ch.pipeline().addLast("responses", c.inboundHandler());
                    }
                });
        ChannelFuture connecting;
        try {
            connecting = b.connect(host, port);
        } catch (RuntimeException e) {
            // The event loops have stopped (the transport is closed).
            result.completeExceptionally(new DisconnectedException("cannot connect to " + peer + ": " + e, e, false));
            return result;
        }
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                f.channel().close();
                result.completeExceptionally(new DisconnectedException("cannot connect to " + peer + ": " + f.cause(), f.cause(), false));
                return;
            }
            NodeConnection c = f.channel().attr(CONNECTION).get();
            ApiVersionsHandshake.run(c, settings.requestTimeoutMs()).whenComplete((versions, err) -> {
                if (err != null) {
                    Throwable cause = Futures.unwrap(err);
                    c.close(cause);
                    result.completeExceptionally(cause);
                    return;
                }
                c.handshakeDone(versions);
                if (!result.complete(c)) {
                    // The caller gave up (cancelled) while the handshake ran; nobody will use or close it.
                    c.close();
                }
            });
        });
        result.whenComplete((c, err) -> {
            if (result.isCancelled()) {
                connecting.channel().close();
            }
        });
        return result;
    }

    /** Timers for owners of connections (backoff, deadlines); they run on this transport's event loops. */
    public ScheduledExecutorService scheduler() {
        return group;
    }

    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
