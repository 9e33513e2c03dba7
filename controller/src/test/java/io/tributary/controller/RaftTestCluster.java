package io.tributary.controller;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.tributary.common.Time;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.quorum.ControllerPortSniffer;
import io.tributary.quorum.QuorumConfig;
import io.tributary.quorum.QuorumVoter;
import io.tributary.quorum.QuorumVoters;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * Controller nodes in one JVM, each a {@link ControllerDriver} over a {@link RaftMetadataLog}
 * behind its own CONTROLLER port (an ephemeral loopback port with the quorum's sniffer first), so
 * Raft traffic crosses the sniffer and relay as it will in the broker. A node's port stays bound
 * across stops and starts; only the driver and quorum behind it come and go.
 */
final class RaftTestCluster implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final List<Node> nodes = new ArrayList<>();
    final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    private final long sessionTimeoutMs;

    /** One controller node. */
    final class Node {
        final int id;
        final Channel serverChannel;
        final QuorumConfig config;
        volatile RaftMetadataLog log;
        /** The log the driver runs over: {@link #log}, with appends that a test can make fail. */
        volatile SlowCommitLog faults;
        volatile ControllerDriver driver;

        Node(int id, Channel serverChannel, QuorumConfig config) {
            this.id = id;
            this.serverChannel = serverChannel;
            this.config = config;
        }

        int ratisPort() {
            RaftMetadataLog l = log;
            return l == null ? -1 : l.ratisPort();
        }

        /** A fresh driver and quorum member over this node's directory (blocks while Ratis starts). */
        void start() throws Exception {
            RaftMetadataLog l = new RaftMetadataLog(config, fatalErrors::add);
            SlowCommitLog f = new SlowCommitLog(l);
            ControllerDriver d = new ControllerDriver(ControllerDriverConfig.of(id,
                    ControllerConfig.fromProperties(Map.of()).withBrokerSessionTimeoutMs(sessionTimeoutMs)), f, Time.SYSTEM,
                    new Random(id), fatalErrors::add);
            log = l;
            faults = f;
            driver = d;
            d.start();
        }

        CompletableFuture<Void> startAsync() {
            return CompletableFuture.runAsync(() -> {
                try {
                    start();
                } catch (Exception e) {
                    throw new IllegalStateException("node " + id + " did not start", e);
                }
            });
        }

        void stop() {
            ControllerDriver d = driver;
            driver = null;
            if (d != null) {
                d.close();
            }
            log = null;
            faults = null;
        }

        boolean running() {
            return driver != null;
        }
    }

    RaftTestCluster(Path root, int size, long sessionTimeoutMs, UnaryOperator<QuorumConfig.Builder> tweak) throws InterruptedException {
        this.sessionTimeoutMs = sessionTimeoutMs;
        List<Channel> channels = new ArrayList<>();
        List<QuorumVoter> voterList = new ArrayList<>();
        Node[] holder = new Node[size];
        for (int i = 0; i < size; i++) {
            int index = i;
            Channel ch = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast("sniffer", new ControllerPortSniffer(() -> {
                                Node n = holder[index];
                                return n == null ? -1 : n.ratisPort();
                            }));
                            c.pipeline().addLast("kafka", new CloseOnKafka());
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            channels.add(ch);
            voterList.add(new QuorumVoter(i + 1, "127.0.0.1", ((InetSocketAddress) ch.localAddress()).getPort()));
        }
        QuorumVoters voters = QuorumVoters.of(voterList);
        for (int i = 0; i < size; i++) {
            QuorumConfig config = tweak.apply(QuorumConfig.builder().nodeId(i + 1).voters(voters)
                    .dataDir(root.resolve("node-" + (i + 1)))).build();
            holder[i] = new Node(i + 1, channels.get(i), config);
            nodes.add(holder[i]);
        }
    }

    /** Starts every stopped node in parallel (fresh storage waits out the wiped-disk rule) and waits for an active controller. */
    Node startAll() {
        CompletableFuture.allOf(nodes.stream().filter(n -> !n.running()).map(Node::startAsync)
                .toArray(CompletableFuture[]::new)).join();
        return awaitActive();
    }

    Optional<Node> active() {
        return nodes.stream().filter(Node::running).filter(n -> n.driver.isActive()).findFirst();
    }

    Node awaitActive() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(this::active, Optional::isPresent).orElseThrow();
    }

    List<Node> running() {
        return nodes.stream().filter(Node::running).toList();
    }

    /** Stops every running node in parallel (a quorum member takes about a second to close). */
    void stopAll() {
        CompletableFuture.allOf(nodes.stream().filter(Node::running).map(n -> CompletableFuture.runAsync(n::stop))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void close() {
        stopAll();
        nodes.forEach(n -> n.serverChannel.close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Stands in for the Kafka pipeline: nothing speaks Kafka to these ports, so close whatever does. */
    static final class CloseOnKafka extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }
}
