package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreatePartitionsResponse;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.DeleteTopicsResponse;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.ProducerIdsRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DeleteTopics, CreatePartitions and AllocateProducerIds. */
class TopicAdminTest {

    @Test
    void deleteByNameAndByIdRemovesOnce() {
        TestCluster c = TestCluster.withBrokers(1);
        TopicId a = c.createTopic("a", 1, 1).topicId();
        c.createTopic("b", 1, 1);
        int before = c.committed.size();
        DeleteTopicsResponse r = c.run(new DeleteTopicsRequest(List.of("a", "b"), List.of(a)));
        assertThat(r.topics()).extracting(t -> t.error().code()).containsOnly(ErrorCode.NONE);
        assertThat(r.topics().get(2).name()).isEqualTo("a");
        assertThat(c.committed.get(before)).hasSize(2);
        assertThat(c.image().topics()).isEmpty();
    }

    @Test
    void deletingUnknownTopicsFailsPerTopic() {
        TestCluster c = TestCluster.withBrokers(1);
        c.createTopic("a", 1, 1);
        DeleteTopicsResponse r = c.run(new DeleteTopicsRequest(List.of("nope", "a", "a"), List.of(new TopicId(5, 5))));
        assertThat(r.topics()).extracting(t -> t.error().code()).containsExactly(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.UNKNOWN_TOPIC_ID);
        assertThat(c.image().topic("a")).isNotNull();
    }

    @Test
    void deletionCanBeDisabled() {
        TestCluster c = new TestCluster(ControllerConfig.fromProperties(Map.of("delete.topic.enable", "false")), 3);
        c.addBroker(0);
        c.createTopic("keep", 1, 1);
        DeleteTopicsResponse r = c.run(DeleteTopicsRequest.byName("keep"));
        assertThat(r.topics().get(0).error().code()).isEqualTo(ErrorCode.TOPIC_DELETION_DISABLED);
        assertThat(c.image().topic("keep")).isNotNull();
    }

    @Test
    void aDeletedNameCanBeReusedWithANewId() {
        TestCluster c = TestCluster.withBrokers(1);
        TopicId first = c.createTopic("t", 1, 1).topicId();
        c.run(DeleteTopicsRequest.byName("t"));
        TopicId second = c.createTopic("t", 2, 1).topicId();
        assertThat(second).isNotEqualTo(first);
        assertThat(c.image().topic("t").partitionCount()).isEqualTo(2);
    }

    @Test
    void createPartitionsAddsWithTheSameReplicationFactorAndRotation() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 2, 2);
        int firstLeader = c.partition("t", 0).preferredLeader();
        CreatePartitionsResponse r = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 5, null)), false));
        assertThat(r.topics().get(0).error().isSuccess()).isTrue();
        assertThat(c.image().topic("t").partitionCount()).isEqualTo(5);
        for (int p = 0; p < 5; p++) {
            PartitionRegistration part = c.partition("t", p);
            assertThat(part.replicas()).hasSize(2).doesNotHaveDuplicates();
            assertThat(part.preferredLeader()).isEqualTo((firstLeader + p) % 3);
            assertThat(part.leader()).isEqualTo(part.preferredLeader());
        }
    }

    @Test
    void createPartitionsRefusesNonIncreases() {
        TestCluster c = TestCluster.withBrokers(1);
        c.createTopic("t", 3, 1);
        var r = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 3, null),
                new CreatePartitionsRequest.Topic("t2", 4, null)), false));
        assertThat(r.topics().get(0).error().code()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
        assertThat(r.topics().get(0).error().message()).isEqualTo("Topic already has 3 partition(s).");
        assertThat(r.topics().get(1).error().code()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        var lower = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 2, null)), false));
        assertThat(lower.topics().get(0).error().message()).contains("currently has 3 partition(s); 2 would not be an increase");
    }

    @Test
    void createPartitionsWithAssignments() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 1, 2);
        var wrongCount = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 3,
                List.of(List.of(0, 1)))), false));
        assertThat(wrongCount.topics().get(0).error().code()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
        var wrongRf = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 2,
                List.of(List.of(0)))), false));
        assertThat(wrongRf.topics().get(0).error().message()).contains("not consistent with previous partitions");
        var ok = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 2,
                List.of(List.of(2, 0)))), false));
        assertThat(ok.topics().get(0).error().isSuccess()).isTrue();
        assertThat(c.partition("t", 1).replicas()).containsExactly(2, 0);
    }

    @Test
    void createPartitionsValidateOnlyAndDuplicates() {
        TestCluster c = TestCluster.withBrokers(1);
        c.createTopic("t", 1, 1);
        var v = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 4, null)), true));
        assertThat(v.topics().get(0).error().isSuccess()).isTrue();
        assertThat(c.image().topic("t").partitionCount()).isEqualTo(1);
        var dup = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 4, null),
                new CreatePartitionsRequest.Topic("t", 5, null)), false));
        assertThat(dup.topics()).extracting(t -> t.error().code()).containsOnly(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void createPartitionsNeedsEnoughLiveBrokers() {
        TestCluster c = TestCluster.withBrokers(2);
        c.createTopic("t", 1, 2);
        c.heartbeat(1, true, false);
        var r = c.run(new CreatePartitionsRequest(List.of(new CreatePartitionsRequest.Topic("t", 2, null)), false));
        assertThat(r.topics().get(0).error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
    }

    @Test
    void producerIdsComeInDisjointBlocks() {
        TestCluster c = TestCluster.withBrokers(2);
        AllocateProducerIdsResponse first = c.run(new AllocateProducerIdsRequest(0, c.brokerEpochs.get(0)));
        AllocateProducerIdsResponse second = c.run(new AllocateProducerIdsRequest(1, c.brokerEpochs.get(1)));
        assertThat(first).isEqualTo(new AllocateProducerIdsResponse(first.error(), 0, 1000));
        assertThat(second.producerIdStart()).isEqualTo(1000);
        assertThat(c.image().nextProducerId()).isEqualTo(2000);
        assertThat(c.committed.get(c.committed.size() - 1)).containsExactly(new ProducerIdsRecord(1, c.brokerEpochs.get(1), 2000));
    }

    @Test
    void producerIdsNeedACurrentBroker() {
        TestCluster c = TestCluster.withBrokers(1);
        assertThat(c.run(new AllocateProducerIdsRequest(0, 999)).error().code()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH);
        assertThat(c.run(new AllocateProducerIdsRequest(5, 0)).error().code()).isEqualTo(ErrorCode.BROKER_ID_NOT_REGISTERED);
        assertThat(c.image().nextProducerId()).isZero();
    }
}
