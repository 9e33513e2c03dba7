package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ControllerDiscovery} on its own, against fake voters: one search for every client that asks, a
 * stale report that does not make it forget a newer controller, and rounds paced by the backoff (never a
 * busy loop), whether no voter answers or the voters answer that an election is under way.
 */
class ControllerDiscoveryTest {

    private static final ClientSettings PROBES = ClientSettings.defaults("broker-7-discovery").withRequestTimeoutMs(2_000);
    private static final Duration BOUND = Duration.ofSeconds(5);

    private final ClientTransport transport = ClientTransport.create(1, "controller-discovery-test");
    private FakeQuorum quorum;
    private ControllerDiscovery discovery;
    /** When the discovery drew the randomness for a delay: once per scheduled retry, so once per failed round. */
    private final List<Long> drawsNs = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (discovery != null) {
            discovery.close();
        }
        if (quorum != null) {
            quorum.close();
        }
        transport.close();
    }

    private ControllerDiscovery discovery(Map<Integer, InetSocketAddress> voters, DiscoveryBackoff backoff) {
        DoubleSupplier random = () -> {
            drawsNs.add(System.nanoTime());
            return 0.5;
        };
        discovery = new ControllerDiscovery(voters, transport, PROBES, backoff, random);
        return discovery;
    }

    @Test
    void clientsAskingAtOnceShareOneSearchAndOneAnswer() throws Exception {
        quorum = new FakeQuorum(3, 2);
        discovery(quorum.voters(), DiscoveryBackoff.DEFAULT);

        CompletableFuture<ControllerDiscovery.Found> a = discovery.find(null, "lifecycle", null);
        CompletableFuture<ControllerDiscovery.Found> b = discovery.find(null, "metadata", null);
        ControllerDiscovery.Found found = Await.value(a);

        assertThat(Await.value(b)).isSameAs(found);
        assertThat(found.id()).isEqualTo(2);
        assertThat(discovery.activeId()).isEqualTo(2);
        // Voter 1 names 2, and 2 confirms it is active itself: two questions for both clients.
        assertThat(quorum.describeClusterCount.get()).isEqualTo(2);
        assertThat(Await.value(discovery.find(null, "requests", null))).as("known now: no search").isSameAs(found);
        assertThat(quorum.describeClusterCount.get()).isEqualTo(2);
    }

    @Test
    void aClientReportingAControllerAnotherClientAlreadyReplacedGetsTheNewOneWithoutASearch() throws Exception {
        quorum = new FakeQuorum(3, 1);
        discovery(quorum.voters(), DiscoveryBackoff.DEFAULT);
        ControllerDiscovery.Found first = Await.value(discovery.find(null, "lifecycle", null));

        quorum.active.set(3);
        ControllerDiscovery.Found second = Await.value(discovery.find(first, "lifecycle", "NOT_CONTROLLER"));
        assertThat(second.id()).isEqualTo(3);
        assertThat(second.generation()).isGreaterThan(first.generation());
        int asked = quorum.describeClusterCount.get();

        ControllerDiscovery.Found forRequests = Await.value(discovery.find(first, "requests", "NOT_CONTROLLER"));

        assertThat(forRequests).isSameAs(second);
        assertThat(quorum.describeClusterCount.get()).as("no DescribeCluster for a stale report").isEqualTo(asked);
        assertThat(discovery.activeId()).isEqualTo(3);
    }

    @Test
    void withEveryVoterDownRoundsFollowTheBackoffInsteadOfLooping() throws Exception {
        quorum = new FakeQuorum(3, 1);
        Map<Integer, InetSocketAddress> voters = quorum.voters();
        quorum.close();
        Backoff unreachable = new Backoff(40, 160, 0.2);
        discovery(voters, new DiscoveryBackoff(unreachable, Backoff.CONTROLLER_ELECTION, 30));

        CompletableFuture<ControllerDiscovery.Found> pending = discovery.find(null, "lifecycle", null);
        await().atMost(BOUND).until(() -> drawsNs.size() >= 5);

        assertThat(pending).isNotDone();
        // Draw k schedules retry k, which runs a whole round before draw k + 1 is taken.
        for (int k = 1; k < drawsNs.size(); k++) {
            long gapMs = (drawsNs.get(k) - drawsNs.get(k - 1)) / 1_000_000;
            assertThat(gapMs).as("time from scheduling retry %d to the next failed round", k)
                    .isGreaterThanOrEqualTo(unreachable.delayMs(k, 0.5) - 5);
        }
    }

    @Test
    void whileVotersAnswerThatNobodyLeadsRoundsFollowTheShortElectionBackoffUntilSomeoneTakesOver() throws Exception {
        quorum = new FakeQuorum(3, -1);
        discovery(quorum.voters(), DiscoveryBackoff.DEFAULT);

        CompletableFuture<ControllerDiscovery.Found> pending = discovery.find(null, "lifecycle", null);
        await().atMost(BOUND).until(() -> drawsNs.size() >= 4);
        assertThat(pending).isNotDone();
        for (int k = 1; k < drawsNs.size(); k++) {
            long gapMs = (drawsNs.get(k) - drawsNs.get(k - 1)) / 1_000_000;
            assertThat(gapMs).isGreaterThanOrEqualTo(Backoff.CONTROLLER_ELECTION.delayMs(k, 0.5) - 5);
        }

        quorum.active.set(2);

        assertThat(Await.value(pending).id()).isEqualTo(2);
    }

    @Test
    void closingFailsTheSearchInProgressAndEveryLaterFind() throws Exception {
        quorum = new FakeQuorum(3, -1);
        discovery(quorum.voters(), DiscoveryBackoff.DEFAULT);
        CompletableFuture<ControllerDiscovery.Found> pending = discovery.find(null, "lifecycle", null);

        discovery.close();

        assertThat(Await.failure(pending)).isInstanceOf(DisconnectedException.class);
        assertThat(Await.immediateFailure(discovery.find(null, "metadata", null))).isInstanceOf(DisconnectedException.class);
        assertThat(discovery.activeId()).isEqualTo(-1);
    }
}
