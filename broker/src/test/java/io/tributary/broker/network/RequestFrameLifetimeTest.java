package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.tributary.broker.config.Listener;
import io.tributary.wire.ParsedRequest;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The request-frame lifetime rules of {@link ConnectionHandler}: a frame stays allocated exactly as
 * long as its request may use it, on every path. The server runs on an unpooled allocator whose
 * live direct memory is counted to the byte, so "released" is observed, not inferred from a GC.
 */
class RequestFrameLifetimeTest {

    /** Steers requests by their body; every decoded body is a view of its frame. */
    static final class ViewDispatcher implements RequestDispatcher {
        final Map<String, CompletableFuture<Void>> held = new ConcurrentHashMap<>();
        final Map<String, String> seenAtCompletion = new ConcurrentHashMap<>();
        final Queue<String> viewKinds = new ConcurrentLinkedQueue<>();
        final AtomicInteger dispatched = new AtomicInteger();

        @Override
        @SuppressWarnings("unchecked")
        public CompletableFuture<Outcome> dispatch(ParsedRequest.Ok<?, ?> request, ConnectionInfo connection) {
            dispatched.incrementAndGet();
            ParsedRequest.Ok<ByteBuffer, String> ok = (ParsedRequest.Ok<ByteBuffer, String>) request;
            ByteBuffer view = ok.body();
            viewKinds.add((view.isDirect() ? "direct" : "heap") + (view.isReadOnly() ? " read-only" : " writable"));
            String text = ViewCodec.text(view);
            if (text.startsWith("hold:")) {
                String key = text.substring(5, text.indexOf(';') < 0 ? text.length() : text.indexOf(';'));
                CompletableFuture<Void> f = new CompletableFuture<>();
                held.put(key, f);
                // Read the view again when the request completes: its bytes must still be the request's.
                return f.thenApply(x -> {
                    String now = ViewCodec.text(view);
                    seenAtCompletion.put(key, now);
                    return new Outcome.Send(ok.codec().encode(ok.header(), now));
                });
            }
            return switch (text) {
                case "none" -> CompletableFuture.completedFuture(Outcome.NO_RESPONSE);
                case "close" -> CompletableFuture.completedFuture(new Outcome.Close("test asked"));
                case "fail" -> CompletableFuture.failedFuture(new IllegalStateException("handler failed (test)"));
                case "throw" -> throw new IllegalStateException("dispatcher threw (test)");
                default -> CompletableFuture.completedFuture(new Outcome.Send(ok.codec().encode(ok.header(), text)));
            };
        }

        void complete(String key) {
            await().atMost(Duration.ofSeconds(10)).until(() -> held.containsKey(key));
            held.get(key).complete(null);
        }
    }

    private final ViewDispatcher dispatcher = new ViewDispatcher();
    private final UnpooledByteBufAllocator counted = new UnpooledByteBufAllocator(true);
    private NettyServer server;
    private InetSocketAddress address;

