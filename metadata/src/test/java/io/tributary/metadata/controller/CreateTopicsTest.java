package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.config.ConfigSource;
import io.tributary.metadata.config.ResolvedConfig;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsRequest.Topic;
import io.tributary.metadata.controller.api.CreateTopicsResponse.TopicResult;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.TopicRecord;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CreateTopicsTest {

    private static TopicResult create(TestCluster c, Topic topic) {
        return c.run(new CreateTopicsRequest(List.of(topic), false)).topics().get(0);
    }

    @Test
    void aTopicGetsRecordsInOrderAndItsPartitionsAreOnline() {
        TestCluster c = TestCluster.withBrokers(3);
        int before = c.committed.size();
        TopicResult r = create(c, new Topic("orders", 6, 3, Map.of(), Map.of("retention.ms", "1000")));
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(r.numPartitions()).isEqualTo(6);
        assertThat(r.replicationFactor()).isEqualTo(3);
        assertThat(r.topicId().isZero()).isFalse();
        var batch = c.committed.get(before);
        assertThat(batch.get(0)).isEqualTo(new TopicRecord("orders", r.topicId()));
        assertThat(batch.get(1)).isInstanceOf(ConfigRecord.class);
        assertThat(batch.subList(2, 8)).allSatisfy(rec -> assertThat(rec).isInstanceOf(PartitionRecord.class));
        TopicImage t = c.image().topic("orders");
        for (PartitionRegistration p : t.partitions()) {
            assertThat(p.replicas()).hasSize(3).doesNotHaveDuplicates();
            assertThat(p.isr()).isEqualTo(p.replicas());
            assertThat(p.leader()).isEqualTo(p.preferredLeader());
            assertThat(p.leaderEpoch()).isZero();
            assertThat(p.partitionEpoch()).isZero();
        }
        assertThat(c.image().topicConfigs("orders")).containsEntry("retention.ms", "1000");
        ResolvedConfig retention = r.configs().stream().filter(x -> x.name().equals("retention.ms")).findFirst().orElseThrow();
        assertThat(retention.value()).isEqualTo("1000");
        assertThat(retention.source()).isEqualTo(ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }

    @Test
    void leadershipsSpreadEvenly() {
        TestCluster c = TestCluster.withBrokers(4);
        create(c, Topic.of("spread", 10, 2));
        Map<Integer, Integer> leaders = new HashMap<>();
        for (PartitionRegistration p : c.image().topic("spread").partitions()) {
            leaders.merge(p.leader(), 1, Integer::sum);
        }
        assertThat(leaders.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(leaders.values().stream().mapToInt(i -> i).max().getAsInt()
                - leaders.values().stream().mapToInt(i -> i).min().getAsInt()).isLessThanOrEqualTo(1);
    }

    @Test
    void minusOneMeansTheBrokerDefaults() {
        ControllerConfig config = ControllerConfig.fromProperties(Map.of("num.partitions", "3", "default.replication.factor", "2"));
        TestCluster c = new TestCluster(config, 1);
        c.addBroker(0);
        c.addBroker(1);
        TopicResult r = create(c, Topic.of("defaults", -1, -1));
        assertThat(r.numPartitions()).isEqualTo(3);
        assertThat(r.replicationFactor()).isEqualTo(2);
        assertThat(c.image().topic("defaults").partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(2));
    }

    @Test
    void illegalNamesAreRefused() {
        TestCluster c = TestCluster.withBrokers(1);
        assertThat(create(c, Topic.of("", 1, 1)).error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(create(c, Topic.of(".", 1, 1)).error().message()).contains("cannot be \".\" or \"..\"");
        assertThat(create(c, Topic.of("..", 1, 1)).error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(create(c, Topic.of("a".repeat(250), 1, 1)).error().message()).contains("longer than 249");
        assertThat(create(c, Topic.of("has space", 1, 1)).error().message()).contains("other than ASCII alphanumerics");
        assertThat(create(c, Topic.of("ünïcode", 1, 1)).error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(create(c, Topic.of("a".repeat(249), 1, 1)).error().isSuccess()).isTrue();
        assertThat(create(c, Topic.of("Ok.name_with-all", 1, 1)).error().isSuccess()).isTrue();
    }

    @Test
    void anExistingTopicIsRefused() {
        TestCluster c = TestCluster.withBrokers(1);
        create(c, Topic.of("t", 1, 1));
        TopicResult again = create(c, Topic.of("t", 1, 1));
        assertThat(again.error().code()).isEqualTo(ErrorCode.TOPIC_ALREADY_EXISTS);
        assertThat(again.error().message()).isEqualTo("Topic 't' already exists.");
        assertThat(again.topicId()).isEqualTo(TopicId.ZERO);
    }

    @Test
    void dotAndUnderscoreCollide() {
        TestCluster c = TestCluster.withBrokers(1);
        create(c, Topic.of("a.b", 1, 1));
        TopicResult r = create(c, Topic.of("a_b", 1, 1));
        assertThat(r.error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(r.error().message()).isEqualTo("Topic 'a_b' collides with existing topic: a.b");
        // Within one request too: the second sees the first.
        var both = c.run(new CreateTopicsRequest(List.of(Topic.of("x.y", 1, 1), Topic.of("x_y", 1, 1)), false));
        assertThat(both.topics().get(0).error().isSuccess()).isTrue();
        assertThat(both.topics().get(1).error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void duplicatesInOneRequestAreAllRefused() {
        TestCluster c = TestCluster.withBrokers(1);
        var r = c.run(new CreateTopicsRequest(List.of(Topic.of("d", 1, 1), Topic.of("d", 2, 1), Topic.of("e", 1, 1)), false));
        assertThat(r.topics()).extracting(t -> t.error().code())
                .containsExactly(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.NONE);
        assertThat(c.image().topic("d")).isNull();
        assertThat(c.image().topic("e")).isNotNull();
    }

    @Test
    void badCountsAreRefused() {
        TestCluster c = TestCluster.withBrokers(2);
        assertThat(create(c, Topic.of("p0", 0, 1)).error().code()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
        assertThat(create(c, Topic.of("p-2", -2, 1)).error().message())
                .isEqualTo("Number of partitions was set to an invalid non-positive value.");
        assertThat(create(c, Topic.of("huge", TopicCreation.MAX_PARTITIONS_PER_TOPIC + 1, 1)).error().code())
                .isEqualTo(ErrorCode.INVALID_PARTITIONS);
        assertThat(create(c, Topic.of("r0", 1, 0)).error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
        TopicResult tooMany = create(c, Topic.of("r3", 1, 3));
        assertThat(tooMany.error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
        assertThat(tooMany.error().message()).contains("target replication factor of 3 cannot be reached because only 2 broker(s)");
    }

    @Test
    void fencedBrokersDoNotCountForTheReplicationFactor() {
        TestCluster c = TestCluster.withBrokers(2);
        c.register(2);
        assertThat(c.image().broker(2).fenced()).isTrue();
        assertThat(create(c, Topic.of("t", 1, 3)).error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
    }

    @Test
    void badConfigsAreRefusedNamingTheKey() {
        TestCluster c = TestCluster.withBrokers(1);
        TopicResult unknown = create(c, new Topic("t", 1, 1, Map.of(), Map.of("retention.days", "1")));
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(unknown.error().message()).contains("Unknown topic config name: retention.days");
        TopicResult bad = create(c, new Topic("t", 1, 1, Map.of(), Map.of("segment.bytes", "10")));
        assertThat(bad.error().message()).contains("segment.bytes");
        TopicResult policy = create(c, new Topic("t", 1, 1, Map.of(), Map.of("cleanup.policy", "shred")));
        assertThat(policy.error().code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(policy.error().message()).contains("String must be one of: compact, delete");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("retention.ms", null);
        assertThat(create(c, new Topic("t", 1, 1, Map.of(), withNull)).error().message()).contains("Null value");
        assertThat(c.image().topic("t")).isNull();
    }

    @Test
    void explicitAssignmentsAreHonoured() {
        TestCluster c = TestCluster.withBrokers(3);
        TopicResult r = create(c, new Topic("manual", -1, -1, Map.of(0, List.of(2, 0), 1, List.of(1, 2)), Map.of()));
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(c.partition("manual", 0).replicas()).containsExactly(2, 0);
        assertThat(c.partition("manual", 0).leader()).isEqualTo(2);
        assertThat(c.partition("manual", 1).replicas()).containsExactly(1, 2);
    }

    @Test
    void explicitAssignmentsAreValidated() {
        TestCluster c = TestCluster.withBrokers(3);
        assertThat(create(c, new Topic("m", 1, -1, Map.of(0, List.of(0)), Map.of())).error().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(create(c, new Topic("m", -1, -1, Map.of(0, List.of(0), 2, List.of(1)), Map.of())).error().message())
                .contains("consecutive");
        assertThat(create(c, new Topic("m", -1, -1, Map.of(0, List.of()), Map.of())).error().code())
                .isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
        assertThat(create(c, new Topic("m", -1, -1, Map.of(0, List.of(1, 1)), Map.of())).error().message())
                .contains("includes the broker 1 more than once");
        assertThat(create(c, new Topic("m", -1, -1, Map.of(0, List.of(7)), Map.of())).error().message())
                .contains("broker 7, but no such broker is registered");
        assertThat(create(c, new Topic("m", -1, -1, Map.of(0, List.of(0, 1), 1, List.of(2)), Map.of())).error().message())
                .contains("not consistent with previous partitions");
        assertThat(c.image().topic("m")).isNull();
    }

    @Test
    void anAssignmentOnFencedBrokersStartsWithTheActiveOnes() {
        TestCluster c = TestCluster.withBrokers(2);
        c.register(2);
        TopicResult r = create(c, new Topic("m", -1, -1, Map.of(0, List.of(2, 1)), Map.of()));
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(c.partition("m", 0).isr()).containsExactly(1);
        assertThat(c.partition("m", 0).leader()).isEqualTo(1);
        assertThat(create(c, new Topic("n", -1, -1, Map.of(0, List.of(2)), Map.of())).error().message())
                .contains("are fenced or in controlled shutdown");
    }

    @Test
    void validateOnlyWritesNothingButReportsTheSameErrors() {
        TestCluster c = TestCluster.withBrokers(2);
        int before = c.committed.size();
        var r = c.run(new CreateTopicsRequest(List.of(Topic.of("v", 4, 2), Topic.of("w", 1, 5)), true));
        assertThat(c.committed).hasSize(before);
        assertThat(c.image().topic("v")).isNull();
        assertThat(r.topics().get(0).error().isSuccess()).isTrue();
        assertThat(r.topics().get(0).numPartitions()).isEqualTo(4);
        assertThat(r.topics().get(0).topicId()).isEqualTo(TopicId.ZERO);
        assertThat(r.topics().get(1).error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
    }

    @Test
    void onlyTheFailedTopicsOfARequestAreSkipped() {
        TestCluster c = TestCluster.withBrokers(1);
        var r = c.run(new CreateTopicsRequest(List.of(Topic.of("good", 1, 1), Topic.of("bad name", 1, 1)), false));
        assertThat(r.topics().get(0).error().isSuccess()).isTrue();
        assertThat(r.topics().get(1).error().code()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(c.image().topics()).containsOnlyKeys("good");
    }

    @Test
    void withNoBrokersNothingCanBePlaced() {
        TestCluster c = new TestCluster();
        assertThat(create(c, Topic.of("t", 1, 1)).error().code()).isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
        assertThat(c.run(new RegisterBrokerRequest(0, "wrong", TestCluster.incarnation(0), TestCluster.endpoints(0), null))
                .error().code()).isEqualTo(ErrorCode.INCONSISTENT_CLUSTER_ID);
    }
}
