package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.NoOpRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.Replicas;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays records onto a base {@link MetadataImage} and produces the next image, copying only what
 * changed: unchanged topics (and their partition lists) are shared with the base image.
 *
 * <p>Replay is the only way metadata changes, on every node alike, so it is where the rules are
 * enforced: a record that contradicts the state (a change to an unknown partition, a leader epoch
 * that does not follow the previous one, a leader on a fenced broker, a second cluster id, a
 * fenced broker that still leads partitions) throws {@link MetadataReplayException}, and the delta
 * must then be discarded.
 *
 * <p>Legal transitions: {@code replay}* then exactly one {@code apply}/{@code applyUncommitted};
 * a delta is single-use, and using it after it has produced an image or failed is refused.
 */
public final class MetadataDelta {

    private final MetadataImage base;
    private String clusterId;
    /** Brokers changed by this delta; a {@code null} value means unregistered. */
    private final Map<Integer, BrokerRegistration> brokers = new HashMap<>();
    /** Topics changed by this delta, by id; a {@code null} value means removed. */
    private final Map<TopicId, TopicBuilder> topics = new HashMap<>();
    /** Topic names whose owner changed; a {@code null} value means the name is free. */
    private final Map<String, TopicId> names = new HashMap<>();
    /** The whole new key map of each resource whose configs changed (empty means none left). */
    private final Map<ConfigResource, SortedMap<String, String>> configs = new HashMap<>();
    private long nextProducerId;
    private boolean done;

    public MetadataDelta(MetadataImage base) {
        this.base = base;
        this.clusterId = base.clusterId().orElse(null);
        this.nextProducerId = base.nextProducerId();
    }

    public MetadataImage base() {
        return base;
    }

    public void replayAll(List<MetadataRecord> records) {
        for (MetadataRecord r : records) {
            replay(r);
        }
    }

    /** Applies one record; throws {@link MetadataReplayException} if it is impossible here. */
    public void replay(MetadataRecord record) {
        if (done) {
            throw new IllegalStateException("this delta already produced an image or failed; start a new one");
        }
        try {
            dispatch(record);
        } catch (MetadataReplayException e) {
            done = true;
            throw e;
        }
    }

    private void dispatch(MetadataRecord record) {
        if (record instanceof ClusterIdRecord r) {
            if (clusterId != null) {
                throw fail(record, "the cluster already has id " + clusterId);
            }
            clusterId = r.clusterId();
        } else if (record instanceof RegisterBrokerRecord r) {
            BrokerRegistration old = broker(r.brokerId());
            if (old != null) {
                if (r.brokerEpoch() <= old.brokerEpoch()) {
                    throw fail(record, "broker epoch " + r.brokerEpoch() + " does not exceed the current " + old.brokerEpoch());
                }
                requireLeadsNothing(record, r.brokerId());
            }
            brokers.put(r.brokerId(), BrokerRegistration.fromRecord(r));
        } else if (record instanceof UnregisterBrokerRecord r) {
            requireEpoch(record, r.brokerId(), r.brokerEpoch());
            requireLeadsNothing(record, r.brokerId());
            brokers.put(r.brokerId(), null);
        } else if (record instanceof FenceBrokerRecord r) {
            BrokerRegistration b = requireEpoch(record, r.brokerId(), r.brokerEpoch());
            if (b.fenced()) {
                throw fail(record, "broker " + r.brokerId() + " is already fenced");
            }
            requireLeadsNothing(record, r.brokerId());
            brokers.put(r.brokerId(), b.withFenced(true));
        } else if (record instanceof UnfenceBrokerRecord r) {
            BrokerRegistration b = requireEpoch(record, r.brokerId(), r.brokerEpoch());
            if (!b.fenced()) {
                throw fail(record, "broker " + r.brokerId() + " is not fenced");
            }
            brokers.put(r.brokerId(), b.withFenced(false));
        } else if (record instanceof BrokerControlledShutdownRecord r) {
            BrokerRegistration b = requireEpoch(record, r.brokerId(), r.brokerEpoch());
            if (!b.isActive()) {
                throw fail(record, "broker " + r.brokerId() + " is " + (b.fenced() ? "fenced" : "already shutting down"));
            }
            requireLeadsNothing(record, r.brokerId());
            brokers.put(r.brokerId(), b.enterControlledShutdown());
        } else if (record instanceof TopicRecord r) {
            if (topicId(r.name()) != null) {
                throw fail(record, "a topic named " + r.name() + " already exists");
            }
            if (topic(r.topicId()) != null) {
                throw fail(record, "a topic with id " + r.topicId() + " already exists");
            }
            topics.put(r.topicId(), new TopicBuilder(r.name(), r.topicId(), new ArrayList<>()));
            names.put(r.name(), r.topicId());
        } else if (record instanceof PartitionRecord r) {
            replayPartition(r);
        } else if (record instanceof PartitionChangeRecord r) {
            replayPartitionChange(r);
        } else if (record instanceof RemoveTopicRecord r) {
            TopicBuilder t = topicForWrite(record, r.topicId());
            topics.put(r.topicId(), null);
            names.put(t.name, null);
            configs.put(ConfigResource.topic(t.name), new TreeMap<>());
        } else if (record instanceof ConfigRecord r) {
            replayConfig(r);
        } else if (record instanceof ProducerIdsRecord r) {
            if (r.nextProducerId() <= nextProducerId) {
                throw fail(record, "next producer id " + r.nextProducerId() + " does not exceed the current " + nextProducerId);
            }
            nextProducerId = r.nextProducerId();
        } else if (record instanceof NoOpRecord) {
            // Nothing changes: the record only marks a point in the log.
        } else {
            throw fail(record, "no replay rule for this record type");
        }
    }

