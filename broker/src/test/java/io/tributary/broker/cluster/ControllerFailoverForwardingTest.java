package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.net.client.ClientSettings;
import io.tributary.broker.net.client.ClientTransport;
import io.tributary.broker.net.client.NodeConnection;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarding path across a controller failover, in a three-node cluster in this JVM: once a new
 * controller has taken over, a CreateTopics sent to a surviving broker is forwarded there promptly. A
 * broker's three controller connections share one discovery, so its forwarding connection does not find
 * the new controller a backoff round (up to a second) after its heartbeat connection did.
 */
class ControllerFailoverForwardingTest {

    /**
     * From the new controller taking over to the CreateTopics acknowledged. Typically 100-200 ms here; the
     * bound only catches a forwarding connection that is stuck (one that never looks again, or waits out
     * a session), and leaves room for a loaded two-core CI machine running three nodes. How much sooner
     * sharing the discovery makes it is a figure for the cluster benchmark, not an assertion: that the
     * three connections share one search is shown by ControllerDiscoveryTest.
     */
    private static final long GAP_BOUND_MS = 5_000;
    private static final int ATTEMPT_TIMEOUT_MS = 2_000;
    private static final long GIVE_UP_MS = 30_000;

    @TempDir
    Path dir;

    @Test
    void aCreateTopicsThroughASurvivorThatIsNotTheControllerSucceedsSoonAfterANewControllerTakesOver() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3).start();
             ClientTransport transport = ClientTransport.create(1, "failover-test-client")) {
            int old = c.activeController();
            List<Integer> survivors = IntStream.rangeClosed(1, 3).filter(i -> i != old).boxed().toList();
            TakeoverClock clock = new TakeoverClock();
            Map<Integer, NodeConnection> connections = new HashMap<>();
            for (int id : survivors) {
                c.node(id).controller().addListener(clock.listenerFor(id));
                String[] hostPort = c.bootstrap(id).split(":");
                connections.put(id, transport.connect(hostPort[0], Integer.parseInt(hostPort[1]),
                        ClientSettings.defaults("failover-test")).get(10, TimeUnit.SECONDS));
            }

            long killNs = System.nanoTime();
            // In this JVM a kill returns only once the old node's Raft member has stopped, which takes a while;
            // the cluster goes on meanwhile, as it would around a SIGKILL, so the kill runs aside.
            CompletableFuture<Void> kill = CompletableFuture.runAsync(() -> c.kill(old));
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(2)).until(() -> clock.nodeId.get() > 0);
            long takeoverNs = clock.takeoverNs.get();
            int newController = clock.nodeId.get();
            // The survivor that did not take over must forward: its controller connections lost the old controller.
            int via = survivors.stream().filter(id -> id != newController).findFirst().orElseThrow();
            NodeConnection conn = connections.get(via);

            // As a client does after a failover: each attempt with a fresh topic and its own timeout, the next at once.
            List<String> answers = new CopyOnWriteArrayList<>();
            AtomicLong ackNs = new AtomicLong();
            await().atMost(Duration.ofMillis(GIVE_UP_MS)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                String topic = "after-failover-" + answers.size();
                CreateTopicsResponse r = conn.send(CreateTopicsClientCodec.INSTANCE, createTopic(topic), ATTEMPT_TIMEOUT_MS * 2L)
                        .get(ATTEMPT_TIMEOUT_MS * 3L, TimeUnit.MILLISECONDS);
                ErrorCode error = r.topics().get(0).error();
                answers.add(topic + ": " + error);
                if (error == ErrorCode.NONE) {
                    ackNs.set(System.nanoTime());
                    return true;
                }
                return false;
            });

            kill.get(TestCluster.READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertThat(c.activeController()).as("the node that took over is still active").isEqualTo(newController);
            long takeoverMs = (takeoverNs - killNs) / 1_000_000;
            long ackMs = (ackNs.get() - killNs) / 1_000_000;
            long gapMs = (ackNs.get() - takeoverNs) / 1_000_000;
            System.out.printf("CONTROLLER FAILOVER, FORWARDING (in-process): node %d killed; node %d active after %d ms; "
                    + "CreateTopics through node %d acknowledged after %d ms, %d ms after the takeover (%d attempts: %s)%n",
                    old, newController, takeoverMs, via, ackMs, gapMs, answers.size(), answers);
            assertThat(gapMs).as("from the takeover to the CreateTopics acknowledged through node %d; answers: %s", via, answers)
                    .isLessThan(GAP_BOUND_MS);
        }
    }

    private static CreateTopicsRequest createTopic(String name) {
        return new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic(name, 1, (short) 1, List.of(), List.of())),
                ATTEMPT_TIMEOUT_MS, false);
    }

    /** Notes which survivor's controller takes over first, and when. */
    private static final class TakeoverClock {
        final AtomicInteger nodeId = new AtomicInteger();
        final AtomicLong takeoverNs = new AtomicLong();

        MetadataLog.Listener listenerFor(int id) {
            return new MetadataLog.Listener() {
                @Override
                public void onBecomeActive(long epoch) {
                    // The time first, then the id the test waits for, so the time is set once the id is seen.
                    long now = System.nanoTime();
                    synchronized (TakeoverClock.this) {
                        if (nodeId.get() == 0) {
                            takeoverNs.set(now);
                            nodeId.set(id);
                        }
                    }
                }

                @Override
                public void onCommit(long offset, List<MetadataRecord> records) {
                }

                @Override
                public void onResign() {
                }

                @Override
                public void onSnapshotLoaded(MetadataImage image) {
                }
            };
        }
    }
}
