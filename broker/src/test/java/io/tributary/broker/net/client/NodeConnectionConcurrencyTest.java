package io.tributary.broker.net.client;

import static io.tributary.broker.net.client.FakePeer.withApiVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many threads on one connection: every future settles once, with its own answer, and the in-flight count returns to zero. */
class NodeConnectionConcurrencyTest {

    private static final int THREADS = 4;
    private static final int SENDS_PER_THREAD = 300;
    private final ClientTransport transport = ClientTransport.create(1, "concurrency-client");
    private FakePeer peer;

    @AfterEach
    void tearDown() {
        if (peer != null) {
            peer.close();
        }
        transport.close();
    }

    private record Sent(String topic, CompletableFuture<CreateTopicsResponse> answer) {
    }

    /**
     * Sends from {@link #THREADS} threads at once. With a {@code window}, each thread waits for its
     * request {@code window} back to settle before sending the next, so that together they never exceed
     * the in-flight bound; without one (0) they send as fast as they can and meet it.
     */
    private List<Sent> sendFromManyThreads(NodeConnection c, int window) throws InterruptedException {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                List<CompletableFuture<CreateTopicsResponse>> mine = new ArrayList<>();
                for (int i = 0; i < SENDS_PER_THREAD; i++) {
                    if (window > 0 && i >= window) {
                        mine.get(i - window).handle((r, e) -> null).join();
                    }
                    String topic = "t" + thread + "-" + i;
                    CompletableFuture<CreateTopicsResponse> f = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic(topic), 30_000);
                    mine.add(f);
                    sent.add(new Sent(topic, f));
                }
            }, "sender-" + t);
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(Await.BOUND.toMillis());
        }
        return new ArrayList<>(sent);
    }

    @Test
    void everyAnswerReachesItsOwnRequestOrTheSendWasRefusedAsBusy() throws Exception {
        peer = FakePeer.start(ApiRegistry.controller(), withApiVersions(ex -> ex.respond(Requests.created(ex.body(CreateTopicsRequest.class)))));
        NodeConnection c = Await.value(transport.connect("127.0.0.1", peer.port(),
                ClientSettings.defaults("concurrency").withMaxInFlightRequests(8)));

        List<Sent> sent = sendFromManyThreads(c, 0);

        int answered = 0;
        for (Sent s : sent) {
            CompletableFuture<CreateTopicsResponse> f = s.answer();
            if (f.isCompletedExceptionally()) {
                assertThat(Await.failure(f)).isInstanceOf(ConnectionBusyException.class);
            } else {
                assertThat(Requests.topicOf(Await.value(f))).isEqualTo(s.topic());
                answered++;
            }
        }
        assertThat(sent).hasSize(THREADS * SENDS_PER_THREAD);
        assertThat(answered).isPositive();
        assertThat(c.isOpen()).isTrue();
        await().atMost(Await.BOUND).until(() -> c.inFlightRequests() == 0);
        c.close();
    }

    @Test
    void aDropUnderLoadSettlesEveryFutureAndLeavesNothingInFlight() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        peer = FakePeer.start(ApiRegistry.controller(), withApiVersions(ex -> {
            if (seen.incrementAndGet() == 100) {
                ex.closeConnection();
            } else {
                ex.respond(Requests.created(ex.body(CreateTopicsRequest.class)));
            }
        }));
        NodeConnection c = Await.value(transport.connect("127.0.0.1", peer.port(),
                ClientSettings.defaults("concurrency").withMaxInFlightRequests(8)));

        List<Sent> sent = sendFromManyThreads(c, 2);

        int disconnected = 0;
        for (Sent s : sent) {
            CompletableFuture<CreateTopicsResponse> f = s.answer();
            try {
                assertThat(Requests.topicOf(f.get(Await.BOUND.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))).isEqualTo(s.topic());
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = Futures.unwrap(e);
                assertThat(cause).as("the window keeps every send within the bound").isInstanceOf(DisconnectedException.class);
                disconnected++;
            }
        }
        assertThat(seen.get()).as("the peer saw the request it dropped on").isGreaterThanOrEqualTo(100);
        assertThat(disconnected).isPositive();
        assertThat(c.isOpen()).isFalse();
        assertThat(c.inFlightRequests()).isZero();
    }
}
