package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.TopicRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The whole cluster metadata as of one offset of the metadata log: immutable, and only ever
 * produced by replaying records ({@link MetadataDelta}). Every node holds one and replaces it
 * whole on every committed batch, so readers never see a half-applied batch.
 *
 * <p>Maps iterate in a fixed order (brokers by id, topics by name, configs by resource and key)
 * so that the controller, which derives records from an image, is deterministic.
 *
 * <p>Invariants, held by replay: topic names and ids are unique and agree between the two
 * indexes; each partition's ISR is non-empty and within its replicas; every partition leader is a
 * registered, active broker; configs exist only for existing topics.
 */
public final class MetadataImage {

    /** The image of an empty log: nothing applied yet. */
    public static final MetadataImage EMPTY = new MetadataImage(-1L, null, Collections.emptySortedMap(),
            Collections.emptySortedMap(), Map.of(), Collections.emptySortedMap(), 0L);

    private final long lastAppliedOffset;
    private final String clusterId;
    private final SortedMap<Integer, BrokerRegistration> brokers;
    private final SortedMap<String, TopicImage> topicsByName;
    private final Map<TopicId, TopicImage> topicsById;
    private final SortedMap<ConfigResource, SortedMap<String, String>> configs;
    private final long nextProducerId;

    MetadataImage(long lastAppliedOffset, String clusterId, SortedMap<Integer, BrokerRegistration> brokers,
                  SortedMap<String, TopicImage> topicsByName, Map<TopicId, TopicImage> topicsById,
                  SortedMap<ConfigResource, SortedMap<String, String>> configs, long nextProducerId) {
        this.lastAppliedOffset = lastAppliedOffset;
        this.clusterId = clusterId;
        this.brokers = Collections.unmodifiableSortedMap(brokers);
        this.topicsByName = Collections.unmodifiableSortedMap(topicsByName);
        this.topicsById = Collections.unmodifiableMap(topicsById);
        this.configs = Collections.unmodifiableSortedMap(configs);
        this.nextProducerId = nextProducerId;
        if (topicsByName.size() != topicsById.size()) {
            throw new IllegalStateException("topic indexes disagree: " + topicsByName.size() + " names, " + topicsById.size() + " ids");
        }
    }

    /** The offset of the last batch applied, or -1 for an empty log. */
    public long lastAppliedOffset() {
        return lastAppliedOffset;
    }

    public Optional<String> clusterId() {
        return Optional.ofNullable(clusterId);
    }

    public SortedMap<Integer, BrokerRegistration> brokers() {
        return brokers;
    }

    /** The broker's registration, or {@code null} if it is not registered. */
    public BrokerRegistration broker(int brokerId) {
        return brokers.get(brokerId);
    }

    /** Whether the broker is registered and active (unfenced, not shutting down). */
    public boolean isActiveBroker(int brokerId) {
        BrokerRegistration b = brokers.get(brokerId);
        return b != null && b.isActive();
    }

    /** The ids of active brokers in ascending order: the candidates for placing new replicas. */
    public List<Integer> activeBrokerIds() {
        List<Integer> ids = new ArrayList<>();
        for (BrokerRegistration b : brokers.values()) {
            if (b.isActive()) {
                ids.add(b.brokerId());
            }
        }
        return ids;
    }

    /** Topics by name, in name order. */
    public SortedMap<String, TopicImage> topics() {
        return topicsByName;
    }

    public TopicImage topic(String name) {
        return topicsByName.get(name);
    }

    public TopicImage topic(TopicId id) {
        return topicsById.get(id);
    }

    public Map<TopicId, TopicImage> topicsById() {
        return topicsById;
    }

    /** The partition, or {@code null} if there is no such topic or partition. */
    public PartitionRegistration partition(TopicId topicId, int partition) {
        TopicImage t = topicsById.get(topicId);
        return t == null ? null : t.partition(partition);
    }

    public PartitionRegistration partition(TopicPartition tp) {
        TopicImage t = topicsByName.get(tp.topic());
        return t == null ? null : t.partition(tp.partition());
    }

    /**
     * The replicas of a partition that are offline: on a fenced or unregistered broker. (A broker in
     * controlled shutdown still serves, so its replicas are not offline.)
     */
    public List<Integer> offlineReplicas(PartitionRegistration partition) {
        List<Integer> offline = new ArrayList<>();
        for (int replica : partition.replicas()) {
            BrokerRegistration b = brokers.get(replica);
            if (b == null || b.fenced()) {
                offline.add(replica);
            }
        }
        return offline;
    }

    /** Every resource that has at least one config set, with its keys in order. */
    public SortedMap<ConfigResource, SortedMap<String, String>> configs() {
        return configs;
    }

    /** The keys set on a resource (never {@code null}; empty when none). */
    public Map<String, String> configs(ConfigResource resource) {
        SortedMap<String, String> c = configs.get(resource);
        return c == null ? Collections.emptySortedMap() : c;
    }

    public Map<String, String> topicConfigs(String topic) {
        return configs(ConfigResource.topic(topic));
    }

    /** The first producer id not yet handed out. */
    public long nextProducerId() {
        return nextProducerId;
    }

    /**
     * The records that rebuild this image when replayed on an empty one (as one batch at
     * {@link #lastAppliedOffset()}): the content of a snapshot.
     */
    public List<MetadataRecord> toRecords() {
        List<MetadataRecord> out = new ArrayList<>();
        if (clusterId != null) {
            out.add(new ClusterIdRecord(clusterId));
        }
        for (BrokerRegistration b : brokers.values()) {
            out.add(b.toRecord());
            if (b.inControlledShutdown()) {
                out.add(new BrokerControlledShutdownRecord(b.brokerId(), b.brokerEpoch()));
            }
        }
        for (TopicImage t : topicsByName.values()) {
            out.add(new TopicRecord(t.name(), t.id()));
            for (Map.Entry<String, String> e : configs(ConfigResource.topic(t.name())).entrySet()) {
                out.add(new ConfigRecord(ConfigResourceType.TOPIC, t.name(), e.getKey(), e.getValue()));
            }
            for (int p = 0; p < t.partitionCount(); p++) {
                out.add(t.partitions().get(p).toRecord(t.id(), p));
            }
        }
        for (Map.Entry<ConfigResource, SortedMap<String, String>> c : configs.entrySet()) {
            if (c.getKey().type() == ConfigResourceType.BROKER) {
                for (Map.Entry<String, String> e : c.getValue().entrySet()) {
                    out.add(new ConfigRecord(c.getKey().type(), c.getKey().name(), e.getKey(), e.getValue()));
                }
            }
        }
        if (nextProducerId > 0) {
            out.add(new ProducerIdsRecord(-1, -1, nextProducerId));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MetadataImage other)) {
            return false;
        }
        return lastAppliedOffset == other.lastAppliedOffset
                && nextProducerId == other.nextProducerId
                && Objects.equals(clusterId, other.clusterId)
                && brokers.equals(other.brokers)
                && topicsByName.equals(other.topicsByName)
                && configs.equals(other.configs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastAppliedOffset, clusterId, brokers, topicsByName, configs, nextProducerId);
    }

    @Override
    public String toString() {
        return "MetadataImage(offset=" + lastAppliedOffset + ", clusterId=" + clusterId + ", brokers=" + brokers.values()
                + ", topics=" + topicsByName.values() + ", configs=" + configs + ", nextProducerId=" + nextProducerId + ")";
    }
}
