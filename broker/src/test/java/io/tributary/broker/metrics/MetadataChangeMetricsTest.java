package io.tributary.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.tributary.common.TopicId;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** ISR changes and elections are counted from the metadata images, once, by the leader after the change. */
class MetadataChangeMetricsTest {

    private static final TopicId TOPIC = new TopicId(7, 7);
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final MetadataChangeMetrics node1 = new MetadataChangeMetrics(registry, 1, live::get);
    private final PrometheusRegistry registry2 = new PrometheusRegistry();
    private final MetadataChangeMetrics node2 = new MetadataChangeMetrics(registry2, 2, live::get);
    private final PrometheusRegistry registry3 = new PrometheusRegistry();
    private final MetadataChangeMetrics node3 = new MetadataChangeMetrics(registry3, 3, live::get);
    private MetadataImage image = MetadataImage.EMPTY;
    private long offset;

    private void apply(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(image);
        delta.replayAll(new ArrayList<>(List.of(records)));
        MetadataImage prev = image;
        image = delta.apply(offset++);
        node1.onImage(prev, image);
        node2.onImage(prev, image);
        node3.onImage(prev, image);
    }

    private void change(Optional<List<Integer>> isr, OptionalInt leader) {
        PartitionRegistration reg = image.partition(TOPIC, 0);
        int leaderEpoch = leader.isPresent() ? reg.leaderEpoch() + 1 : reg.leaderEpoch();
        apply(new PartitionChangeRecord(TOPIC, 0, isr, leader, leaderEpoch, reg.partitionEpoch() + 1));
    }

    private static double count(PrometheusRegistry r, String name) {
        return r.scrape().stream().filter(s -> s.getMetadata().getName().equals(name)).map(s -> (CounterSnapshot) s)
                .mapToDouble(s -> s.getDataPoints().isEmpty() ? 0 : s.getDataPoints().get(0).getValue()).sum();
    }

    private void start() {
        List<MetadataRecord> records = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            records.add(new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1),
                    List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")), null, false));
        }
        records.add(new TopicRecord("t", TOPIC));
        records.add(new PartitionRecord(TOPIC, 0, List.of(1, 2, 3), List.of(1, 2, 3), 1, 0, 0));
        apply(records.toArray(MetadataRecord[]::new));
    }

    @Test
    void aCleanFailoverCountsOneElectionAndOneShrinkOnTheNewLeaderOnly() {
        start();
        change(Optional.of(List.of(2, 3)), OptionalInt.of(2));
        assertThat(count(registry2, "kafka_controller_controllerstats_leaderelections")).isEqualTo(1);
        assertThat(count(registry2, "kafka_controller_controllerstats_uncleanleaderelections")).isZero();
        assertThat(count(registry2, "kafka_server_replicamanager_isrshrinks")).isEqualTo(1);
        assertThat(count(registry, "kafka_controller_controllerstats_leaderelections")).isZero();
        assertThat(count(registry, "kafka_server_replicamanager_isrshrinks")).isZero();
        change(Optional.of(List.of(2, 3, 1)), OptionalInt.empty());
        assertThat(count(registry2, "kafka_server_replicamanager_isrexpands")).isEqualTo(1);
    }

    @Test
    void aLeaderFromOutsideTheIsrIsAnUncleanElection() {
        start();
        change(Optional.of(List.of(1)), OptionalInt.empty());
        assertThat(count(registry, "kafka_server_replicamanager_isrshrinks")).as("2 and 3 left node 1's ISR").isEqualTo(2);
        // What unclean.leader.election.enable allows: node 3, out of the ISR, leads.
        change(Optional.of(List.of(3)), OptionalInt.of(3));
        assertThat(count(registry3, "kafka_controller_controllerstats_leaderelections")).isEqualTo(1);
        assertThat(count(registry3, "kafka_controller_controllerstats_uncleanleaderelections")).isEqualTo(1);
        assertThat(count(registry3, "kafka_server_replicamanager_isrexpands")).isEqualTo(1);
        assertThat(count(registry, "kafka_controller_controllerstats_uncleanleaderelections")).isZero();
        assertThat(count(registry2, "kafka_controller_controllerstats_uncleanleaderelections")).isZero();
    }

    @Test
    void historyReplayedBeforeTheBrokerServesIsNotCounted() {
        live.set(false);
        start();
        change(Optional.of(List.of(2, 3)), OptionalInt.of(2));
        assertThat(count(registry2, "kafka_controller_controllerstats_leaderelections")).isZero();
        live.set(true);
        change(Optional.of(List.of(2)), OptionalInt.empty());
        assertThat(count(registry2, "kafka_server_replicamanager_isrshrinks")).isEqualTo(1);
    }
}
