package io.tributary.broker.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Picks the transport: native epoll on Linux (true {@code sendfile}, fewer copies), Java NIO
 * elsewhere. NIO still avoids heap copies for file regions through {@code FileChannel.transferTo}.
 */
public final class EventLoops {

    private EventLoops() {
    }

    public static boolean epoll() {
        return Epoll.isAvailable() && !Boolean.getBoolean("tributary.network.nio");
    }

    public static String transportName() {
        return epoll() ? "epoll" : "nio";
    }

    public static EventLoopGroup group(int threads, String threadPrefix) {
        IoHandlerFactory factory = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), factory);
    }

    public static Class<? extends ServerChannel> serverChannelClass() {
        return epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
