package io.tributary.controller;

import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.image.PartitionRegistration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.tributary.controller.DriverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The active controller's leader-imbalance timer, on a hand-driven clock: nothing before one interval,
 * the preferred replica back in the lead at the first check after it, and nothing when disabled.
 */
class LeaderBalanceTimerTest {

    private static final long INTERVAL_MS = 1000;

    private static UnaryOperator<ControllerDriverConfig> interval(boolean enabled) {
        return c -> ControllerDriverConfig.of(c.nodeId(), (enabled ? c.controller()
                : io.tributary.metadata.controller.ControllerConfig.fromProperties(Map.of("auto.leader.rebalance.enable", "false"))
                        .withBrokerSessionTimeoutMs(c.brokerSessionTimeoutMs()))
                .withLeaderImbalanceCheckIntervalMs(INTERVAL_MS));
    }

    /** Broker 1 is preferred for t-0 but broker 2 leads it, both in the ISR. */
    private static long[] imbalance(DriverFixture f) throws Exception {
        f.activate();
        f.log.autoCommit(true);
        long e1 = f.registerUnfenced(1, "c1");
        long e2 = f.registerUnfenced(2, "c2");
        f.driver.submit(new CreateTopicsRequest(List.of(new CreateTopicsRequest.Topic("t", -1, -1,
                Map.of(0, List.of(1, 2)), Map.of())), false)).get();
        f.driver.heartbeat(1, e1, f.image().lastAppliedOffset(), true, false, "c1").get();
        assertThat(part(f).leader()).as("fenced broker 1 lost t-0").isEqualTo(2);
        f.heartbeat(1, e1, "c1");
        PartitionRegistration p = part(f);
        f.driver.submit(new AlterPartitionRequest(2, e2, List.of(new AlterPartitionRequest.TopicData(f.image().topic("t").id(),
                List.of(new AlterPartitionRequest.PartitionData(0, p.leaderEpoch(), List.of(
                        new AlterPartitionRequest.IsrMember(2, e2), new AlterPartitionRequest.IsrMember(1, e1)),
                        p.partitionEpoch())))))).get();
        assertThat(part(f).isr()).containsExactlyInAnyOrder(1, 2);
        return new long[] {e1, e2};
    }

    private static PartitionRegistration part(DriverFixture f) {
        return f.image().topic("t").partition(0);
    }

    /** Advances the clock by {@code ms}, keeping both brokers' sessions alive. */
    private static void advance(DriverFixture f, long[] epochs, long ms) throws Exception {
        f.time.advanceMs(ms);
        f.heartbeat(1, epochs[0], "c1");
        f.heartbeat(2, epochs[1], "c2");
        f.barrier();
    }

    @Test
    void thePreferredReplicaLeadsAgainAtTheFirstCheck() throws Exception {
        try (DriverFixture f = new DriverFixture(interval(true))) {
            long[] epochs = imbalance(f);
            advance(f, epochs, INTERVAL_MS / 2);
            assertThat(part(f).leader()).as("no check yet").isEqualTo(2);
            advance(f, epochs, INTERVAL_MS / 2);
            await().atMost(WAIT).until(() -> part(f).leader() == 1);
        }
    }

    @Test
    void disabledItNeverMovesLeaders() throws Exception {
        try (DriverFixture f = new DriverFixture(interval(false))) {
            long[] epochs = imbalance(f);
            for (int i = 0; i < 3; i++) {
                advance(f, epochs, INTERVAL_MS);
            }
            f.barrier();
            assertThat(part(f).leader()).isEqualTo(2);
        }
    }
}
