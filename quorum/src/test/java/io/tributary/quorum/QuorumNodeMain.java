package io.tributary.quorum;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One quorum member in its own JVM, for {@link QuorumProcessTest}: a CONTROLLER port (Netty, sniffer
 * first) and a {@link RaftQuorum} behind it, driven by lines on stdin and answering on stdout.
 *
 * <pre>
 *   args: nodeId dataDir port(0 = ephemeral)
 *   out:  PORT p                        once the port is bound
 *   in:   START voters                  out: STARTED startDelayMs
 *   in:   APPEND id payload             out: R id OK index | R id NOTLEADER hint | R id ERR message
 *   in:   STATE id                      out: R id STATE count csv
 *   in:   EXIT                          closes the quorum and exits
 * </pre>
 */
public final class QuorumNodeMain {

    private static final PrintStream OUT = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            StandardCharsets.UTF_8);

    private QuorumNodeMain() {
    }

    private static synchronized void emit(String line) {
        OUT.println(line);
    }

    public static void main(String[] args) throws Exception {
        int nodeId = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]);
        int port = Integer.parseInt(args[2]);
        List<String> state = new CopyOnWriteArrayList<>();
        RaftQuorum[] quorum = new RaftQuorum[1];
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new ControllerPortSniffer(() -> quorum[0] == null ? -1 : quorum[0].ratisPort()));
                        c.pipeline().addLast(new TestCluster.RefuseKafka(new ArrayList<>()));
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
        emit("PORT " + ((InetSocketAddress) server.localAddress()).getPort());

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String[] parts = line.split(" ", 3);
            switch (parts[0]) {
                case "START" -> {
                    QuorumConfig config = QuorumConfig.builder().nodeId(nodeId).voters(parts[1]).dataDir(dataDir).build();
                    quorum[0] = RaftQuorum.start(config, new StateListener(state));
                    emit("STARTED " + quorum[0].startDelayMs());
                }
                case "APPEND" -> {
                    String id = parts[1];
                    quorum[0].append(parts[2].getBytes(StandardCharsets.UTF_8)).whenComplete((index, error) -> {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        if (cause == null) {
                            emit("R " + id + " OK " + index);
                        } else if (cause instanceof NotLeaderException nle) {
                            emit("R " + id + " NOTLEADER " + nle.leaderHint().orElse(-1));
                        } else {
                            emit("R " + id + " ERR " + String.valueOf(cause).replace('\n', ' '));
                        }
                    });
                }
                case "STATE" -> emit("R " + parts[1] + " STATE " + state.size() + " " + String.join(",", state));
                case "EXIT" -> {
                    if (quorum[0] != null) {
                        quorum[0].close();
                    }
                    server.close().sync();
                    group.shutdownGracefully().sync();
                    System.exit(0);
                }
                default -> emit("ERR unknown command " + line);
            }
        }
    }

    /** Keeps the entries as strings; snapshots are the strings joined by newlines. */
    private static final class StateListener implements QuorumListener {
        private final List<String> state;

        StateListener(List<String> state) {
            this.state = state;
        }

        @Override
        public void onCommit(long index, long term, byte[] entry) {
            state.add(new String(entry, StandardCharsets.UTF_8));
        }

        @Override
        public void onLeaderChange(int leaderId, long term, boolean isLocal) {
            emit("LEADER " + leaderId + " " + term + " " + isLocal);
        }

        @Override
        public byte[] takeSnapshot() {
            return String.join("\n", state).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void loadSnapshot(long index, byte[] snapshot) {
            state.clear();
            String text = new String(snapshot, StandardCharsets.UTF_8);
            if (!text.isEmpty()) {
                state.addAll(List.of(text.split("\n")));
            }
        }
    }
}
