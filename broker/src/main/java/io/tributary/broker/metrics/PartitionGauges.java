package io.tributary.broker.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.function.ToLongFunction;

/**
 * Gauges computed when Prometheus scrapes, from what the broker already holds: its partitions (log
 * end, high watermark, whether it leads, its ISR against {@code min.insync.replicas}) and the metadata
 * image (the cluster's brokers and partition leaders). Nothing is kept between scrapes, so the hot
 * path pays nothing for them.
 *
 * <p>Where the number is about this broker (under-replicated, under min ISR, partitions, leaders),
 * it counts partitions this broker leads, as Kafka's ReplicaManager does, so a sum over brokers is
 * the cluster's. Where it is about the cluster (offline partitions, fenced brokers), every broker
 * reports the same value from its image, where Kafka reports it from the active controller only: take
 * the {@code max} over brokers, and any one broker that is up answers.
 */
final class PartitionGauges {

    private PartitionGauges() {
    }

    static void register(PrometheusRegistry registry, int nodeId, ReplicaManager replicas, MetadataView metadata,
                         Purgatory<?> producePurgatory, Purgatory<?> fetchPurgatory) {
        GaugeWithCallback.builder().name("kafka_server_replicamanager_underreplicatedpartitions")
                .help("Partitions this broker leads whose ISR is smaller than their replica set "
                        + "(Kafka: kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions)")
                .callback(cb -> cb.call(countLed(nodeId, metadata.image(), (reg) -> reg.isr().size() < reg.replicas().size())))
                .register(registry);
        GaugeWithCallback.builder().name("kafka_server_replicamanager_underminisrpartitioncount")
                .help("Partitions this broker leads whose ISR is smaller than min.insync.replicas: acks=all produces fail "
                        + "and the high watermark stands still (Kafka: kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount)")
                .callback(cb -> {
                    long n = 0;
                    for (Partition p : replicas.partitions()) {
                        if (p.isLeader() && !p.hasMinIsr()) {
                            n++;
                        }
                    }
                    cb.call(n);
                })
                .register(registry);
        GaugeWithCallback.builder().name("kafka_server_replicamanager_partitioncount")
                .help("Partition replicas hosted by this broker (Kafka: kafka.server:type=ReplicaManager,name=PartitionCount)")
                .callback(cb -> cb.call(replicas.partitions().size()))
                .register(registry);
        GaugeWithCallback.builder().name("kafka_server_replicamanager_leadercount")
                .help("Partitions this broker leads (Kafka: kafka.server:type=ReplicaManager,name=LeaderCount)")
                .callback(cb -> cb.call(countLed(nodeId, metadata.image(), reg -> true)))
                .register(registry);
        GaugeWithCallback.builder().name("kafka_controller_kafkacontroller_offlinepartitionscount")
                .help("Partitions of the cluster without an active leader, from this broker's metadata; the same on every "
                        + "broker, so take the max (Kafka: kafka.controller:type=KafkaController,name=OfflinePartitionsCount)")
                .callback(cb -> cb.call(offline(metadata.image())))
                .register(registry);
        GaugeWithCallback.builder().name("kafka_controller_kafkacontroller_fencedbrokercount")
                .help("Registered brokers that are fenced, from this broker's metadata "
                        + "(Kafka: kafka.controller:type=KafkaController,name=FencedBrokerCount)")
                .callback(cb -> cb.call(metadata.image().brokers().values().stream().filter(BrokerRegistration::fenced).count()))
                .register(registry);
        GaugeWithCallback.builder().name("kafka_controller_kafkacontroller_activebrokercount")
                .help("Registered brokers that are unfenced and not shutting down, from this broker's metadata "
                        + "(Kafka: kafka.controller:type=KafkaController,name=ActiveBrokerCount)")
                .callback(cb -> cb.call(metadata.image().activeBrokerIds().size()))
                .register(registry);
        perReplica(registry, replicas, "kafka_log_log_logendoffset", Partition::logEndOffset,
                "The log end offset of each partition replica on this broker (Kafka: kafka.log:type=Log,name=LogEndOffset,topic=*,partition=*)");
        perReplica(registry, replicas, "kafka_log_log_logstartoffset", Partition::logStartOffset,
                "The log start offset of each partition replica on this broker (Kafka: kafka.log:type=Log,name=LogStartOffset,topic=*,partition=*)");
        perReplica(registry, replicas, "tributary_log_highwatermark", Partition::highWatermark,
                "The high watermark of each partition replica on this broker (a follower's trails its leader's by a fetch); "
                        + "Kafka has no JMX metric for it");
        GaugeWithCallback.builder().name("kafka_server_delayedoperationpurgatory_purgatorysize")
                .help("Requests waiting in a purgatory: acks=all produces for replication, fetches for min.bytes "
                        + "(Kafka: kafka.server:type=DelayedOperationPurgatory,name=PurgatorySize,delayedOperation=*)")
                .labelNames("delayedoperation")
                .callback(cb -> {
                    cb.call(producePurgatory.watched(), "Produce");
                    cb.call(fetchPurgatory.watched(), "Fetch");
                })
                .register(registry);
    }

    /** One gauge with a sample per partition replica hosted here, labelled with whether this broker leads it. */
    private static void perReplica(PrometheusRegistry registry, ReplicaManager replicas, String name, ToLongFunction<Partition> value,
                                   String help) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("topic", "partition", "leader")
                .callback(cb -> {
                    for (Partition p : replicas.partitions()) {
                        cb.call(value.applyAsLong(p), p.topicPartition().topic(), Integer.toString(p.topicPartition().partition()),
                                Boolean.toString(p.isLeader()));
                    }
                })
                .register(registry);
    }

    private static long countLed(int nodeId, MetadataImage image, java.util.function.Predicate<PartitionRegistration> test) {
        long n = 0;
        for (TopicImage t : image.topics().values()) {
            for (PartitionRegistration reg : t.partitions()) {
                if (reg.leader() == nodeId && test.test(reg)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** A partition is offline when it has no leader, or its leader is not an active broker. */
    static long offline(MetadataImage image) {
        long n = 0;
        for (TopicImage t : image.topics().values()) {
            for (PartitionRegistration reg : t.partitions()) {
                if (!reg.hasLeader() || !image.isActiveBroker(reg.leader())) {
                    n++;
                }
            }
        }
        return n;
    }
}
