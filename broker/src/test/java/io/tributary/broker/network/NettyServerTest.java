package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.config.Listener;
import io.tributary.wire.ParsedRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyServerTest {

    /** A dispatcher the test steers through the request body. */
    static final class ScriptedDispatcher implements RequestDispatcher {
        final Map<String, CompletableFuture<Outcome>> held = new ConcurrentHashMap<>();
        final AtomicInteger dispatched = new AtomicInteger();

        @Override
        @SuppressWarnings("unchecked")
        public CompletableFuture<Outcome> dispatch(ParsedRequest.Ok<?, ?> request, ConnectionInfo connection) {
            dispatched.incrementAndGet();
            ParsedRequest.Ok<String, String> ok = (ParsedRequest.Ok<String, String>) request;
            String body = ok.body();
            if (body.startsWith("hold:")) {
                CompletableFuture<Outcome> f = new CompletableFuture<>();
                held.put(body.substring(5), f);
                return f.thenApply(o -> o == null ? new Outcome.Send(ok.codec().encode(ok.header(), body)) : o);
            }
            return switch (body) {
                case "none" -> CompletableFuture.completedFuture(Outcome.NO_RESPONSE);
                case "close" -> CompletableFuture.completedFuture(new Outcome.Close("test asked"));
                default -> CompletableFuture.completedFuture(new Outcome.Send(ok.codec().encode(ok.header(), body)));
            };
        }

        void release(String key) {
            await().atMost(Duration.ofSeconds(10)).until(() -> held.containsKey(key));
            held.get(key).complete(null);
        }
    }

    private NettyServer server;
    private InetSocketAddress address;
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher();

    private void start(int queuedMax, int frameMax) throws Exception {
        server = new NettyServer(new NetworkSettings(frameMax, queuedMax, 2, -1, -1, 50, 100, -1), EchoCodec::parse, dispatcher);
        List<NettyServer.Bound> b = server.bind(List.of(new Listener("PLAINTEXT", "127.0.0.1", 0)));
        address = b.get(0).address();
        assertThat(address.getPort()).isPositive();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPortInUseIsNamedAsSuchAndNothingStaysBound() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            server = new NettyServer(new NetworkSettings(1 << 20, 4, 2, -1, -1, 50, 100, -1), EchoCodec::parse, dispatcher);
            Listener busy = new Listener("PLAINTEXT", "127.0.0.1", taken.getLocalPort());
            assertThatThrownBy(() -> server.bind(List.of(new Listener("OTHER", "127.0.0.1", 0), busy)))
                    .hasMessageContaining("cannot bind listener")
                    .hasMessageContaining(":" + taken.getLocalPort())
                    .hasMessageEndingWith("the address is already in use (another process, or another listener of this node, holds the port)");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrderEvenWhenTheyFinishOutOfOrder() throws Exception {
        start(100, 1 << 20);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request(1, "hold:a"));
            c.sendFrame(EchoCodec.request(2, "hold:b"));
            c.sendFrame(EchoCodec.request(3, "now"));
            dispatcher.release("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.dispatched.get() == 3);
            assertThat(c.silentFor(200)).as("nothing may be sent before request 1 is answered").isTrue();
            dispatcher.release("a");
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(EchoCodec.correlationId(c.readFrame()));
            }
            assertThat(ids).containsExactly(1, 2, 3);
        }
    }

    @Test
    void manyPipelinedRequestsInOneWriteAllComeBackInOrder() throws Exception {
        start(8, 1 << 20);
        try (RawClient c = new RawClient(address)) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < 200; i++) {
                byte[] r = EchoCodec.request(i, "n" + i);
                all.write(java.nio.ByteBuffer.allocate(4).putInt(r.length).array());
                all.write(r);
            }
            c.sendRaw(all.toByteArray());
            for (int i = 0; i < 200; i++) {
                byte[] resp = c.readFrame();
                assertThat(EchoCodec.correlationId(resp)).isEqualTo(i);
                assertThat(EchoCodec.body(resp)).isEqualTo("n" + i);
            }
        }
    }

    @Test
    void aFullConnectionStopsDispatchingUntilResponsesDrain() throws Exception {
        start(2, 1 << 20);
        try (RawClient c = new RawClient(address)) {
            for (int i = 0; i < 6; i++) {
                c.sendFrame(EchoCodec.request(i, "hold:" + i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.dispatched.get() == 2);
            assertThat(server.requestsInFlight()).isEqualTo(2);
            // The bound holds: nothing beyond queued.max.requests is dispatched while the two are open.
            assertThat(c.silentFor(200)).isTrue();
            assertThat(dispatcher.dispatched.get()).isEqualTo(2);
            for (int i = 0; i < 6; i++) {
                dispatcher.release(String.valueOf(i));
                assertThat(EchoCodec.correlationId(c.readFrame())).isEqualTo(i);
                assertThat(server.requestsInFlight()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void noResponseOutcomeSendsNothingAndTheNextResponseFollows() throws Exception {
        start(10, 1 << 20);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request(1, "none"));
            c.sendFrame(EchoCodec.request(2, "x"));
            assertThat(EchoCodec.correlationId(c.readFrame())).isEqualTo(2);
        }
    }

    @Test
    void closeOutcomeClosesAfterEarlierResponses() throws Exception {
        start(10, 1 << 20);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request(1, "hold:a"));
            c.sendFrame(EchoCodec.request(2, "close"));
            dispatcher.release("a");
            assertThat(EchoCodec.correlationId(c.readFrame())).isEqualTo(1);
            assertThat(c.closedByPeer(5000)).isTrue();
        }
    }

    @Test
    void oversizedFrameClosesOnlyThatConnection() throws Exception {
        start(10, 1000);
        try (RawClient good = new RawClient(address); RawClient bad = new RawClient(address)) {
            bad.sendRaw(java.nio.ByteBuffer.allocate(4).putInt(1001).array());
            assertThat(bad.closedByPeer(5000)).isTrue();
            good.sendFrame(EchoCodec.request(7, "still here"));
            assertThat(EchoCodec.body(good.readFrame())).isEqualTo("still here");
        }
    }

    @Test
    void negativeSizeAndMalformedRequestsCloseOnlyThatConnection() throws Exception {
        start(10, 1000);
        try (RawClient good = new RawClient(address)) {
            try (RawClient bad = new RawClient(address)) {
                bad.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0});
                assertThat(bad.closedByPeer(5000)).isTrue();
            }
            try (RawClient bad = new RawClient(address)) {
                bad.sendFrame(new byte[] {1, 2, 3});
                assertThat(bad.closedByPeer(5000)).isTrue();
            }
            try (RawClient bad = new RawClient(address)) {
                bad.sendFrame(EchoCodec.request((short) 99, (short) 0, 1, ""));
                assertThat(bad.closedByPeer(5000)).isTrue();
            }
            good.sendFrame(EchoCodec.request(7, "ok"));
            assertThat(EchoCodec.correlationId(good.readFrame())).isEqualTo(7);
        }
    }

    @Test
    void unsupportedVersionGetsItsReplyOnlyWhenTheParserProvidesOne() throws Exception {
        start(10, 1000);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request((short) 18, (short) 9, 5, ""));
            byte[] r = c.readFrame();
            assertThat(EchoCodec.correlationId(r)).isEqualTo(5);
            assertThat(EchoCodec.body(r)).isEqualTo("UNSUPPORTED");
            c.sendFrame(EchoCodec.request((short) 3, (short) 9, 6, ""));
            assertThat(c.closedByPeer(5000)).isTrue();
        }
    }

    @Test
    void closedConnectionsReleaseTheirInFlightCount() throws Exception {
        start(10, 1000);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request(1, "hold:z"));
            await().atMost(Duration.ofSeconds(10)).until(() -> server.requestsInFlight() == 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.requestsInFlight() == 0 && server.openConnections() == 0);
        dispatcher.release("z");
        assertThat(server.awaitDrained(1000)).isTrue();
    }
}
