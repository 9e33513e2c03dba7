package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.Broker;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brokers joining, failing and leaving a three-node cluster in this JVM: fencing when a broker's
 * process goes (its heartbeat connection closes), re-registration after a restart, a controller
 * failover that fences nobody, and a clean stop that hands leaderships away first.
 */
class ClusterMembershipTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final long SESSION_MS = 60_000;

    @TempDir
    Path dir;

    private static BrokerRegistration registration(Broker seenBy, int brokerId) {
        return seenBy.metadata().image().broker(brokerId);
    }

    /** A node that is not the active controller, so killing it costs no failover. */
    private static int aBrokerOnly(TestCluster c) {
        int active = c.activeController();
        return active == 3 ? 2 : 3;
    }

    @Test
    void aBrokerWhoseProcessDiesIsFencedAtOnceAndRegistersAgainWhenItComesBack() throws Exception {
        // A session far longer than the wait below: a broker fenced within it was fenced because its
        // heartbeat connection closed, not because its session lapsed.
        try (TestCluster c = new TestCluster(dir, 3, Map.of("broker.session.timeout.ms", String.valueOf(SESSION_MS))).start()) {
            int victim = aBrokerOnly(c);
            int watcher = c.activeController();
            long epochBefore = registration(c.node(watcher), victim).brokerEpoch();
            assertThat(registration(c.node(watcher), victim).fenced()).isFalse();

            AtomicLong fencedNs = new AtomicLong();
            c.node(watcher).metadata().onPublished(image -> {
                if (image.broker(victim) != null && image.broker(victim).fenced()) {
                    fencedNs.compareAndSet(0, System.nanoTime());
                }
            });
            long killNs = System.nanoTime();
            // The in-process kill returns only once its Raft member has stopped too; the fencing happens meanwhile.
            c.kill(victim);
            // Fenced through the closed heartbeat connection: BOUND is a third of the session.
            await().atMost(BOUND).until(() -> registration(c.node(watcher), victim).fenced());
            long fencedMs = (fencedNs.get() - killNs) / 1_000_000;
            System.out.printf("FENCING after a broker's process died: %d ms (broker.session.timeout.ms is %d)%n", fencedMs, SESSION_MS);

            c.startNode(victim);
            c.node(victim).ready().get(TestCluster.READY_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            assertThat(c.node(victim).metadata().image().broker(victim).brokerEpoch()).as("a new registration").isGreaterThan(epochBefore);
            for (int id = 1; id <= 3; id++) {
                int seer = id;
                await().atMost(BOUND).until(() -> !registration(c.node(seer), victim).fenced());
            }
        }
    }

    @Test
    void aControllerFailoverFencesNobodyAndAdminRequestsWorkAgain() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).start()) {
            int old = c.activeController();
            List<Integer> survivors = java.util.stream.IntStream.rangeClosed(1, 3).filter(i -> i != old).boxed().toList();
            long killNs = System.nanoTime();
            c.kill(old);
            await().atMost(BOUND).until(() -> c.activeController() > 0 && c.activeController() != old);
            long activeMs = (System.nanoTime() - killNs) / 1_000_000;
            int now = c.activeController();
            c.admin(survivors.get(0)).createTopics(List.of(new NewTopic("after-failover", 3, (short) 2))).all().get();
            long topicMs = (System.nanoTime() - killNs) / 1_000_000;
            System.out.printf("CONTROLLER FAILOVER (in-process, the old leader hands off as it closes): node %d active %d ms after "
                    + "node %d stopped; first topic created through a survivor after %d ms%n", now, activeMs, old, topicMs);
            // The new controller's grace period: the surviving brokers were never fenced.
            for (int id : survivors) {
                for (int seer : survivors) {
                    assertThat(registration(c.node(seer), id).fenced()).as("broker %d seen by %d", id, seer).isFalse();
                }
            }
            for (int seer : survivors) {
                await().atMost(BOUND).until(() -> c.node(seer).metadata().image().topic("after-failover") != null);
            }
        }
    }

    @Test
    void aCleanStopHandsLeadershipsAwayAndTheRestartOffersItsPreviousEpoch() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).start()) {
            c.admin(1).createTopics(List.of(new NewTopic("handed-over", 6, (short) 3))).all().get();
            int leaving = aBrokerOnly(c);
            int watcher = c.activeController();
            await().atMost(BOUND).until(() -> leads(c.node(watcher).metadata().image(), leaving));
            long epoch = registration(c.node(watcher), leaving).brokerEpoch();

            c.stop(leaving);
            // The controller moved the leaderships before it let the node stop; the watcher's image follows within a round trip.
            await().atMost(BOUND).until(() -> !leads(c.node(watcher).metadata().image(), leaving)
                    && c.node(watcher).metadata().image().broker(leaving).fenced());
            MetadataImage after = c.node(watcher).metadata().image();
            assertThat(leads(after, leaving)).as("node %d leads nothing once stopped", leaving).isFalse();
            assertThat(after.broker(leaving).fenced()).isTrue();
            TopicImage t = after.topic("handed-over");
            for (int p = 0; p < t.partitionCount(); p++) {
                assertThat(t.partition(p).isr()).doesNotContain(leaving);
                assertThat(t.partition(p).hasLeader()).isTrue();
            }
            Path saved = dir.resolve("node-" + leaving).resolve(PreviousBrokerEpoch.FILE_NAME);
            assertThat(Files.readString(saved).trim()).isEqualTo(String.valueOf(epoch));

            c.startNode(leaving);
            assertThat(saved).as("read and removed at start").doesNotExist();
            c.node(leaving).ready().get(TestCluster.READY_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            await().atMost(BOUND).until(() -> registration(c.node(watcher), leaving).brokerEpoch() > epoch
                    && !registration(c.node(watcher), leaving).fenced());
        }
    }

    private static boolean leads(MetadataImage image, int brokerId) {
        for (TopicImage t : image.topics().values()) {
            for (int p = 0; p < t.partitionCount(); p++) {
                PartitionRegistration reg = t.partition(p);
                if (reg.leader() == brokerId) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aBrokerOnlyNodeJoinsThroughTheVotersAndServes() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).start()) {
            Broker four = c.startBrokerOnly(4);
            assertThat(four.controller()).as("no controller role").isNull();
            assertThat(four.controllerListener()).isNull();
            assertThat(Files.exists(dir.resolve("node-4").resolve("__cluster_metadata-0"))).as("no metadata on disk").isFalse();
            c.admin(4).createTopics(List.of(new NewTopic("on-four", Map.of(0, List.of(4)))))
                    .all().get();
            await().atMost(BOUND).until(() -> four.replicaManager().partition(new io.tributary.common.TopicPartition("on-four", 0)) != null);
            assertThat(c.admin(1).describeCluster().nodes().get()).hasSize(4);
        }
    }

    @Test
    void thePreviousEpochFileIsReadOnceAndIgnoredWhenDamaged() throws Exception {
        Files.createDirectories(dir);
        PreviousBrokerEpoch.write(dir, 42);
        assertThat(PreviousBrokerEpoch.take(dir)).isEqualTo(OptionalLong.of(42));
        assertThat(PreviousBrokerEpoch.take(dir)).isEmpty();
        Files.writeString(dir.resolve(PreviousBrokerEpoch.FILE_NAME), "not a number\n");
        assertThat(PreviousBrokerEpoch.take(dir)).isEmpty();
    }
}
