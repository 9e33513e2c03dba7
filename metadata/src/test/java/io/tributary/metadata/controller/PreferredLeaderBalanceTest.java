package io.tributary.metadata.controller;

import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.controller.api.BalanceLeadersResponse;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automatic preferred-leader rebalance as a pure decision over hand-built images: who counts as
 * imbalanced, the per-broker threshold, and which preferred replicas may take leadership back.
 */
class PreferredLeaderBalanceTest {

    private static final TopicId TOPIC_ID = TopicId.random(new Random(1));
    private final PreferredLeaderBalance balance = new PreferredLeaderBalance(
            new PartitionElections(new io.tributary.metadata.config.TopicConfigResolver(java.util.Map.of())));

    /**
     * Brokers 0, 1, 2 ({@code fenced} among them registered fenced); topic "t" with one partition per
     * entry of {@code leaders}, replicas [0, 1, 2] (so 0 is preferred for all), ISR all three except
     * the partitions in {@code zeroOutOfIsr}.
     */
    private static MetadataImage image(int[] leaders, Set<Integer> zeroOutOfIsr, Set<Integer> fenced) {
        List<MetadataRecord> records = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            records.add(new RegisterBrokerRecord(id, 10 + id, new java.util.UUID(id, 7), TestCluster.endpoints(id), null,
                    fenced.contains(id)));
        }
        records.add(new TopicRecord("t", TOPIC_ID));
        for (int p = 0; p < leaders.length; p++) {
            List<Integer> isr = zeroOutOfIsr.contains(p) ? List.of(1, 2) : List.of(0, 1, 2);
            records.add(new PartitionRecord(TOPIC_ID, p, List.of(0, 1, 2), isr, leaders[p], 3, 5));
        }
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replayAll(records);
        return delta.apply(100);
    }

    private static TopicPartition t(int p) {
        return new TopicPartition("t", p);
    }

    @Test
    void movesEveryEligiblePartitionBackOnceTheShareExceedsThePercentage() {
        // 3 of 10 led elsewhere: 30% > 20%.
        MetadataImage img = image(new int[] {0, 1, 0, 2, 0, 1, 0, 0, 0, 0}, Set.of(), Set.of());
        ControllerResult<BalanceLeadersResponse> r = balance.balance(img, 20);
        assertThat(r.response().moved()).containsExactly(t(1), t(3), t(5));
        assertThat(r.response().reasons()).singleElement().asString().contains("broker 0").contains("30% > 20%");
        assertThat(r.records()).hasSize(3).allSatisfy(rec -> {
            PartitionChangeRecord c = (PartitionChangeRecord) rec;
            assertThat(c.leader()).hasValue(0);
            assertThat(c.leaderEpoch()).as("a new leader epoch").isEqualTo(4);
            assertThat(c.isr()).as("the ISR stays").isEmpty();
        });
        MetadataDelta after = new MetadataDelta(img);
        after.replayAll(r.records());
        assertThat(balance.balance(after.apply(101), 20).records()).as("balanced now").isEmpty();
    }

    @Test
    void atOrBelowThePercentageNothingMoves() {
        MetadataImage img = image(new int[] {0, 1, 0, 2, 0, 1, 0, 0, 0, 0}, Set.of(), Set.of());
        assertThat(balance.balance(img, 30).records()).as("30% is not above 30%").isEmpty();
        assertThat(balance.balance(img, 30).response()).isEqualTo(BalanceLeadersResponse.NOTHING);
        assertThat(balance.balance(image(new int[] {0, 0, 0}, Set.of(), Set.of()), 0).records()).as("balanced").isEmpty();
        assertThat(balance.balance(image(new int[] {1, 0, 0}, Set.of(), Set.of()), 0).response().moved())
                .as("0% moves any").containsExactly(t(0));
    }

    @Test
    void aPreferredReplicaOutsideTheIsrDoesNotTakeLeadership() {
        MetadataImage img = image(new int[] {1, 1, 2, 0}, Set.of(0, 2), Set.of());
        ControllerResult<BalanceLeadersResponse> r = balance.balance(img, 10);
        assertThat(r.response().moved()).as("partitions 0 and 2 wait for 0 to rejoin their ISR").containsExactly(t(1));
        assertThat(balance.balance(image(new int[] {1, 2}, Set.of(0, 1), Set.of()), 10).response())
                .as("over the threshold, but nothing eligible").isEqualTo(BalanceLeadersResponse.NOTHING);
    }

    @Test
    void aFencedPreferredReplicaDoesNotTakeLeadership() {
        MetadataImage img = image(new int[] {1, 2, 1}, Set.of(), Set.of(0));
        assertThat(balance.balance(img, 10).records()).isEmpty();
    }

    @Test
    void leaderlessPartitionsAreNotTheRebalancesToMove() {
        MetadataImage img = image(new int[] {-1, 0, 0}, Set.of(), Set.of());
        assertThat(balance.balance(img, 0).records()).isEmpty();
    }

    @Test
    void theCommandRunsOnTheQuorumControllerAndCommits() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("x", 3, 3);
        int preferred = c.partition("x", 0).replicas().get(0);
        c.heartbeat(preferred, true, false);
        assertThat(c.partition("x", 0).leader()).isNotEqualTo(preferred);
        c.heartbeat(preferred);
        for (int p = 0; p < 3; p++) {
            if (!c.partition("x", p).inIsr(preferred)) {
                List<Integer> isr = new ArrayList<>(c.partition("x", p).isr());
                isr.add(preferred);
                c.alterIsr("x", p, isr);
            }
        }
        BalanceLeadersResponse r = c.run(new io.tributary.metadata.controller.api.BalanceLeadersRequest());
        assertThat(r.moved()).contains(new TopicPartition("x", 0));
        for (int p = 0; p < 3; p++) {
            assertThat(c.partition("x", p).leader()).isEqualTo(c.partition("x", p).preferredLeader());
        }
    }
}
