package io.tributary.broker.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Counts what changes in the metadata this broker applies: ISR shrinks and expansions, leader
 * elections (clean or not). Each partition change is counted by one broker only, the
 * partition's leader after the change, so a sum over brokers is the cluster's count and no change is
 * counted twice. Only changes applied while the broker serves are counted: the metadata it replays at
 * startup is history, not events.
 *
 * <p>An election is a change of leader to a broker (not to none); it is <em>unclean</em> when the new
 * leader was neither in the ISR nor among the eligible leader replicas (KIP-966) before it, which only
 * {@code unclean.leader.election.enable} allows. ISR changes count members that left or joined,
 * whoever proposed them: the leader (AlterPartition) or the controller (a fenced broker leaves every
 * ISR in the same batch), where Kafka's leader-side IsrShrinksPerSec misses the latter.
 *
 * <p>Runs on the metadata thread, one image at a time.
 */
final class MetadataChangeMetrics implements MetadataPublisher.Subscriber {

    private final int nodeId;
    private final BooleanSupplier live;
    private final Counter isrShrinks;
    private final Counter isrExpands;
    private final Counter elections;
    private final Counter uncleanElections;

    MetadataChangeMetrics(PrometheusRegistry registry, int nodeId, BooleanSupplier live) {
        this.nodeId = nodeId;
        this.live = live;
        isrShrinks = Counter.builder().name("kafka_server_replicamanager_isrshrinks")
                .help("Replicas that left the ISR of a partition this broker leads "
                        + "(Kafka: kafka.server:type=ReplicaManager,name=IsrShrinksPerSec)")
                .withoutExemplars().register(registry);
        isrExpands = Counter.builder().name("kafka_server_replicamanager_isrexpands")
                .help("Replicas that joined the ISR of a partition this broker leads "
                        + "(Kafka: kafka.server:type=ReplicaManager,name=IsrExpandsPerSec)")
                .withoutExemplars().register(registry);
        elections = Counter.builder().name("kafka_controller_controllerstats_leaderelections")
                .help("Leader elections that made this broker leader, clean or not "
                        + "(Kafka: kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs, its count)")
                .withoutExemplars().register(registry);
        uncleanElections = Counter.builder().name("kafka_controller_controllerstats_uncleanleaderelections")
                .help("Leader elections that made this broker leader from outside the ISR and the eligible leader replicas: "
                        + "acknowledged records may be lost (Kafka: kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec)")
                .withoutExemplars().register(registry);
    }

    @Override
    public void onImage(MetadataImage prev, MetadataImage next) {
        if (!live.getAsBoolean() || prev == next) {
            return;
        }
        for (TopicImage t : next.topics().values()) {
            TopicImage old = prev.topic(t.id());
            if (old == null || old == t) {
                continue;
            }
            for (int i = 0; i < t.partitions().size() && i < old.partitions().size(); i++) {
                PartitionRegistration after = t.partitions().get(i);
                PartitionRegistration before = old.partitions().get(i);
                if (after == before || after.leader() != nodeId) {
                    continue;
                }
                countChange(before, after);
            }
        }
    }

    private void countChange(PartitionRegistration before, PartitionRegistration after) {
        if (before.leader() != after.leader() && after.hasLeader()) {
            elections.inc();
            if (!before.isr().contains(after.leader()) && !before.elr().contains(after.leader())) {
                uncleanElections.inc();
            }
        }
        Set<Integer> left = new HashSet<>(before.isr());
        left.removeAll(after.isr());
        Set<Integer> joined = new HashSet<>(after.isr());
        joined.removeAll(before.isr());
        if (!left.isEmpty()) {
            isrShrinks.inc(left.size());
        }
        if (!joined.isEmpty()) {
            isrExpands.inc(joined.size());
        }
    }
}