    private void replayPartition(PartitionRecord r) {
        TopicBuilder t = topicForWrite(r, r.topicId());
        if (r.partition() != t.partitions.size()) {
            throw fail(r, "topic " + t.name + " has " + t.partitions.size() + " partitions, so the next must be number "
                    + t.partitions.size());
        }
        if (r.leader() != Replicas.NO_LEADER && !isActive(r.leader())) {
            throw fail(r, "leader " + r.leader() + " is not an active broker");
        }
        t.partitions.add(PartitionRegistration.fromRecord(r));
    }

    private void replayPartitionChange(PartitionChangeRecord r) {
        TopicBuilder t = topicForWrite(r, r.topicId());
        if (r.partition() >= t.partitions.size()) {
            throw fail(r, "topic " + t.name + " has no partition " + r.partition());
        }
        PartitionRegistration old = t.partitions.get(r.partition());
        List<Integer> replicas = r.replicas().orElse(old.replicas());
        List<Integer> adding = r.addingReplicas().orElse(old.addingReplicas());
        List<Integer> removing = r.removingReplicas().orElse(old.removingReplicas());
        if (r.replicas().isPresent() && replicas.equals(old.replicas())) {
            throw fail(r, "the replicas are already " + replicas + "; a change lists only what changes");
        }
        try {
            Replicas.checkReassignment("the partition", replicas, adding, removing);
        } catch (IllegalArgumentException e) {
            throw fail(r, e.getMessage());
        }
        List<Integer> isr = r.isr().orElse(old.isr());
        int leader = r.leader().orElse(old.leader());
        if (r.isr().isPresent() && isr.equals(old.isr())) {
            throw fail(r, "the ISR is already " + isr + "; a change lists only what changes");
        }
        if (r.leader().isPresent() && leader == old.leader()) {
            throw fail(r, "the leader is already " + leader + "; a change lists only what changes");
        }
        if (r.partitionEpoch() != old.partitionEpoch() + 1) {
            throw fail(r, "partition epoch must go from " + old.partitionEpoch() + " to " + (old.partitionEpoch() + 1)
                    + ", not " + r.partitionEpoch());
        }
        // A replica leaving the replica set bumps the leader epoch too (PartitionChange); records
        // written before that rule keep the epoch, and are still read.
        boolean replicaLeaves = r.replicas().isPresent() && !r.replicas().get().containsAll(old.replicas());
        int expectedLeaderEpoch = r.leader().isPresent() || replicaLeaves ? old.leaderEpoch() + 1 : old.leaderEpoch();
        boolean olderRemoval = replicaLeaves && r.leader().isEmpty() && r.leaderEpoch() == old.leaderEpoch();
        if (r.leaderEpoch() != expectedLeaderEpoch && !olderRemoval) {
            throw fail(r, "leader epoch must be " + expectedLeaderEpoch + " (was " + old.leaderEpoch()
                    + (r.leader().isPresent() ? ", and the leader changes" : ", and the leader stays") + "), not " + r.leaderEpoch());
        }
        if (!Replicas.isSubset(isr, replicas)) {
            throw fail(r, "ISR " + isr + " is not within replicas " + replicas);
        }
        if (leader != Replicas.NO_LEADER && !isr.contains(leader)) {
            throw fail(r, "leader " + leader + " is not in ISR " + isr);
        }
        if (r.leader().isPresent() && leader != Replicas.NO_LEADER && !isActive(leader)) {
            throw fail(r, "new leader " + leader + " is not an active broker");
        }
        for (int member : isr) {
            if (!old.isr().contains(member) && !isActive(member)) {
                throw fail(r, "broker " + member + " joins the ISR but is not an active broker");
            }
        }
        List<Integer> elr = r.elr().orElse(old.elr());
        List<Integer> lastKnownElr = r.lastKnownElr().orElse(old.lastKnownElr());
        if (r.elr().isPresent() && elr.equals(old.elr())) {
            throw fail(r, "the ELR is already " + elr + "; a change lists only what changes");
        }
        if (r.lastKnownElr().isPresent() && lastKnownElr.equals(old.lastKnownElr())) {
            throw fail(r, "the last known ELR is already " + lastKnownElr + "; a change lists only what changes");
        }
        try {
            Replicas.checkEligibleLeaders("the partition", replicas, isr, elr, lastKnownElr);
        } catch (IllegalArgumentException e) {
            throw fail(r, e.getMessage());
        }
        t.partitions.set(r.partition(), new PartitionRegistration(replicas, isr, leader, r.leaderEpoch(), r.partitionEpoch(),
                elr, lastKnownElr, adding, removing));
    }

