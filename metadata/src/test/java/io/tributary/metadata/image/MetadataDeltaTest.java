package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.BrokerEndpoint;
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
import io.tributary.metadata.record.TopicRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import io.tributary.metadata.record.UnregisterBrokerRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataDeltaTest {

    static final TopicId FOO = new TopicId(10, 20);
    static final TopicId BAR = new TopicId(30, 40);

    static RegisterBrokerRecord register(int id, long epoch, boolean fenced) {
        return new RegisterBrokerRecord(id, epoch, new UUID(id, 1),
                List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")), "rack" + id, fenced);
    }

    static MetadataImage replay(MetadataImage base, long offset, MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(base);
        delta.replayAll(List.of(records));
        return delta.apply(offset);
    }

    /** Three unfenced brokers (epochs 10, 11, 12) and topic foo with two partitions led by 0 and 1. */
    static MetadataImage threeBrokersAndFoo() {
        return replay(MetadataImage.EMPTY, 0,
                new ClusterIdRecord("cluster-1"),
                register(0, 10, false), register(1, 11, false), register(2, 12, false),
                new TopicRecord("foo", FOO),
                new PartitionRecord(FOO, 0, List.of(0, 1, 2), List.of(0, 1, 2), 0, 0, 0),
                new PartitionRecord(FOO, 1, List.of(1, 2, 0), List.of(1, 2, 0), 1, 0, 0));
    }

    static void assertRefused(MetadataImage base, String message, MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(base);
        assertThatThrownBy(() -> delta.replayAll(List.of(records)))
                .isInstanceOf(MetadataReplayException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> delta.apply(base.lastAppliedOffset() + 1))
                .as("a failed delta cannot be used").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void replayBuildsTheImage() {
        MetadataImage image = threeBrokersAndFoo();
        assertThat(image.clusterId()).contains("cluster-1");
        assertThat(image.lastAppliedOffset()).isZero();
        assertThat(image.activeBrokerIds()).containsExactly(0, 1, 2);
        assertThat(image.topic("foo").id()).isEqualTo(FOO);
        assertThat(image.topic(FOO).partitionCount()).isEqualTo(2);
        assertThat(image.partition(FOO, 1).leader()).isEqualTo(1);
        assertThat(image.broker(2).rack()).isEqualTo("rack2");
    }

    @Test
    void theClusterIdIsWrittenOnce() {
        assertRefused(threeBrokersAndFoo(), "already has id", new ClusterIdRecord("other"));
    }

    @Test
    void brokerTransitionsFollowTheRules() {
        MetadataImage image = threeBrokersAndFoo();
        MetadataImage fenced = replay(image, 1, new FenceBrokerRecord(2, 12));
        assertThat(fenced.broker(2).fenced()).isTrue();
        assertThat(fenced.isActiveBroker(2)).isFalse();
        assertRefused(fenced, "already fenced", new FenceBrokerRecord(2, 12));
        assertRefused(image, "is not fenced", new UnfenceBrokerRecord(2, 12));
        assertRefused(image, "has epoch 12, not 11", new FenceBrokerRecord(2, 11));
        assertRefused(image, "not registered", new FenceBrokerRecord(9, 1));
        assertThat(replay(fenced, 2, new UnfenceBrokerRecord(2, 12)).isActiveBroker(2)).isTrue();
        MetadataImage shuttingDown = replay(image, 1, new BrokerControlledShutdownRecord(2, 12));
        assertThat(shuttingDown.broker(2).inControlledShutdown()).isTrue();
        assertThat(shuttingDown.isActiveBroker(2)).isFalse();
        assertRefused(shuttingDown, "already shutting down", new BrokerControlledShutdownRecord(2, 12));
        assertThat(replay(shuttingDown, 2, new FenceBrokerRecord(2, 12)).broker(2).fenced()).isTrue();
    }

    @Test
    void aBrokerEpochMustGrowOnReRegistration() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "does not exceed the current 12", register(2, 12, true));
        assertThat(replay(image, 1, register(2, 13, true)).broker(2).brokerEpoch()).isEqualTo(13);
    }

    @Test
    void aBrokerThatStillLeadsCannotBeFencedUnregisteredShutDownOrReRegistered() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "still leads foo-0", new FenceBrokerRecord(0, 10));
        assertRefused(image, "still leads foo-1", new UnregisterBrokerRecord(1, 11));
        assertRefused(image, "still leads foo-0", new BrokerControlledShutdownRecord(0, 10));
        assertRefused(image, "still leads foo-0", register(0, 20, true));
    }

    @Test
    void unregisteringRemovesTheBroker() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1, new UnregisterBrokerRecord(2, 12));
        assertThat(image.broker(2)).isNull();
        assertThat(image.offlineReplicas(image.partition(FOO, 0))).containsExactly(2);
    }

    @Test
    void offlineReplicasAreThoseOnFencedOrMissingBrokers() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1, new BrokerControlledShutdownRecord(2, 12));
        assertThat(image.offlineReplicas(image.partition(FOO, 0))).as("shutting down still serves").isEmpty();
        image = replay(image, 2, new FenceBrokerRecord(2, 12));
        assertThat(image.offlineReplicas(image.partition(FOO, 0))).containsExactly(2);
    }

    @Test
    void topicsAreUniqueByNameAndId() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "named foo already exists", new TopicRecord("foo", BAR));
        assertRefused(image, "already exists", new TopicRecord("bar", FOO));
    }

    @Test
    void partitionsArriveInOrderWithActiveLeaders() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "the next must be number 2", new PartitionRecord(FOO, 3, List.of(0), List.of(0), 0, 0, 0));
        assertRefused(image, "no topic with id", new PartitionRecord(BAR, 0, List.of(0), List.of(0), 0, 0, 0));
        MetadataImage fenced = replay(image, 1,
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(1, 2)), OptionalInt.of(1), 1, 1),
                new FenceBrokerRecord(0, 10));
        assertRefused(fenced, "leader 0 is not an active broker", new PartitionRecord(FOO, 2, List.of(0), List.of(0), 0, 0, 0));
    }

    @Test
    void aPartitionChangeMustFollowTheEpochs() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "partition epoch must go from 0 to 1, not 2",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1)), OptionalInt.empty(), 0, 2));
        assertRefused(image, "leader epoch must be 1 (was 0, and the leader changes), not 0",
                new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(1), 0, 1));
        assertRefused(image, "leader epoch must be 0 (was 0, and the leader stays), not 1",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1)), OptionalInt.empty(), 1, 1));
        MetadataImage changed = replay(image, 1, new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(1), 1, 1));
        assertThat(changed.partition(FOO, 0)).isEqualTo(new PartitionRegistration(List.of(0, 1, 2), List.of(0, 1, 2), 1, 1, 1));
        assertRefused(changed, "leader epoch must be 2",
                new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(0), 0, 2));
    }

    @Test
    void aReplicaLeavingTheReplicaSetBumpsTheLeaderEpochAndOlderRecordsWithoutTheBumpStillReplay() {
        MetadataImage image = threeBrokersAndFoo();
        MetadataImage bumped = replay(image, 1, removeReplica2(1));
        assertThat(bumped.topic("foo").partition(0).leaderEpoch()).isEqualTo(1);
        assertThat(bumped.topic("foo").partition(0).leader()).as("the leader stays").isZero();
        MetadataImage older = replay(image, 1, removeReplica2(0));
        assertThat(older.topic("foo").partition(0).replicas()).containsExactly(0, 1);
        assertRefused(image, "leader epoch must be 1", removeReplica2(2));
    }

    /** Partition 0 of foo ({0, 1, 2}, led by 0 in epoch 0) without replica 2, in {@code leaderEpoch}. */
    private static PartitionChangeRecord removeReplica2(int leaderEpoch) {
        return new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1)), OptionalInt.empty(), leaderEpoch, 1, Optional.empty(),
                Optional.empty(), Optional.of(List.of(0, 1)), Optional.of(List.of()), Optional.of(List.of()));
    }

    @Test
    void aPartitionChangeMustKeepThePartitionConsistent() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "no partition 5",
                new PartitionChangeRecord(FOO, 5, Optional.empty(), OptionalInt.of(1), 1, 1));
        assertRefused(image, "not within replicas",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 7)), OptionalInt.empty(), 0, 1));
        assertRefused(image, "leader 0 is not in ISR",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(1, 2)), OptionalInt.empty(), 0, 1));
        assertRefused(image, "the leader is already 0",
                new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(0), 1, 1));
        assertRefused(image, "the ISR is already",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1, 2)), OptionalInt.empty(), 0, 1));
        MetadataImage shrunk = replay(image, 1,
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1)), OptionalInt.empty(), 0, 1),
                new BrokerControlledShutdownRecord(2, 12));
        assertRefused(shrunk, "broker 2 joins the ISR but is not an active broker",
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0, 1, 2)), OptionalInt.empty(), 0, 2));
        assertRefused(shrunk, "new leader 2 is not an active broker",
                new PartitionChangeRecord(FOO, 1, Optional.empty(), OptionalInt.of(2), 1, 1));
    }

    @Test
    void aLeaderlessPartitionKeepsItsLastIsrMember() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1,
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(0)), OptionalInt.empty(), 0, 1),
                new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(-1), 1, 2),
                new FenceBrokerRecord(0, 10));
        PartitionRegistration p = image.partition(FOO, 0);
        assertThat(p.hasLeader()).isFalse();
        assertThat(p.isr()).containsExactly(0);
    }

    @Test
    void configsBelongToExistingResources() {
        MetadataImage image = threeBrokersAndFoo();
        assertRefused(image, "no topic named bar", new ConfigRecord(ConfigResourceType.TOPIC, "bar", "retention.ms", "1"));
        assertRefused(image, "is a broker id or empty", new ConfigRecord(ConfigResourceType.BROKER, "b1", "k", "v"));
        MetadataImage set = replay(image, 1,
                new ConfigRecord(ConfigResourceType.TOPIC, "foo", "retention.ms", "1000"),
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "5"),
                new ConfigRecord(ConfigResourceType.BROKER, "1", "log.retention.ms", "6"));
        assertThat(set.topicConfigs("foo")).containsEntry("retention.ms", "1000");
        assertThat(set.configs(ConfigResource.defaultBroker())).containsEntry("log.retention.ms", "5");
        assertThat(set.configs(ConfigResource.broker(1))).containsEntry("log.retention.ms", "6");
        MetadataImage deleted = replay(set, 2, new ConfigRecord(ConfigResourceType.TOPIC, "foo", "retention.ms", null));
        assertThat(deleted.topicConfigs("foo")).isEmpty();
        assertThat(deleted.configs()).doesNotContainKey(ConfigResource.topic("foo"));
    }

    @Test
    void removingATopicRemovesItsPartitionsAndConfigsAndFreesTheName() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1, new ConfigRecord(ConfigResourceType.TOPIC, "foo", "retention.ms", "1"));
        MetadataImage recreated = replay(image, 2, new RemoveTopicRecord(FOO), new TopicRecord("foo", BAR),
                new PartitionRecord(BAR, 0, List.of(2), List.of(2), 2, 0, 0));
        assertThat(recreated.topic("foo").id()).isEqualTo(BAR);
        assertThat(recreated.topic(FOO)).isNull();
        assertThat(recreated.topicConfigs("foo")).isEmpty();
        assertThat(recreated.topic("foo").partitionCount()).isEqualTo(1);
        assertRefused(recreated, "no topic with id", new RemoveTopicRecord(FOO));
        assertRefused(replay(image, 2, new RemoveTopicRecord(FOO)), "no topic with id",
                new PartitionChangeRecord(FOO, 0, Optional.empty(), OptionalInt.of(1), 1, 1));
    }

    @Test
    void producerIdsOnlyGrow() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1, new ProducerIdsRecord(0, 10, 1000));
        assertThat(image.nextProducerId()).isEqualTo(1000);
        assertRefused(image, "does not exceed the current 1000", new ProducerIdsRecord(0, 10, 1000));
    }

    @Test
    void offsetsMustGrowAndADeltaIsSingleUse() {
        MetadataImage image = threeBrokersAndFoo();
        MetadataDelta delta = new MetadataDelta(image);
        delta.replay(new NoOpRecord());
        assertThatThrownBy(() -> delta.apply(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow");
        MetadataImage next = delta.apply(5);
        assertThat(next.lastAppliedOffset()).isEqualTo(5);
        assertThatThrownBy(() -> delta.replay(new NoOpRecord())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(delta::applyUncommitted).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unchangedTopicsAreSharedNotCopied() {
        MetadataImage image = replay(threeBrokersAndFoo(), 1, new TopicRecord("bar", BAR),
                new PartitionRecord(BAR, 0, List.of(2), List.of(2), 2, 0, 0));
        MetadataImage next = replay(image, 2, new PartitionChangeRecord(BAR, 0, Optional.empty(), OptionalInt.of(-1), 1, 1));
        assertThat(next.topic("foo")).isSameAs(image.topic("foo"));
        assertThat(next.topic("bar")).isNotSameAs(image.topic("bar"));
        assertThat(next.brokers()).isSameAs(image.brokers());
    }

    @Test
    void toRecordsRebuildsAnEqualImage() {
        MetadataImage image = replay(threeBrokersAndFoo(), 7,
                new ConfigRecord(ConfigResourceType.TOPIC, "foo", "retention.ms", "1"),
                new ConfigRecord(ConfigResourceType.BROKER, "", "log.retention.ms", "5"),
                new PartitionChangeRecord(FOO, 0, Optional.of(List.of(1, 2)), OptionalInt.of(1), 1, 1),
                new BrokerControlledShutdownRecord(0, 10),
                new ProducerIdsRecord(1, 11, 4000));
        List<MetadataRecord> records = new ArrayList<>(image.toRecords());
        assertThat(replay(MetadataImage.EMPTY, 7, records.toArray(MetadataRecord[]::new))).isEqualTo(image);
    }

    @Test
    void theEmptyImageHasNothing() {
        assertThat(MetadataImage.EMPTY.lastAppliedOffset()).isEqualTo(-1);
        assertThat(MetadataImage.EMPTY.toRecords()).isEmpty();
        assertThat(MetadataImage.EMPTY.clusterId()).isEmpty();
    }
}
