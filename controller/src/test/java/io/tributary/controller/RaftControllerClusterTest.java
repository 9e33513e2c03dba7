package io.tributary.controller;

import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.NoOpRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Three controller nodes, each a driver over its own member of a Raft quorum, in one JVM on ephemeral ports. */
class RaftControllerClusterTest {

    /** Long, so that no broker is fenced by its session while these tests are about the quorum. */
    private static final long SESSION_MS = 120_000;
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private RaftTestCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
            assertThat(cluster.fatalErrors).as("fatal errors on any node").isEmpty();
        }
    }

    private static long registerUnfenced(ControllerDriver active, int brokerId) throws Exception {
        RegisterBrokerResponse r = active.submit(new RegisterBrokerRequest(brokerId, null, new UUID(brokerId, 1),
                List.of(new BrokerEndpoint("PLAINTEXT", "localhost", 9092 + brokerId, "PLAINTEXT")), null)).get(10, TimeUnit.SECONDS);
        assertThat(r.error().isSuccess()).as("%s", r.error()).isTrue();
        BrokerHeartbeatResponse hb = active.heartbeat(brokerId, r.brokerEpoch(), active.committedImage().lastAppliedOffset(),
                false, false, "conn-" + brokerId).get(10, TimeUnit.SECONDS);
        assertThat(hb.isFenced()).isFalse();
        return r.brokerEpoch();
    }

    private static CreateTopicsResponse createTopic(ControllerDriver active, String name, int partitions) throws Exception {
        CreateTopicsResponse r = active.submit(new CreateTopicsRequest(List.of(CreateTopicsRequest.Topic.of(name, partitions, 1)),
                false)).get(10, TimeUnit.SECONDS);
        assertThat(r.topics()).singleElement().satisfies(t -> assertThat(t.error().isSuccess()).as("%s", t.error()).isTrue());
        return r;
    }

    private void awaitSameImages(List<RaftTestCluster.Node> nodes) {
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().map(n -> n.driver.committedImage()).distinct().count() == 1);
    }

    @Test
    void aTopicCreatedThroughTheActiveControllerReachesEveryNodeAndAnotherTakesOverWhenItStops() throws Exception {
        cluster = new RaftTestCluster(root, 3, SESSION_MS, b -> b);
        RaftTestCluster.Node active = cluster.startAll();
        long epoch = registerUnfenced(active.driver, 1);
        createTopic(active.driver, "orders", 3);
        awaitSameImages(cluster.nodes);
        for (RaftTestCluster.Node n : cluster.nodes) {
            MetadataImage image = n.driver.committedImage();
            assertThat(image.topic("orders").partitionCount()).as("node %d", n.id).isEqualTo(3);
            assertThat(image.clusterId()).isPresent();
            if (n != active) {
                assertThat(n.driver.isActive()).isFalse();
                assertThat(n.driver.activeControllerId()).as("node %d knows the active controller", n.id).hasValue(active.id);
                CompletableFuture<CreateTopicsResponse> refused = n.driver.submit(new CreateTopicsRequest(
                        List.of(CreateTopicsRequest.Topic.of("nope", 1, 1)), false));
                assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(NotControllerException.class)
                        .satisfies(e -> assertThat(((NotControllerException) e).leaderHint()).hasValue(active.id));
                // The log itself refuses a follower's append the same way.
                CompletableFuture<Long> direct = n.log.append(n.log.currentTerm(), List.of(new NoOpRecord()));
                assertThatThrownBy(() -> direct.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotControllerException.class)
                        .satisfies(e -> assertThat(((NotControllerException) e).leaderHint()).hasValue(active.id));
            }
        }

        long stopNs = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(active::stop);
        RaftTestCluster.Node next = await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(5))
                .until(() -> cluster.nodes.stream().filter(n -> n != active).filter(RaftTestCluster.Node::running)
                        .filter(n -> n.driver.isActive()).findFirst(), java.util.Optional::isPresent).orElseThrow();
        // The broker stays registered and unfenced: a controller failover alone fences nobody.
        assertThat(next.driver.committedImage().isActiveBroker(1)).isTrue();
        BrokerHeartbeatResponse hb = next.driver.heartbeat(1, epoch, next.driver.committedImage().lastAppliedOffset(), false,
                false, "conn-1b").get(10, TimeUnit.SECONDS);
        assertThat(hb.isFenced()).isFalse();
        createTopic(next.driver, "after-failover", 1);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopNs);
        System.out.println("TAKEOVER controller node " + active.id + " -> " + next.id + ": first command committed "
                + takeoverMs + " ms after the stop began (clean stop, with hand-off)");
        assertThat(Duration.ofMillis(takeoverMs)).isLessThan(TAKEOVER_BOUND);
        stopping.get(20, TimeUnit.SECONDS);

        List<RaftTestCluster.Node> left = cluster.running();
        awaitSameImages(left);
        assertThat(left).allSatisfy(n -> assertThat(n.driver.committedImage().topic("after-failover")).isNotNull());
    }

    @Test
    void aFailedAppendMakesAnotherControllerActiveWhileTheOldOneFollowsAndCanLeadAgain() throws Exception {
        cluster = new RaftTestCluster(root, 3, SESSION_MS, b -> b);
        RaftTestCluster.Node active = cluster.startAll();
        registerUnfenced(active.driver, 1);
        createTopic(active.driver, "before", 1);
        long term = active.log.currentTerm();

        // A commit slower than the request timeout: the driver hears its append failed while Raft
        // still makes this node leader, so it goes standby and asks the log to move leadership on.
        active.faults.failNextAppends(1);
        long t0 = System.nanoTime();
        CompletableFuture<CreateTopicsResponse> failed = active.driver.submit(new CreateTopicsRequest(
                List.of(CreateTopicsRequest.Topic.of("slow", 1, 1)), false));
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotControllerException.class);
        // Should the hand-off find no follower that answered recently (a loaded machine), the node
        // steps down without a successor and may win the next election itself, as RaftQuorum#stepDown
        // documents. That is correct, but it is not what this test is about: step it down again.
        RaftTestCluster.Node next = await().atMost(TAKEOVER_BOUND).pollInterval(Duration.ofMillis(5)).until(() -> {
            long now = active.log.currentTerm();
            if (active.driver.isActive() && now > term) {
                System.out.println("node " + active.id + " won term " + now + " again after stepping down; stepping down again");
                active.log.stepDown(now);
            }
            return cluster.nodes.stream().filter(n -> n != active).filter(RaftTestCluster.Node::running)
                    .filter(n -> n.driver.isActive()).findFirst();
        }, java.util.Optional::isPresent).orElseThrow();
        createTopic(next.driver, "after", 1);
        long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println("TAKEOVER controller node " + active.id + " -> " + next.id + ": first command committed "
                + takeoverMs + " ms after the append failed (step-down)");
        assertThat(Duration.ofMillis(takeoverMs)).isLessThan(TAKEOVER_BOUND);

        // The node that stepped down is a follower of the same quorum member, with everything.
        awaitSameImages(cluster.nodes);
        assertThat(active.running()).isTrue();
        assertThat(active.driver.isActive()).isFalse();
        assertThat(active.driver.activeControllerId()).hasValue(next.id);
        assertThat(active.driver.committedImage().topic("after")).isNotNull();
        assertThat(active.log.currentTerm()).isGreaterThan(term);

        // And it can lead again: with the third node stopped, it is the only one the new leader can
        // hand off to. (Should a hand-off lose its election on a loaded machine, the fallback may
        // re-elect the new leader; step down again until the old node is active.)
        RaftTestCluster.Node third = cluster.nodes.stream().filter(n -> n != active && n != next).findFirst().orElseThrow();
        third.stop();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (next.driver.isActive()) {
                next.log.stepDown(next.log.currentTerm());
            }
            return active.driver.isActive();
        });
        createTopic(active.driver, "again", 1);
        awaitSameImages(cluster.running());
        assertThat(next.driver.committedImage().topic("again")).isNotNull();
    }

    @Test
    void restartingAllThreeFromTheirDirectoriesKeepsTheImage() throws Exception {
        // Snapshots every few entries, so the restart loads a snapshot and replays a log tail after it.
        cluster = new RaftTestCluster(root, 3, SESSION_MS, b -> b.snapshotIntervalEntries(4));
        RaftTestCluster.Node active = cluster.startAll();
        registerUnfenced(active.driver, 1);
        registerUnfenced(active.driver, 2);
        for (int i = 0; i < 7; i++) {
            createTopic(active.driver, "topic-" + i, 1 + i % 3);
        }
        awaitSameImages(cluster.nodes);
        MetadataImage before = active.driver.committedImage();

        cluster.stopAll();
        RaftTestCluster.Node again = cluster.startAll();
        // Followers may still be replaying their log tail when the leader is ready.
        await().atMost(Duration.ofSeconds(20)).until(() -> cluster.nodes.stream()
                .allMatch(n -> n.driver.committedImage().topics().equals(before.topics())));
        for (RaftTestCluster.Node n : cluster.nodes) {
            MetadataImage after = n.driver.committedImage();
            assertThat(after.clusterId()).as("node %d", n.id).isEqualTo(before.clusterId());
            assertThat(after.topics()).as("node %d", n.id).isEqualTo(before.topics());
            assertThat(after.brokers()).as("node %d", n.id).isEqualTo(before.brokers());
            assertThat(after.lastAppliedOffset()).isGreaterThanOrEqualTo(before.lastAppliedOffset());
        }
        // And the restarted quorum takes commands.
        createTopic(again.driver, "after-restart", 2);
        awaitSameImages(cluster.nodes);
        assertThat(cluster.nodes).allSatisfy(n -> assertThat(n.driver.committedImage().topic("after-restart")).isNotNull());
    }
}
