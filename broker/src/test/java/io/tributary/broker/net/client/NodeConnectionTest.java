package io.tributary.broker.net.client;

import static io.tributary.broker.net.client.FakePeer.withApiVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.MalformedResponseException;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeConnectionTest {

    private static final ClientSettings SETTINGS = ClientSettings.defaults("node-connection-test").withRequestTimeoutMs(10_000);
    private static final long TIMEOUT_MS = 10_000;

    private final ClientTransport transport = ClientTransport.create(1, "test-client");
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        transport.close();
    }

    private FakePeer peer(ApiRegistry registry, FakePeer.Handler handler) throws InterruptedException {
        FakePeer p = FakePeer.start(registry, handler);
        toClose.add(p);
        return p;
    }

    private NodeConnection connect(FakePeer p, ClientSettings settings) {
        NodeConnection c = Await.value(transport.connect("127.0.0.1", p.port(), settings));
        toClose.add(c);
        return c;
    }

    private static List<Short> versionsOf(List<RequestHeader> headers, short apiKey) {
        return headers.stream().filter(h -> h.apiKey() == apiKey).map(RequestHeader::apiVersion).toList();
    }

    // ---- handshake ----

    @Test
    void handshakeLearnsThePeersRangesAndRequestsUseTheDefaultVersion() throws Exception {
        ApiRegistry registry = ApiRegistry.controller();
        FakePeer p = peer(registry, withApiVersions(ex -> ex.respond(Requests.controllers("c1", 2, List.of()))));
        NodeConnection c = connect(p, SETTINGS);

        assertThat(c.peerVersions().ranges()).isEqualTo(registry.advertised());
        DescribeClusterResponse r = Await.value(c.send(DescribeClusterClientCodec.INSTANCE, Requests.DESCRIBE_CONTROLLERS, TIMEOUT_MS));

        assertThat(r.controllerId()).isEqualTo(2);
        assertThat(versionsOf(p.received, ApiVersionsCodec.API_KEY)).containsExactly(ApiVersionsCodec.INSTANCE.maxVersion());
        assertThat(versionsOf(p.received, DescribeClusterCodec.INSTANCE.apiKey())).containsExactly(DescribeClusterClientCodec.DEFAULT_VERSION);
        assertThat(p.received).allSatisfy(h -> assertThat(h.clientId()).isEqualTo("node-connection-test"));
    }

    @Test
    void kip511RefusalFallsBackToTheHighestApiVersionsVersionThePeerNames() throws Exception {
        ApiRegistry old = ApiRegistry.of(Limited.to(ApiVersionsCodec.INSTANCE, 0, 2), DescribeClusterCodec.INSTANCE);
        FakePeer p = peer(old, withApiVersions(ex -> { }));
        NodeConnection c = connect(p, SETTINGS);

        assertThat(versionsOf(p.received, ApiVersionsCodec.API_KEY)).containsExactly((short) 4, (short) 2);
        assertThat(c.peerVersions().ranges()).isEqualTo(old.advertised());
    }

    @Test
    void kip511RefusalNamingNoApiVersionsRangeFallsBackToV0() throws Exception {
        FakePeer p = peer(ApiRegistry.controller(), ex -> {
            if (ex.header().apiVersion() > 0) {
                ex.respondRaw(ApiVersionsCodec.unsupportedVersionReply(ex.header().correlationId(), List.of()).chunks().stream()
                        .map(ch -> ((RecordsSlice.Buffer) ch).bytes())
                        .reduce(NodeConnectionTest::concat).orElseThrow());
            } else {
                ex.respond(ApiVersionsResponse.of(ex.advertised()));
            }
        });
        NodeConnection c = connect(p, SETTINGS);

        assertThat(versionsOf(p.received, ApiVersionsCodec.API_KEY)).containsExactly((short) 4, (short) 0);
        assertThat(c.peerVersions().range(DescribeClusterCodec.INSTANCE.apiKey())).isPresent();
    }

    @Test
    void aSecondRefusalFailsTheHandshakeAndClosesTheConnection() throws Exception {
        List<ApiVersionRange> upToV2 = List.of(new ApiVersionRange(ApiVersionsCodec.API_KEY, (short) 0, (short) 2));
        FakePeer p = peer(ApiRegistry.controller(), ex -> ex.respond(new ApiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION,
                upToV2, 0, List.of(), -1L, List.of())));

        Throwable e = Await.failure(transport.connect("127.0.0.1", p.port(), SETTINGS));

        assertThat(e).isInstanceOf(UnsupportedVersionException.class).hasMessageContaining("refused ApiVersions v2 too");
        assertThat(versionsOf(p.received, ApiVersionsCodec.API_KEY)).containsExactly((short) 4, (short) 2);
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    @Test
    void eachRequestUsesTheHighestVersionBothSidesSpeakAndAMissingApiFailsWithoutClosing() throws Exception {
        ApiRegistry old = ApiRegistry.of(ApiVersionsCodec.INSTANCE, Limited.to(DescribeClusterCodec.INSTANCE, 0, 1));
        FakePeer p = peer(old, withApiVersions(ex -> ex.respond(Requests.controllers("c1", 1, List.of()))));
        NodeConnection c = connect(p, SETTINGS);

        Await.value(c.send(DescribeClusterClientCodec.INSTANCE, Requests.DESCRIBE_CONTROLLERS, TIMEOUT_MS));
        Throwable missing = Await.immediateFailure(c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("t"), TIMEOUT_MS));

        assertThat(versionsOf(p.received, DescribeClusterCodec.INSTANCE.apiKey())).containsExactly((short) 1);
        assertThat(missing).isInstanceOf(UnsupportedVersionException.class).hasMessageContaining("CreateTopics");
        assertThat(((NetworkClientException) missing).retriable()).isFalse();
        assertThat(((NetworkClientException) missing).maybeDelivered()).isFalse();
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void aRequestTheVersionCannotCarryFailsWithoutClosing() throws Exception {
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(ex -> { }));
        NodeConnection c = connect(p, SETTINGS);
        // At Fetch v13+ a topic must have an id; a name alone cannot be sent.
        FetchRequest byName = fetch(new FetchRequest.Topic("t", TopicId.ZERO, List.of(new FetchRequest.Partition(0, -1, 0, -1, -1, 1024))));

        Throwable e = Await.immediateFailure(c.send(FetchClientCodec.INSTANCE, byName, TIMEOUT_MS));

        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        assertThat(c.isOpen()).isTrue();
        assertThat(c.inFlightRequests()).isZero();
    }

    // ---- pipelining, order, bounds ----

    @Test
    void pipelinedRequestsAreAllInFlightAtOnceAndEachGetsItsOwnAnswer() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS);
        int n = SETTINGS.maxInFlightRequests();

        List<CompletableFuture<CreateTopicsResponse>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            answers.add(c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("topic-" + i), TIMEOUT_MS));
        }
        // All n reach the peer before any is answered: they were pipelined, not sent one by one.
        await().atMost(Await.BOUND).until(() -> held.size() == n);
        assertThat(c.inFlightRequests()).isEqualTo(n);
        for (FakePeer.Exchange ex : held) {
            ex.respond(Requests.created(ex.body(CreateTopicsRequest.class)));
        }

        for (int i = 0; i < n; i++) {
            assertThat(Requests.topicOf(Await.value(answers.get(i)))).isEqualTo("topic-" + i);
        }
        assertThat(c.inFlightRequests()).isZero();
    }

    @Test
    void beyondTheInFlightBoundSendFailsFastAsBusyAndRecoversOnceAnswered() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS.withMaxInFlightRequests(2));
        CompletableFuture<CreateTopicsResponse> a = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("a"), TIMEOUT_MS);
        CompletableFuture<CreateTopicsResponse> b = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("b"), TIMEOUT_MS);

        Throwable busy = Await.immediateFailure(c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("c"), TIMEOUT_MS));

        assertThat(busy).isInstanceOf(ConnectionBusyException.class);
        assertThat(((NetworkClientException) busy).retriable()).isTrue();
        assertThat(((NetworkClientException) busy).maybeDelivered()).isFalse();
        await().atMost(Await.BOUND).until(() -> held.size() == 2);
        held.get(0).respond(Requests.created(held.get(0).body(CreateTopicsRequest.class)));
        Await.value(a);
        CompletableFuture<CreateTopicsResponse> d = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("d"), TIMEOUT_MS);
        await().atMost(Await.BOUND).until(() -> held.size() == 3);
        held.get(1).respond(Requests.created(held.get(1).body(CreateTopicsRequest.class)));
        held.get(2).respond(Requests.created(held.get(2).body(CreateTopicsRequest.class)));

        assertThat(Requests.topicOf(Await.value(b))).isEqualTo("b");
        assertThat(Requests.topicOf(Await.value(d))).isEqualTo("d");
        assertThat(p.received.stream().filter(h -> h.apiKey() == CreateTopicsCodec.INSTANCE.apiKey()).count())
                .as("the busy request was never sent").isEqualTo(3);
    }

    @Test
    void anAnswerOutOfOrderIsAProtocolErrorThatClosesTheConnectionAndFailsEverything() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS);
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        c.onClose(closedWith::set);
        CompletableFuture<CreateTopicsResponse> first = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("first"), TIMEOUT_MS);
        CompletableFuture<CreateTopicsResponse> second = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("second"), TIMEOUT_MS);
        await().atMost(Await.BOUND).until(() -> held.size() == 2);

        held.get(1).respond(Requests.created(held.get(1).body(CreateTopicsRequest.class)));

        assertThat(Await.failure(first)).isInstanceOf(DisconnectedException.class).hasCauseInstanceOf(MalformedResponseException.class);
        assertThat(Await.failure(second)).isInstanceOf(DisconnectedException.class);
        await().atMost(Await.BOUND).untilAsserted(() -> assertThat(closedWith.get())
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("does not match"));
        assertThat(c.isOpen()).isFalse();
        assertThat(c.inFlightRequests()).isZero();
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    // ---- timeouts ----

    @Test
    void aTimedOutRequestFailsAndClosesTheConnectionFailingTheOthersToo() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS);
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        c.onClose(closedWith::set);

        CompletableFuture<CreateTopicsResponse> patient = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("patient"), 60_000);
        CompletableFuture<CreateTopicsResponse> hasty = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("hasty"), 200);

        Throwable timedOut = Await.failure(hasty);
        assertThat(timedOut).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("200 ms");
        assertThat(((NetworkClientException) timedOut).maybeDelivered()).isTrue();
        Throwable other = Await.failure(patient);
        assertThat(other).isInstanceOf(DisconnectedException.class).hasCause(timedOut);
        assertThat(((NetworkClientException) other).maybeDelivered()).isTrue();
        assertThat(closedWith.get()).isSameAs(timedOut);
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);

        // A late answer cannot be mistaken for anything: the connection is gone, and sends fail at once.
        Throwable after = Await.immediateFailure(c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("late"), TIMEOUT_MS));
        assertThat(after).isInstanceOf(DisconnectedException.class);
        assertThat(((NetworkClientException) after).maybeDelivered()).isFalse();
    }

    @Test
    void aPeerThatNeverAnswersApiVersionsFailsTheConnectWithATimeout() throws Exception {
        FakePeer p = peer(ApiRegistry.controller(), ex -> { });

        Throwable e = Await.failure(transport.connect("127.0.0.1", p.port(), SETTINGS.withRequestTimeoutMs(200)));

        assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("ApiVersions");
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    // ---- bad responses ----

    @Test
    void aMalformedResponseFailsItsRequestClosesTheConnectionAndFailsTheRest() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS);
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        c.onClose(closedWith::set);
        CompletableFuture<CreateTopicsResponse> first = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("first"), TIMEOUT_MS);
        CompletableFuture<CreateTopicsResponse> second = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("second"), TIMEOUT_MS);
        await().atMost(Await.BOUND).until(() -> held.size() == 2);

        // The right correlation id, then bytes that are no CreateTopics response.
        ByteBuffer junk = ByteBuffer.allocate(4 + 4 + 7);
        junk.putInt(4 + 7).putInt(held.get(0).header().correlationId()).put(new byte[] {(byte) 0xff, 1, 2, 3, 4, 5, 6}).flip();
        held.get(0).respondRaw(junk);

        Throwable bad = Await.failure(first);
        assertThat(bad).isInstanceOf(MalformedResponseException.class).hasMessageContaining("CreateTopics");
        assertThat(Await.failure(second)).isInstanceOf(DisconnectedException.class).hasCause(bad);
        await().atMost(Await.BOUND).untilAsserted(() -> assertThat(closedWith.get()).isSameAs(bad));
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    @Test
    void aResponseLargerThanTheLimitClosesTheConnectionAndFailsEverything() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS.withResponseBytesMax(1024));
        AtomicReference<Throwable> closedWith = new AtomicReference<>();
        c.onClose(closedWith::set);
        CompletableFuture<FetchResponse> big = c.send(FetchClientCodec.INSTANCE, metadataFetch(), TIMEOUT_MS);
        CompletableFuture<CreateTopicsResponse> small = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("small"), TIMEOUT_MS);
        await().atMost(Await.BOUND).until(() -> held.size() == 2);

        held.get(0).respond(fetchAnswer(new byte[4096]));

        assertThat(Await.failure(big)).isInstanceOf(DisconnectedException.class)
                .cause().isInstanceOf(MalformedResponseException.class).hasMessageContaining("exceeds the limit of 1024 bytes");
        assertThat(Await.failure(small)).isInstanceOf(DisconnectedException.class);
        await().atMost(Await.BOUND).untilAsserted(() -> assertThat(closedWith.get()).isInstanceOf(MalformedResponseException.class));
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    @Test
    void fetchRecordsAreACopyTheCallerKeepsAfterLaterTraffic() throws Exception {
        byte[] records = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(records);
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(ex -> ex.respond(fetchAnswer(records))));
        NodeConnection c = connect(p, SETTINGS);

        FetchResponse first = Await.value(c.send(FetchClientCodec.INSTANCE, metadataFetch(), TIMEOUT_MS));
        for (int i = 0; i < 3; i++) {
            Await.value(c.send(FetchClientCodec.INSTANCE, metadataFetch(), TIMEOUT_MS));
        }
        c.close();

        RecordsSlice slice = first.topics().get(0).partitions().get(0).records();
        assertThat(slice).isInstanceOf(RecordsSlice.Buffer.class);
        ByteBuffer bytes = ((RecordsSlice.Buffer) slice).bytes().duplicate();
        byte[] got = new byte[bytes.remaining()];
        bytes.get(got);
        assertThat(got).isEqualTo(records);
    }

    // ---- the peer going away ----

    @Test
    void aPeerDroppingTheConnectionMidRequestFailsItPromptlyAndFiresOnClose() throws Exception {
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(held::add));
        NodeConnection c = connect(p, SETTINGS);
        CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
        c.onClose(closedWith::complete);
        CompletableFuture<CreateTopicsResponse> pending = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("x"), 60_000);
        await().atMost(Await.BOUND).until(() -> held.size() == 1);

        p.close();

        // Promptly: far sooner than the request's 60 s timeout.
        Throwable e = Await.failure(pending);
        assertThat(e).isInstanceOf(DisconnectedException.class);
        assertThat(((NetworkClientException) e).maybeDelivered()).as("it was written, the peer may have acted").isTrue();
        assertThat(Await.value(closedWith)).isInstanceOf(DisconnectedException.class).hasMessageContaining("closed by the peer");
        assertThat(c.isOpen()).isFalse();
    }

    @Test
    void onCloseRegisteredAfterTheCloseRunsAtOnce() throws Exception {
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(ex -> { }));
        NodeConnection c = connect(p, SETTINGS);
        c.close();
        Await.value(c.closeFuture());

        AtomicReference<Throwable> late = new AtomicReference<>();
        c.onClose(late::set);

        assertThat(late.get()).isNotNull();
    }

    @Test
    void connectingToAClosedPortFailsAsNotDelivered() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        Throwable e = Await.failure(transport.connect("127.0.0.1", port, SETTINGS));

        assertThat(e).isInstanceOf(DisconnectedException.class).hasMessageContaining("cannot connect");
        assertThat(((NetworkClientException) e).maybeDelivered()).isFalse();
    }

    @Test
    void theOwnerClosingFailsRequestsInFlight() throws Exception {
        FakePeer p = peer(ApiRegistry.controller(), withApiVersions(ex -> { }));
        NodeConnection c = connect(p, SETTINGS);
        CompletableFuture<CreateTopicsResponse> pending = c.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("x"), 60_000);
        await().atMost(Await.BOUND).until(() -> p.received.size() == 2);

        c.close();

        assertThat(Await.failure(pending)).isInstanceOf(DisconnectedException.class).hasMessageContaining("closed by its owner");
        await().atMost(Await.BOUND).until(() -> p.openConnections() == 0);
    }

    // ---- helpers ----

    private static FetchRequest fetch(FetchRequest.Topic topic) {
        return new FetchRequest(-1, -1L, 500, 1, 1 << 20, IsolationLevel.READ_UNCOMMITTED, 0, -1, List.of(topic), List.of(), "", "");
    }

    private static FetchRequest metadataFetch() {
        return fetch(new FetchRequest.Topic(null, FetchRequest.CLUSTER_METADATA_TOPIC_ID,
                List.of(new FetchRequest.Partition(0, -1, 0, -1, -1, 1 << 20))));
    }

    private static FetchResponse fetchAnswer(byte[] records) {
        FetchResponse.PartitionResponse part = new FetchResponse.PartitionResponse(0, ErrorCode.NONE, 10, 10, 0, null, null, null,
                List.of(), -1, new RecordsSlice.Buffer(ByteBuffer.wrap(records)));
        return new FetchResponse(0, ErrorCode.NONE, 0, List.of(new FetchResponse.TopicResponse(FetchRequest.CLUSTER_METADATA_TOPIC,
                FetchRequest.CLUSTER_METADATA_TOPIC_ID, List.of(part))), List.of());
    }

    private static ByteBuffer concat(ByteBuffer a, ByteBuffer b) {
        ByteBuffer out = ByteBuffer.allocate(a.remaining() + b.remaining());
        out.put(a.duplicate()).put(b.duplicate()).flip();
        return out;
    }
}
