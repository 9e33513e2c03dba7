package io.tributary.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.tributary.broker.config.Listener;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing network server: one listening socket per listener, a pool of event loops
 * ({@code num.network.threads}) shared by every connection, and a {@link ConnectionHandler} per
 * connection.
 *
 * <p>Lifecycle: {@link #bind} once → {@link #stopAccepting} → {@link #stopTakingRequests} → {@link #awaitDrained}
 * → {@link #close}.
 */
public final class NettyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NettyServer.class);

    /** A listener and the address it actually bound (the port is real even when the config said 0). */
    public record Bound(Listener listener, InetSocketAddress address) {
    }

    /**
     * What differs between the client listeners and the CONTROLLER listener.
     *
     * @param threadPrefix       names the event-loop threads ({@code <prefix>-N}) and the acceptor ({@code <prefix>-acceptor-N})
     * @param firstHandler       makes the handler that goes first in each connection's pipeline (the
     *                           CONTROLLER port's Raft sniffer), or null for none
     * @param onConnectionClosed told of every admitted connection that closed, on its event loop (must not block)
     */
    public record Hooks(String threadPrefix, Supplier<ChannelHandler> firstHandler, Consumer<ConnectionInfo> onConnectionClosed) {

        public static final Hooks CLIENTS = new Hooks("tributary-network", null, c -> { });

        public Hooks {
            Objects.requireNonNull(threadPrefix, "threadPrefix");
            Objects.requireNonNull(onConnectionClosed, "onConnectionClosed");
        }
    }

    private final NetworkSettings settings;
    private final FrameParser parser;
    private final RequestDispatcher dispatcher;
    private final ConnectionRegistry registry;
    private final Hooks hooks;
    private final ByteBufAllocator allocator;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final List<Bound> bound = new ArrayList<>();
    private boolean bindCalled;

    public NettyServer(NetworkSettings settings, FrameParser parser, RequestDispatcher dispatcher) {
        this(settings, parser, dispatcher, Hooks.CLIENTS);
    }

    public NettyServer(NetworkSettings settings, FrameParser parser, RequestDispatcher dispatcher, Hooks hooks) {
        this(settings, parser, dispatcher, hooks, null);
    }

    /**
     * @param allocator the connections' buffer allocator (request frames live in its buffers until
     *                  their requests are done), or null for Netty's default; tests pass one that counts
     */
    NettyServer(NetworkSettings settings, FrameParser parser, RequestDispatcher dispatcher, Hooks hooks, ByteBufAllocator allocator) {
        this.allocator = allocator;
        this.settings = settings;
        this.parser = parser;
        this.dispatcher = dispatcher;
        this.hooks = hooks;
        this.registry = new ConnectionRegistry(settings.maxConnections());
        this.acceptors = EventLoops.group(1, hooks == Hooks.CLIENTS ? "tributary-acceptor" : hooks.threadPrefix() + "-acceptor");
        this.workers = EventLoops.group(settings.networkThreads(), hooks.threadPrefix());
    }

    /** Binds every listener; on any failure nothing stays bound and the exception says which listener. */
    public synchronized List<Bound> bind(List<Listener> listeners) throws InterruptedException {
        if (bindCalled) {
            throw new IllegalStateException("bind called twice");
        }
        bindCalled = true;
        for (Listener l : listeners) {
            ServerBootstrap b = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(EventLoops.serverChannelClass())
                    .option(ChannelOption.SO_BACKLOG, settings.listenBacklog())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(initializer(l));
            if (allocator != null) {
                b.childOption(ChannelOption.ALLOCATOR, allocator);
            }
            if (settings.sendBufferBytes() != -1) {
                b.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
            }
            if (settings.receiveBufferBytes() != -1) {
                b.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
            }
            InetSocketAddress address = l.host().isEmpty() ? new InetSocketAddress(l.port()) : new InetSocketAddress(l.host(), l.port());
            Channel ch;
            try {
                ch = b.bind(address).sync().channel();
            } catch (Exception e) {
                closeServerChannels();
                throw new IllegalStateException("cannot bind listener " + l + ": " + BindFailure.describe(e), e);
            }
            serverChannels.add(ch);
            InetSocketAddress actual = (InetSocketAddress) ch.localAddress();
            bound.add(new Bound(l, actual));
            log.debug("Listener {} bound to {} ({})", l.name(), actual, EventLoops.transportName());
        }
        return List.copyOf(bound);
    }

    private ChannelInitializer<SocketChannel> initializer(Listener listener) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChannelPipeline p = ch.pipeline();
                if (hooks.firstHandler() != null) {
                    p.addLast("first", hooks.firstHandler().get());
                }
                if (settings.connectionsMaxIdleMs() > 0) {
                    p.addLast("idle", new IdleStateHandler(0, 0, settings.connectionsMaxIdleMs(), TimeUnit.MILLISECONDS));
                }
                p.addLast("frames", new FrameDecoder(settings.frameBytesMax()));
                p.addLast("requests", new ConnectionHandler(listener.name(), settings.queuedMaxRequests(), parser,
                        dispatcher, registry, hooks.onConnectionClosed()));
            }
        };
    }

    public synchronized List<Bound> bound() {
        return List.copyOf(bound);
    }

    public int openConnections() {
        return registry.openConnections();
    }

    public int requestsInFlight() {
        return registry.requestsInFlight();
    }

    /** Closes the listening sockets: no new connections; existing ones keep being served. */
    public synchronized void stopAccepting() {
        closeServerChannels();
    }

    /** Stops taking new requests on open connections; requests in flight are still answered. */
    public void stopTakingRequests() {
        registry.stopTakingRequests();
    }

    /** Waits up to {@code timeoutMs} for every request in flight to be answered; returns whether they were. */
    public boolean awaitDrained(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (registry.requestsInFlight() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            // A short park rather than a condition: this runs once, at shutdown, off the event loops.
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closeServerChannels();
        registry.closeAll();
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void closeServerChannels() {
        for (Channel ch : serverChannels) {
            ch.close().syncUninterruptibly();
        }
        serverChannels.clear();
    }
}
