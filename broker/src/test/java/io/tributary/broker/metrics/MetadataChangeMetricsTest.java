package io.tributary.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.tributary.broker.image.ImageSteps;
import io.tributary.common.TopicId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
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
    private final ImageSteps images = new ImageSteps().subscribe((prev, next) -> {
        node1.onImage(prev, next);
        node2.onImage(prev, next);
        node3.onImage(prev, next);
    });

    private void change(Optional<List<Integer>> isr, OptionalInt leader) {
        images.change(TOPIC, isr, leader);
    }

    private static double count(PrometheusRegistry r, String name) {
        return r.scrape().stream().filter(s -> s.getMetadata().getName().equals(name)).map(s -> (CounterSnapshot) s)
                .mapToDouble(s -> s.getDataPoints().isEmpty() ? 0 : s.getDataPoints().get(0).getValue()).sum();
    }

    private void start() {
        images.threeBrokersAndAPartition("t", TOPIC);
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
