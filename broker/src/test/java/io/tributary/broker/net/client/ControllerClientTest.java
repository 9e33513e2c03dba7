package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatClientCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerClientTest {

    /** Short backoff so that tests that go through several rounds stay quick; one test uses the default. */
    private static final Backoff FAST = new Backoff(10, 100, 0.2);
    private static final ClientSettings SETTINGS = ClientSettings.defaults("broker-7").withRequestTimeoutMs(5_000);
    private static final long DEADLINE_MS = 10_000;
    /** How quickly the client must follow a controller change: generous against the 100 ms backoff cap. */
    private static final Duration FOLLOW_BOUND = Duration.ofSeconds(3);

    private final ClientTransport transport = ClientTransport.create(1, "controller-client-test");
    private FakeQuorum quorum;
    private ControllerClient client;
    private final List<ControllerChange> changes = new CopyOnWriteArrayList<>();
    /** Clients sharing {@link #discovery}, as a broker's three connections do; each one's changes in {@link #sharedChanges}. */
    private final List<ControllerClient> shared = new CopyOnWriteArrayList<>();
    private final List<List<ControllerChange>> sharedChanges = new CopyOnWriteArrayList<>();
    private ControllerDiscovery discovery;

    @AfterEach
    void tearDown() {
        shared.forEach(ControllerClient::close);
        if (discovery != null) {
            discovery.close();
        }
        if (client != null) {
            client.close();
        }
        if (quorum != null) {
            quorum.close();
        }
        transport.close();
    }

    private ControllerClient client(Map<Integer, InetSocketAddress> voters, ClientSettings settings, Backoff backoff) {
        client = new ControllerClient(voters, transport, settings, DiscoveryBackoff.always(backoff), () -> 0.5);
        client.onControllerChange(changes::add);
        return client;
    }

    private ControllerClient client() {
        return client(quorum.voters(), SETTINGS, FAST);
    }

    /** {@code n} clients over one discovery, named like a broker's connections. */
    private List<ControllerClient> sharedClients(int n, DiscoveryBackoff backoff) {
        discovery = new ControllerDiscovery(quorum.voters(), transport, ClientSettings.defaults("broker-7-discovery"), backoff, () -> 0.5);
        for (int i = 0; i < n; i++) {
            ControllerClient c = new ControllerClient(discovery, transport, SETTINGS);
            List<ControllerChange> seen = new CopyOnWriteArrayList<>();
            c.onControllerChange(seen::add);
            shared.add(c);
            sharedChanges.add(seen);
        }
        return shared;
    }

    private static BrokerHeartbeatResponse heartbeat(ControllerClient c) {
        return Await.value(c.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS));
    }

    private static long received(FakePeer peer, short apiKey) {
        return peer.received.stream().filter(h -> h.apiKey() == apiKey).count();
    }

    private BrokerHeartbeatResponse heartbeat() {
        return Await.value(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS));
    }

    @Test
    void findsTheActiveControllerByAskingAVoterAndAnnouncesIt() throws Exception {
        quorum = new FakeQuorum(3, 2);
        client();

        client.start();

        await().atMost(FOLLOW_BOUND).until(() -> client.activeControllerId() == 2);
        assertThat(changes).containsExactly(new ControllerChange(-1, 2, "127.0.0.1", quorum.peer(2).port()));
        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(2);
        assertThat(quorum.peer(2).received).anySatisfy(h -> assertThat(h.clientId()).isEqualTo("broker-7"));
    }

    @Test
    void usesTheEndpointTheAnswerGivesNotTheVoterList() throws Exception {
        quorum = new FakeQuorum(3, 3);
        // Only voter 1 is listed correctly; 3's entry points nowhere, but voter 1's answer says where 3 is.
        Map<Integer, InetSocketAddress> voters = new TreeMap<>();
        voters.put(1, InetSocketAddress.createUnresolved("127.0.0.1", quorum.peer(1).port()));
        voters.put(3, InetSocketAddress.createUnresolved("127.0.0.1", 1));
        client(voters, SETTINGS, FAST);

        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);

        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(3);
        assertThat(changes.get(0).port()).isEqualTo(quorum.peer(3).port());
    }

    @Test
    void followsTheControllerWhenTheOldOneAnswersNotController() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client();
        heartbeat();

        quorum.active.set(3);
        long start = System.nanoTime();
        BrokerHeartbeatResponse r = heartbeat();
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(tookMs).isLessThan(FOLLOW_BOUND.toMillis());
        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(1, 3);
        assertThat(changes).extracting(ControllerChange::previousControllerId, ControllerChange::controllerId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(-1, 1), org.assertj.core.groups.Tuple.tuple(1, 3));
        assertThat(changes.get(1).isNewController()).isTrue();
    }

    @Test
    void followsTheControllerWhenItsConnectionDropsWithoutAnyRequestInFlight() throws Exception {
        quorum = new FakeQuorum(3, 2);
        client();
        heartbeat();

        quorum.active.set(1);
        quorum.peer(2).close();

        // No request is sent: the close alone makes the client look again, and announce the new controller.
        await().atMost(FOLLOW_BOUND).until(() -> client.activeControllerId() == 1);
        await().atMost(FOLLOW_BOUND).until(() -> changes.size() == 2);
        assertThat(changes.get(1)).isEqualTo(new ControllerChange(2, 1, "127.0.0.1", quorum.peer(1).port()));
        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void followsAControllerThatMovesTwiceWithTheDefaultBackoff() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client = new ControllerClient(quorum.voters(), transport, SETTINGS, DiscoveryBackoff.DEFAULT, () -> 0.5);
        client.onControllerChange(changes::add);
        heartbeat();

        quorum.active.set(2);
        quorum.peer(1).dropConnections();
        await().atMost(FOLLOW_BOUND).until(() -> client.activeControllerId() == 2);
        quorum.active.set(3);
        BrokerHeartbeatResponse r = heartbeat();

        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(1, 3);
        assertThat(changes).extracting(ControllerChange::controllerId).containsExactly(1, 2, 3);
    }

    @Test
    void keepsAskingWithBackoffWhileNoControllerIsActiveAndSucceedsOnceOneIs() throws Exception {
        quorum = new FakeQuorum(3, -1);
        client();
        CompletableFuture<BrokerHeartbeatResponse> pending = client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS);

        // Two whole rounds over the three voters, and still waiting.
        await().atMost(FOLLOW_BOUND).until(() -> quorum.describeClusterCount.get() >= 6);
        assertThat(pending).isNotDone();
        quorum.active.set(2);

        assertThat(Await.value(pending).error()).isEqualTo(ErrorCode.NONE);
        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(2);
    }

    @Test
    void skipsVotersThatAreDownAndAsksTheOthers() throws Exception {
        quorum = new FakeQuorum(3, 3);
        quorum.peer(1).close();
        quorum.peer(2).close();
        client();

        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
        assertThat(client.activeControllerId()).isEqualTo(3);
    }

    @Test
    void theDeadlineFailsACallThatFindsNoController() throws Exception {
        quorum = new FakeQuorum(3, -1);
        client();

        Throwable e = Await.failure(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), 300));

        assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("within 300 ms").hasMessageContaining("0 attempts");
        assertThat(((NetworkClientException) e).maybeDelivered()).isFalse();
    }

    @Test
    void aShortDeadlineFailsTheCallButLeavesTheControllerConnectionAlone() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client();
        heartbeat();
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        quorum.intercept = (id, ex) -> ex.body() instanceof BrokerHeartbeatRequest && held.isEmpty() && held.add(ex);
        int acceptedBefore = quorum.peer(1).connectionsAccepted();

        Throwable e = Await.failure(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), 300));

        assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("1 attempts");
        assertThat(((NetworkClientException) e).maybeDelivered()).as("the attempt was still in flight").isTrue();
        // The late answer is read and dropped; the connection stays in step and in use.
        held.get(0).respond(new BrokerHeartbeatResponse(0, ErrorCode.NONE, true, false, false));
        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
        assertThat(changes).hasSize(1);
        assertThat(quorum.peer(1).connectionsAccepted()).as("no new connection: the first one is still in use").isEqualTo(acceptedBefore);
    }

    // ---- retry rules ----

    @Test
    void createTopicsIsNotSentAgainAfterTheConnectionDroppedOnceItWasWritten() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client();
        heartbeat();
        // Controller 1 creates the topic and dies before answering.
        quorum.intercept = (id, ex) -> {
            if (ex.body() instanceof CreateTopicsRequest r) {
                quorum.acted.add(new FakeQuorum.Acted(id, "CreateTopics", Requests.topicOf(r)));
                ex.closeConnection();
                return true;
            }
            return false;
        };

        Throwable e = Await.failure(client.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("orders"), DEADLINE_MS));

        assertThat(e).isInstanceOf(DisconnectedException.class);
        assertThat(((NetworkClientException) e).maybeDelivered()).isTrue();
        assertThat(quorum.actedOn("CreateTopics")).hasSize(1);
    }

    @Test
    void createTopicsIsSentAgainAfterNotControllerAndCreatedOnce() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client();
        heartbeat();
        quorum.active.set(2);

        CreateTopicsResponse r = Await.value(client.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("orders"), DEADLINE_MS));

        assertThat(r.topics()).extracting(CreateTopicsResponse.TopicResult::error).containsExactly(ErrorCode.NONE);
        assertThat(quorum.actedOn("CreateTopics")).containsExactly(new FakeQuorum.Acted(2, "CreateTopics", "orders"));
    }

    @Test
    void createTopicsIsNotSentAgainAfterItTimedOut() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client(quorum.voters(), SETTINGS.withRequestTimeoutMs(300), FAST);
        heartbeat();
        quorum.intercept = (id, ex) -> ex.body() instanceof CreateTopicsRequest; // swallowed: never answered

        Throwable e = Await.failure(client.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("orders"), DEADLINE_MS));

        assertThat(e).isInstanceOf(RequestTimeoutException.class).hasMessageContaining("300 ms");
        assertThat(quorum.peer(1).received.stream().filter(h -> h.apiKey() == CreateTopicsClientCodec.INSTANCE.apiKey()).count())
                .isEqualTo(1);
    }

    @Test
    void anIdempotentRequestIsSentAgainAfterATimeoutAndAfterADrop() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client(quorum.voters(), SETTINGS.withRequestTimeoutMs(300), FAST);
        heartbeat();
        AtomicInteger seen = new AtomicInteger();
        quorum.intercept = (id, ex) -> {
            if (!(ex.body() instanceof BrokerHeartbeatRequest)) {
                return false;
            }
            int n = seen.incrementAndGet();
            if (n == 1) {
                return true; // swallowed: the attempt times out
            }
            if (n == 2) {
                ex.closeConnection();
                return true;
            }
            return false;
        };

        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
        assertThat(seen.get()).isEqualTo(3);
    }

    @Test
    void anAtMostOnceRequestNeverWrittenIsSentAgain() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client();
        heartbeat();
        // The controller's process is gone: the next connection attempt to it is refused, so nothing is written.
        quorum.active.set(2);
        quorum.peer(1).close();
        await().atMost(FOLLOW_BOUND).until(() -> client.activeControllerId() == 2);

        CreateTopicsResponse r = Await.value(client.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("orders"), DEADLINE_MS));

        assertThat(r.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(quorum.actedOn("CreateTopics")).containsExactly(new FakeQuorum.Acted(2, "CreateTopics", "orders"));
    }

    @Test
    void aFullConnectionIsTheCallersBackpressureNotRetried() throws Exception {
        quorum = new FakeQuorum(3, 1);
        client(quorum.voters(), SETTINGS.withMaxInFlightRequests(1), FAST);
        heartbeat();
        List<FakePeer.Exchange> held = new CopyOnWriteArrayList<>();
        quorum.intercept = (id, ex) -> ex.body() instanceof BrokerHeartbeatRequest && held.add(ex);
        CompletableFuture<BrokerHeartbeatResponse> first = client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS);
        await().atMost(FOLLOW_BOUND).until(() -> held.size() == 1);

        Throwable busy = Await.failure(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS));

        assertThat(busy).isInstanceOf(ConnectionBusyException.class);
        held.get(0).respond(new BrokerHeartbeatResponse(0, ErrorCode.NONE, true, false, false));
        assertThat(Await.value(first).error()).isEqualTo(ErrorCode.NONE);
        assertThat(client.activeControllerId()).as("busy is no reason to look for another controller").isEqualTo(1);
        assertThat(changes).hasSize(1);
    }

    @Test
    void closingFailsCallsWaitingForAController() throws Exception {
        quorum = new FakeQuorum(3, -1);
        client();
        CompletableFuture<BrokerHeartbeatResponse> pending = client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), 60_000);
        await().atMost(FOLLOW_BOUND).until(() -> quorum.describeClusterCount.get() >= 1);

        client.close();

        assertThat(Await.failure(pending)).isInstanceOf(DisconnectedException.class).hasMessageContaining("closed");
        Throwable after = Await.failure(client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), 1_000));
        assertThat(after).isInstanceOf(DisconnectedException.class);
        await().atMost(FOLLOW_BOUND).until(() -> quorum.peer(1).openConnections() + quorum.peer(2).openConnections()
                + quorum.peer(3).openConnections() == 0);
    }

    @Test
    void aVoterThatIsABrokerListenerIsSkipped() throws Exception {
        quorum = new FakeQuorum(3, 3);
        AtomicBoolean refused = new AtomicBoolean();
        quorum.intercept = (id, ex) -> {
            if (id == 1 && ex.body() instanceof DescribeClusterRequest) {
                refused.set(true);
                ex.respond(new io.tributary.wire.api.describecluster.DescribeClusterResponse(0, ErrorCode.MISMATCHED_ENDPOINT_TYPE,
                        "broker endpoint", DescribeClusterRequest.ENDPOINT_TYPE_BROKERS, "c", -1, List.of(), Integer.MIN_VALUE));
                return true;
            }
            return false;
        };
        client();

        assertThat(heartbeat().error()).isEqualTo(ErrorCode.NONE);
        assertThat(refused).isTrue();
        assertThat(client.activeControllerId()).isEqualTo(3);
    }

    // ---- clients sharing one discovery ----

    @Test
    void clientsSharingADiscoveryFindTheControllerWithOneQuestion() throws Exception {
        quorum = new FakeQuorum(3, 1);
        sharedClients(3, DiscoveryBackoff.always(FAST)).forEach(ControllerClient::start);

        await().atMost(FOLLOW_BOUND).until(() -> shared.stream().allMatch(c -> c.activeControllerId() == 1));

        assertThat(quorum.describeClusterCount.get()).as("DescribeCluster requests for three clients").isEqualTo(1);
        assertThat(quorum.peer(1).connectionsAccepted()).as("one probe, then one connection per client").isEqualTo(4);
        shared.forEach(c -> assertThat(heartbeat(c).error()).isEqualTo(ErrorCode.NONE));
    }

    @Test
    void whenTheControllerDiesEveryClientSharingTheDiscoveryFollowsTheOneSearchThatFindsTheNext() throws Exception {
        quorum = new FakeQuorum(3, 1);
        sharedClients(3, DiscoveryBackoff.always(FAST)).forEach(ControllerClientTest::heartbeat);
        int asked = quorum.describeClusterCount.get();

        // SIGKILL of controller 1: every client's connection closes at once and 2 takes over.
        quorum.active.set(2);
        quorum.peer(1).close();

        await().atMost(FOLLOW_BOUND).until(() -> shared.stream().allMatch(c -> c.activeControllerId() == 2));
        // The search starts after the voter that failed: voter 2 names itself, and that one answer serves all three.
        assertThat(quorum.describeClusterCount.get() - asked).as("DescribeCluster requests to follow the move").isEqualTo(1);
        assertThat(quorum.peer(2).connectionsAccepted()).as("one probe, then one connection per client").isEqualTo(4);
        for (List<ControllerChange> seen : sharedChanges) {
            assertThat(seen).extracting(ControllerChange::previousControllerId, ControllerChange::controllerId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(-1, 1), org.assertj.core.groups.Tuple.tuple(1, 2));
        }
    }

    @Test
    void clientsWaitingOutAnElectionAreAllAnsweredByTheFirstRoundThatFindsTheController() throws Exception {
        quorum = new FakeQuorum(3, -1);
        sharedClients(3, DiscoveryBackoff.always(FAST));
        List<CompletableFuture<BrokerHeartbeatResponse>> pending = shared.stream()
                .map(c -> c.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS)).toList();
        // Two whole rounds over the three voters: one search, not one per client.
        await().atMost(FOLLOW_BOUND).until(() -> quorum.describeClusterCount.get() >= 6);
        assertThat(pending).noneMatch(CompletableFuture::isDone);

        int asked = quorum.describeClusterCount.get();
        quorum.active.set(3);
        pending.forEach(p -> assertThat(Await.value(p).error()).isEqualTo(ErrorCode.NONE));

        assertThat(quorum.describeClusterCount.get() - asked).as("DescribeCluster requests once 3 took over: at most one round")
                .isLessThanOrEqualTo(3);
        assertThat(quorum.peer(3).connectionsAccepted()).as("one probe per round that reached 3, then one connection per client")
                .isEqualTo(received(quorum.peer(3), DescribeClusterClientCodec.INSTANCE.apiKey()) + 3);
        assertThat(quorum.actedOn("BrokerHeartbeat")).extracting(FakeQuorum.Acted::controllerId).containsExactly(3, 3, 3);
    }

    @Test
    void aClientToldNotControllerAfterAnotherFoundTheNewControllerGoesThereWithoutAsking() throws Exception {
        quorum = new FakeQuorum(3, 1);
        List<ControllerClient> clients = sharedClients(2, DiscoveryBackoff.always(FAST));
        ControllerClient heartbeats = clients.get(0);
        ControllerClient requests = clients.get(1);
        heartbeat(heartbeats);
        heartbeat(requests);

        // 3 takes over while 1 stays up: the heartbeat client learns first (NOT_CONTROLLER, then a search).
        quorum.active.set(3);
        assertThat(heartbeat(heartbeats).error()).isEqualTo(ErrorCode.NONE);
        int asked = quorum.describeClusterCount.get();

        // The forwarding client still holds its connection to 1; its CreateTopics is refused there and goes to 3 directly.
        CreateTopicsResponse r = Await.value(requests.send(CreateTopicsClientCodec.INSTANCE, Requests.createTopic("orders"), DEADLINE_MS));

        assertThat(r.topics()).extracting(CreateTopicsResponse.TopicResult::error).containsExactly(ErrorCode.NONE);
        assertThat(quorum.actedOn("CreateTopics")).containsExactly(new FakeQuorum.Acted(3, "CreateTopics", "orders"));
        assertThat(quorum.describeClusterCount.get()).as("no DescribeCluster: the discovery already knew").isEqualTo(asked);
        assertThat(requests.activeControllerId()).isEqualTo(3);
    }

    @Test
    void aControllerNamedByAVoterIsUsedOnlyOnceItSaysItHasTakenOver() throws Exception {
        quorum = new FakeQuorum(3, 3);
        AtomicBoolean tookOver = new AtomicBoolean();
        // Voters 1 and 2 already name the new Raft leader 3, which has not yet taken over as controller.
        quorum.intercept = (id, ex) -> {
            if (id == 3 && ex.body() instanceof DescribeClusterRequest && !tookOver.get()) {
                quorum.describeClusterCount.incrementAndGet();
                ex.respond(Requests.controllers("fake-cluster", -1, List.of()));
                return true;
            }
            return false;
        };
        client();
        CompletableFuture<BrokerHeartbeatResponse> pending = client.send(BrokerHeartbeatClientCodec.INSTANCE, Requests.heartbeat(7), DEADLINE_MS);
        await().atMost(FOLLOW_BOUND).until(() -> received(quorum.peer(3), DescribeClusterClientCodec.INSTANCE.apiKey()) >= 3);
        assertThat(pending).isNotDone();

        tookOver.set(true);

        assertThat(Await.value(pending).error()).isEqualTo(ErrorCode.NONE);
        assertThat(received(quorum.peer(3), BrokerHeartbeatClientCodec.INSTANCE.apiKey())).as("heartbeats sent to 3").isEqualTo(1);
        assertThat(quorum.actedOn("BrokerHeartbeat")).as("heartbeats 3 acted on, as the active controller").hasSize(1);
        assertThat(changes).hasSize(1);
    }
}
