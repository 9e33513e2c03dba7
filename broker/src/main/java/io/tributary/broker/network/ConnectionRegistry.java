package io.tributary.broker.network;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every open client connection: gives each an id, enforces {@code max.connections}, counts requests
 * in flight across all of them (so shutdown can wait for them to drain), and closes them all at the end.
 */
final class ConnectionRegistry {

    private final int maxConnections;
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ChannelGroup channels = new DefaultChannelGroup("tributary-clients", GlobalEventExecutor.INSTANCE);
    private volatile boolean stopped;

    ConnectionRegistry(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** Admits a new connection, or returns -1 when {@code max.connections} are already open. */
    long admit(Channel channel) {
        while (true) {
            int n = open.get();
            if (n >= maxConnections) {
                return -1;
            }
            if (open.compareAndSet(n, n + 1)) {
                break;
            }
        }
        channels.add(channel);
        return nextId.getAndIncrement();
    }

    void release() {
        int n = open.decrementAndGet();
        if (n < 0) {
            throw new IllegalStateException("connection count went negative");
        }
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestsFinished(int n) {
        if (inFlight.addAndGet(-n) < 0) {
            throw new IllegalStateException("in-flight request count went negative");
        }
    }

    int openConnections() {
        return open.get();
    }

    int requestsInFlight() {
        return inFlight.get();
    }

    /** From now on connections take no new requests; those in flight still get their answers. */
    void stopTakingRequests() {
        stopped = true;
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> ch.config().setAutoRead(false));
        }
    }

    boolean takingRequests() {
        return !stopped;
    }

    void closeAll() {
        channels.close().awaitUninterruptibly();
    }
}
