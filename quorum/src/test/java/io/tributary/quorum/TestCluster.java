package io.tributary.quorum;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Several quorum members in one JVM, each behind its own CONTROLLER port (a Netty server on an
 * ephemeral loopback port with the sniffer first), so all Raft traffic crosses the sniffer and
 * relay as it will in the broker.
 */
final class TestCluster implements AutoCloseable {

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final List<Node> nodes = new ArrayList<>();
    /** What reached the Kafka side of a CONTROLLER port; tests assert it stays empty. */
    final List<String> strayKafkaBytes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final QuorumVoters voters;

    /** One member: its port stays bound across stops and starts; only the Raft server behind it comes and goes. */
    final class Node {
        final int id;
        final Path dataDir;
        final Channel serverChannel;
        final QuorumConfig config;
        /** When each connection to this member's CONTROLLER port arrived (System.nanoTime), oldest first. */
        final List<Long> connectionsNs = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile RaftQuorum quorum;
        volatile RecordingListener listener;

        Node(int id, Path dataDir, Channel serverChannel, QuorumConfig config) {
            this.id = id;
            this.dataDir = dataDir;
            this.serverChannel = serverChannel;
            this.config = config;
        }

        int port() {
            return ((InetSocketAddress) serverChannel.localAddress()).getPort();
        }

        int ratisPort() {
            RaftQuorum q = quorum;
            return q == null ? -1 : q.ratisPort();
        }

        void start() throws IOException, InterruptedException {
            listener = new RecordingListener();
            quorum = RaftQuorum.start(config, listener);
        }

        CompletableFuture<Void> startAsync() {
            return CompletableFuture.runAsync(() -> {
                try {
                    start();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
        }

        void stop() {
            RaftQuorum q = quorum;
            quorum = null;
            if (q != null) {
                q.close();
            }
        }

        /**
         * Stops the member without handing leadership off, on another thread, and returns at once:
         * the Raft server stops answering within milliseconds, while the rest of Ratis's close
         * takes about a second that must not count as takeover time.
         */
        CompletableFuture<Void> crash() {
            RaftQuorum q = quorum;
            quorum = null;
            return CompletableFuture.runAsync(q::closeWithoutHandoff);
        }

        /** Like {@link #stop} (hand-off included), on another thread. */
        CompletableFuture<Void> stopAsync() {
            return CompletableFuture.runAsync(this::stop);
        }

        void wipe() throws IOException {
            if (quorum != null) {
                throw new IllegalStateException("stop node " + id + " before wiping it");
            }
            deleteRecursively(dataDir);
        }

        boolean running() {
            return quorum != null;
        }
    }

    TestCluster(Path root, int size, UnaryOperator<QuorumConfig.Builder> tweak) throws InterruptedException {
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
                            Node arrivedAt = holder[index];
                            if (arrivedAt != null) {
                                arrivedAt.connectionsNs.add(System.nanoTime());
                            }
                            c.pipeline().addLast("sniffer", new ControllerPortSniffer(() -> {
                                Node n = holder[index];
                                return n == null ? -1 : n.ratisPort();
                            }));
                            c.pipeline().addLast("kafka", new RefuseKafka(strayKafkaBytes));
                        }
                    })
                    .bind("127.0.0.1", 0).sync().channel();
            channels.add(ch);
            voterList.add(new QuorumVoter(i + 1, "127.0.0.1", ((InetSocketAddress) ch.localAddress()).getPort()));
        }
        this.voters = QuorumVoters.of(voterList);
        for (int i = 0; i < size; i++) {
            Path dir = root.resolve("node-" + (i + 1));
            QuorumConfig config = tweak.apply(QuorumConfig.builder().nodeId(i + 1).voters(voters).dataDir(dir)).build();
            holder[i] = new Node(i + 1, dir, channels.get(i), config);
            nodes.add(holder[i]);
        }
    }

    /** Starts every member in parallel (a fresh member waits out the wiped-disk rule) and waits for a leader. */
    Node startAll() {
        CompletableFuture.allOf(nodes.stream().filter(n -> !n.running()).map(Node::startAsync)
                .toArray(CompletableFuture[]::new)).join();
        return awaitLeader();
    }

    Node node(int id) {
        return nodes.get(id - 1);
    }

    Optional<Node> leader() {
        return nodes.stream().filter(Node::running).filter(n -> n.quorum.isLeader()).findFirst();
    }

    Node awaitLeader() {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5))
                .until(this::leader, Optional::isPresent).orElseThrow();
    }

    List<Node> running() {
        return nodes.stream().filter(Node::running).toList();
    }

    QuorumVoters voters() {
        return voters;
    }

    /** Stops every running member in parallel (a Ratis server takes about a second to close). */
    void stopAll() {
        CompletableFuture.allOf(nodes.stream().filter(Node::running).map(n -> CompletableFuture.runAsync(n::stop))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void close() {
        stopAll();
        nodes.forEach(n -> n.serverChannel.close().syncUninterruptibly());
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Stands in for the Kafka pipeline: no Kafka client talks to these ports, so any byte here is a bug. */
    static final class RefuseKafka extends ChannelInboundHandlerAdapter {
        private final List<String> seen;

        RefuseKafka(List<String> seen) {
            this.seen = seen;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            seen.add("channelActive on " + ctx.channel());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            int n = msg instanceof ByteBuf b ? b.readableBytes() : -1;
            ReferenceCountUtil.release(msg);
            seen.add(n + " bytes on " + ctx.channel());
            ctx.close();
        }
    }
}