    private void replayConfig(ConfigRecord r) {
        if (r.resourceType() == ConfigResourceType.TOPIC) {
            if (topicId(r.resourceName()) == null) {
                throw fail(r, "no topic named " + r.resourceName());
            }
        } else if (!r.resourceName().isEmpty() && !isBrokerIdText(r.resourceName())) {
            throw fail(r, "a broker config resource is a broker id or empty, not '" + r.resourceName() + "'");
        }
        ConfigResource resource = new ConfigResource(r.resourceType(), r.resourceName());
        SortedMap<String, String> keys = configs.get(resource);
        if (keys == null) {
            keys = new TreeMap<>(base.configs(resource));
            configs.put(resource, keys);
        }
        if (r.value() == null) {
            keys.remove(r.key());
        } else {
            keys.put(r.key(), r.value());
        }
    }

    private static boolean isBrokerIdText(String s) {
        try {
            return Integer.parseInt(s) >= 0 && Integer.toString(Integer.parseInt(s)).equals(s);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---- reads through the delta: the state as of the records replayed so far ----

    String clusterId() {
        return clusterId;
    }

    BrokerRegistration broker(int brokerId) {
        return brokers.containsKey(brokerId) ? brokers.get(brokerId) : base.broker(brokerId);
    }

    boolean isActive(int brokerId) {
        BrokerRegistration b = broker(brokerId);
        return b != null && b.isActive();
    }

    TopicId topicId(String name) {
        if (names.containsKey(name)) {
            return names.get(name);
        }
        TopicImage t = base.topic(name);
        return t == null ? null : t.id();
    }

    /** The current partitions of a topic, or {@code null} if it does not exist now. */
    List<PartitionRegistration> topic(TopicId id) {
        if (topics.containsKey(id)) {
            TopicBuilder t = topics.get(id);
            return t == null ? null : t.partitions;
        }
        TopicImage t = base.topic(id);
        return t == null ? null : t.partitions();
    }

    private TopicBuilder topicForWrite(MetadataRecord record, TopicId id) {
        if (topics.containsKey(id)) {
            TopicBuilder t = topics.get(id);
            if (t == null) {
                throw fail(record, "topic " + id + " was removed");
            }
            return t;
        }
        TopicImage t = base.topic(id);
        if (t == null) {
            throw fail(record, "no topic with id " + id);
        }
        TopicBuilder copy = new TopicBuilder(t.name(), t.id(), new ArrayList<>(t.partitions()));
        topics.put(id, copy);
        return copy;
    }

    private BrokerRegistration requireEpoch(MetadataRecord record, int brokerId, long epoch) {
        BrokerRegistration b = broker(brokerId);
        if (b == null) {
            throw fail(record, "broker " + brokerId + " is not registered");
        }
        if (b.brokerEpoch() != epoch) {
            throw fail(record, "broker " + brokerId + " has epoch " + b.brokerEpoch() + ", not " + epoch);
        }
        return b;
    }

    /** A broker must hand its leaderships away before it is fenced, unregistered or shut down. */
    private void requireLeadsNothing(MetadataRecord record, int brokerId) {
        for (TopicImage t : base.topicsById().values()) {
            if (!topics.containsKey(t.id())) {
                checkLeads(record, brokerId, t.name(), t.partitions());
            }
        }
        for (TopicBuilder t : topics.values()) {
            if (t != null) {
                checkLeads(record, brokerId, t.name, t.partitions);
            }
        }
    }

    private void checkLeads(MetadataRecord record, int brokerId, String topic, List<PartitionRegistration> partitions) {
        for (int p = 0; p < partitions.size(); p++) {
            if (partitions.get(p).leader() == brokerId) {
                throw fail(record, "broker " + brokerId + " still leads " + topic + "-" + p);
            }
        }
    }

    private MetadataReplayException fail(MetadataRecord record, String why) {
        return new MetadataReplayException("cannot replay " + record + " after offset " + base.lastAppliedOffset() + ": " + why);
    }

    // ---- producing the next image ----

    /** The image after the replayed records, as committed at {@code offset}, which must follow the base's. */
    public MetadataImage apply(long offset) {
        if (offset <= base.lastAppliedOffset()) {
            throw new IllegalArgumentException("offset " + offset + " does not follow the last applied offset " + base.lastAppliedOffset());
        }
        return build(offset);
    }

    /**
     * The image after the replayed records without a new offset: for a controller's speculative
     * view of records it has appended but not yet seen committed, and for scratch work.
     */
    public MetadataImage applyUncommitted() {
        return build(base.lastAppliedOffset());
    }

    private MetadataImage build(long offset) {
        if (done) {
            throw new IllegalStateException("this delta already produced an image or failed; start a new one");
        }
        done = true;
        SortedMap<Integer, BrokerRegistration> newBrokers = base.brokers();
        if (!brokers.isEmpty()) {
            newBrokers = new TreeMap<>(base.brokers());
            for (Map.Entry<Integer, BrokerRegistration> e : brokers.entrySet()) {
                if (e.getValue() == null) {
                    newBrokers.remove(e.getKey());
                } else {
                    newBrokers.put(e.getKey(), e.getValue());
                }
            }
        }
        SortedMap<String, TopicImage> byName = base.topics();
        Map<TopicId, TopicImage> byId = base.topicsById();
        if (!topics.isEmpty()) {
            byName = new TreeMap<>(base.topics());
            byId = new HashMap<>(base.topicsById());
            // Removals first, so that a name freed and reused in the same delta ends up with the new topic.
            for (Map.Entry<TopicId, TopicBuilder> e : topics.entrySet()) {
                TopicImage old = base.topic(e.getKey());
                if (old != null) {
                    byName.remove(old.name());
                    byId.remove(old.id());
                }
            }
            for (TopicBuilder t : topics.values()) {
                if (t != null) {
                    TopicImage image = new TopicImage(t.name, t.id, t.partitions);
                    byName.put(t.name, image);
                    byId.put(t.id, image);
                }
            }
        }
        SortedMap<ConfigResource, SortedMap<String, String>> newConfigs = base.configs();
        if (!configs.isEmpty()) {
            newConfigs = new TreeMap<>(base.configs());
            for (Map.Entry<ConfigResource, SortedMap<String, String>> e : configs.entrySet()) {
                if (e.getValue().isEmpty()) {
                    newConfigs.remove(e.getKey());
                } else {
                    newConfigs.put(e.getKey(), Collections.unmodifiableSortedMap(new TreeMap<>(e.getValue())));
                }
            }
        }
        return new MetadataImage(offset, clusterId, newBrokers, byName, byId, newConfigs, nextProducerId);
    }

    /** A topic being changed: its partition list is a private copy until the next image is built. */
    private static final class TopicBuilder {
        final String name;
        final TopicId id;
        final List<PartitionRegistration> partitions;

        TopicBuilder(String name, TopicId id, List<PartitionRegistration> partitions) {
            this.name = name;
            this.id = id;
            this.partitions = partitions;
        }
    }
}