    private void start(int queuedMax, ByteBufAllocator allocator) throws Exception {
        server = new NettyServer(new NetworkSettings(1 << 20, queuedMax, 2, -1, -1, 50, 100, -1), ViewCodec::parse, dispatcher,
                NettyServer.Hooks.CLIENTS, allocator);
        address = server.bind(List.of(new Listener("PLAINTEXT", "127.0.0.1", 0))).get(0).address();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private long liveBytes() {
        return counted.metric().usedDirectMemory() + counted.metric().usedHeapMemory();
    }

    private void awaitNothingLive() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(server == null ? 0 : server.openConnections()).isZero();
            assertThat(liveBytes()).as("bytes still allocated from the connections' allocator").isZero();
        });
    }

    private static byte[] request(int correlationId, String body) {
        return EchoCodec.request(correlationId, body);
    }

    @Test
    void everyWayARequestEndsReleasesItsFrame() throws Exception {
        start(10, counted);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(1, "answered"));
            c.sendFrame(request(2, "none"));
            c.sendFrame(request(3, "hold:a"));
            c.sendFrame(request(4, "close"));
            assertThat(EchoCodec.body(c.readFrame())).isEqualTo("answered");
            dispatcher.complete("a");
            assertThat(EchoCodec.correlationId(c.readFrame())).isEqualTo(3);
            assertThat(c.closedByPeer(5000)).isTrue();
        }
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(5, "fail"));
            assertThat(c.closedByPeer(5000)).as("a handler failure closes the connection").isTrue();
        }
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(6, "throw"));
            assertThat(c.closedByPeer(5000)).as("a dispatcher that throws closes the connection").isTrue();
        }
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request((short) 99, (short) 0, 7, "unknown key"));
            assertThat(c.closedByPeer(5000)).as("a malformed request closes the connection").isTrue();
        }
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(new byte[] {1, 2, 3});
            assertThat(c.closedByPeer(5000)).as("a frame shorter than a header closes the connection").isTrue();
        }
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(EchoCodec.request((short) 18, (short) 9, 8, ""));
            assertThat(EchoCodec.body(c.readFrame())).isEqualTo("UNSUPPORTED");
            c.sendFrame(EchoCodec.request((short) 3, (short) 9, 9, ""));
            assertThat(c.closedByPeer(5000)).as("an unsupported version without a reply closes the connection").isTrue();
        }
        assertThat(dispatcher.dispatched.get()).isEqualTo(6);
        awaitNothingLive();
    }

    @Test
    void aRequestInFlightKeepsItsBytesAfterItsConnectionClosesAndReleasesThemWhenItCompletes() throws Exception {
        start(10, counted);
        String body = "hold:k;" + "x".repeat(4000);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(1, body));
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.held.containsKey("k"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0 && server.requestsInFlight() == 0);
        // The connection is gone but its request is not: the frame must still be allocated.
        assertThat(liveBytes()).isGreaterThanOrEqualTo(body.length());

        // Traffic on another connection must not land in the held frame's memory.
        try (RawClient other = new RawClient(address)) {
            for (int i = 0; i < 50; i++) {
                other.sendFrame(request(i, "y".repeat(4000)));
                assertThat(EchoCodec.correlationId(other.readFrame())).isEqualTo(i);
            }
        }
        dispatcher.complete("k");
        assertThat(dispatcher.seenAtCompletion.get("k")).isEqualTo(body);
        awaitNothingLive();
    }

    @Test
    void framesDeferredBehindAFullConnectionAreReleasedWhenItCloses() throws Exception {
        start(1, counted);
        try (RawClient c = new RawClient(address)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int i = 0; i < 6; i++) {
                byte[] r = request(i, i == 0 ? "hold:d" : "deferred " + i);
                all.write(ByteBuffer.allocate(4).putInt(r.length).array());
                all.write(r);
            }
            c.sendRaw(all.toByteArray());
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.held.containsKey("d"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections() == 0);
        dispatcher.complete("d");
        assertThat(dispatcher.dispatched.get()).as("frames behind the full connection were never started").isEqualTo(1);
        awaitNothingLive();
    }

    @Test
    void aRequestCompletingAfterTheServerClosedStillReleasesItsFrame() throws Exception {
        start(10, counted);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(1, "hold:late;" + "z".repeat(1000)));
            await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher.held.containsKey("late"));
            server.close();
            server = null;
        }
        assertThat(liveBytes()).isGreaterThanOrEqualTo(1000);
        dispatcher.complete("late");
        awaitNothingLive();
    }

    @Test
    void framesArrivingWhileTheServerStopsTakingRequestsAreReleased() throws Exception {
        start(10, counted);
        server.stopTakingRequests();
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(1, "too late"));
            assertThat(c.silentFor(300)).isTrue();
        }
        assertThat(dispatcher.dispatched.get()).isZero();
        awaitNothingLive();
    }

    @Test
    void handlersSeeWritableDirectViewsWithNettysDefaultAllocator() throws Exception {
        start(10, null);
        try (RawClient c = new RawClient(address)) {
            c.sendFrame(request(1, "small"));
            assertThat(EchoCodec.body(c.readFrame())).isEqualTo("small");
            // Larger than one socket read, so the frame is assembled from several reads.
            String big = "b".repeat(300_000);
            c.sendFrame(request(2, big));
            assertThat(EchoCodec.body(c.readFrame())).isEqualTo(big);
        }
        assertThat(dispatcher.viewKinds).containsExactly("direct writable", "direct writable");
    }
}
