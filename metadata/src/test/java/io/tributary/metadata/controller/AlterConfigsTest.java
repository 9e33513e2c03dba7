package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.AlterConfigOp.OpType;
import io.tributary.metadata.controller.api.AlterConfigsRequest;
import io.tributary.metadata.controller.api.AlterConfigsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.record.ConfigResourceType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlterConfigsTest {

    private TestCluster c;

    @BeforeEach
    void setUp() {
        c = TestCluster.withBrokers(1);
        c.createTopic("t", 1, 1);
    }

    private AlterConfigsResponse.ResourceResult alter(ConfigResourceType type, String name, AlterConfigOp... ops) {
        return c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(type, name,
                List.of(ops))), false)).resources().get(0);
    }

    @Test
    void setAndDeleteATopicOverride() {
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, "5000")).error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).containsExactly(Map.entry("retention.ms", "5000"));
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.DELETE, null)).error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).isEmpty();
    }

    @Test
    void settingTheSameValueWritesNothing() {
        alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, "5000"));
        int before = c.committed.size();
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, "5000")).error().isSuccess()).isTrue();
        assertThat(c.committed).hasSize(before);
    }

    @Test
    void appendAndSubtractWorkOnListsOnly() {
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("leader.replication.throttled.replicas", OpType.APPEND, "0:1"),
                new AlterConfigOp("follower.replication.throttled.replicas", OpType.APPEND, "0:2,1:2")).error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).containsEntry("leader.replication.throttled.replicas", "0:1")
                .containsEntry("follower.replication.throttled.replicas", "0:2,1:2");
        alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("follower.replication.throttled.replicas", OpType.SUBTRACT, "0:2"));
        assertThat(c.image().topicConfigs("t")).containsEntry("follower.replication.throttled.replicas", "1:2");
        var r = alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.APPEND, "1"));
        assertThat(r.error().code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(r.error().message()).isEqualTo("Config value append is not allowed for config key: retention.ms");
    }

    @Test
    void appendingCompactMakesTheTopicCompactAndDelete() {
        var r = alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("cleanup.policy", OpType.APPEND, "compact"));
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).containsEntry("cleanup.policy", "delete,compact");
        var bad = alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("cleanup.policy", OpType.APPEND, "shred"));
        assertThat(bad.error().code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(bad.error().message()).contains("String must be one of: compact, delete");
    }

    @Test
    void errorsArePerResourceAndWriteNothingForThatResource() {
        var r = c.run(new IncrementalAlterConfigsRequest(List.of(
                new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "t", List.of(
                        new AlterConfigOp("retention.ms", OpType.SET, "1"), new AlterConfigOp("segment.bytes", OpType.SET, "5"))),
                new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "missing", List.of(
                        new AlterConfigOp("retention.ms", OpType.SET, "1"))),
                new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.BROKER, "", List.of(
                        new AlterConfigOp("log.retention.ms", OpType.SET, "99")))), false));
        assertThat(r.resources()).extracting(x -> x.error().code())
                .containsExactly(ErrorCode.INVALID_CONFIG, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NONE);
        assertThat(r.resources().get(0).error().message()).contains("segment.bytes");
        assertThat(c.image().topicConfigs("t")).isEmpty();
        assertThat(c.image().configs(ConfigResource.defaultBroker())).containsEntry("log.retention.ms", "99");
    }

    @Test
    void unknownKeysDuplicatesAndNullsAreRefused() {
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("nope", OpType.SET, "1")).error().message())
                .isEqualTo("Unknown topic config name: nope");
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, "1"),
                new AlterConfigOp("retention.ms", OpType.DELETE, null)).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, null)).error().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        var dupResources = c.run(new IncrementalAlterConfigsRequest(List.of(
                new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "t", List.of()),
                new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "t", List.of())), false));
        assertThat(dupResources.resources()).extracting(x -> x.error().code()).containsOnly(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void brokerResourcesTakeDynamicBrokerKeys() {
        assertThat(alter(ConfigResourceType.BROKER, "0", new AlterConfigOp("log.segment.bytes", OpType.SET, "2097152")).error().isSuccess())
                .isTrue();
        assertThat(c.image().configs(ConfigResource.broker(0))).containsEntry("log.segment.bytes", "2097152");
        ApiError readOnly = alter(ConfigResourceType.BROKER, "0", new AlterConfigOp("log.retention.hours", OpType.SET, "1"),
                new AlterConfigOp("log.dirs", OpType.SET, "/tmp/x"), new AlterConfigOp("log.retention.ms", OpType.SET, "1000")).error();
        assertThat(readOnly.code()).as("Kafka's code for a key that cannot change at run time").isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(readOnly.message()).isEqualTo("Cannot update these configs dynamically: [log.dirs, log.retention.hours]");
        assertThat(c.image().configs(ConfigResource.broker(0))).as("the resource is refused whole").doesNotContainKey("log.retention.ms");
        assertThat(alter(ConfigResourceType.BROKER, "", new AlterConfigOp("num.io.threads", OpType.SET, "4")).error().message())
                .startsWith("Cannot update these configs dynamically: [num.io.threads]. Tributary reads [num.io.threads] only at startup");
        var legacy = c.run(new AlterConfigsRequest(List.of(new AlterConfigsRequest.Resource(ConfigResourceType.BROKER, "0",
                Map.of("num.partitions", "3"))), false));
        assertThat(legacy.resources().get(0).error().message()).isEqualTo("Cannot update these configs dynamically: [num.partitions]");
        assertThat(alter(ConfigResourceType.BROKER, "x", new AlterConfigOp("log.segment.bytes", OpType.SET, "2097152")).error().code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(alter(ConfigResourceType.BROKER, "", new AlterConfigOp("log.segment.bytes", OpType.SET, "1")).error().code())
                .isEqualTo(ErrorCode.INVALID_CONFIG);
    }

    @Test
    void validateOnlyWritesNothing() {
        var r = c.run(new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(ConfigResourceType.TOPIC,
                "t", List.of(new AlterConfigOp("retention.ms", OpType.SET, "1")))), true));
        assertThat(r.resources().get(0).error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).isEmpty();
    }

    @Test
    void legacyAlterConfigsReplacesTheWholeSet() {
        alter(ConfigResourceType.TOPIC, "t", new AlterConfigOp("retention.ms", OpType.SET, "1"),
                new AlterConfigOp("segment.ms", OpType.SET, "2"));
        var r = c.run(new AlterConfigsRequest(List.of(new AlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "t",
                Map.of("segment.ms", "3", "max.message.bytes", "1000"))), false));
        assertThat(r.resources().get(0).error().isSuccess()).isTrue();
        assertThat(c.image().topicConfigs("t")).containsOnly(Map.entry("segment.ms", "3"), Map.entry("max.message.bytes", "1000"));
        var bad = c.run(new AlterConfigsRequest(List.of(new AlterConfigsRequest.Resource(ConfigResourceType.TOPIC, "t",
                Map.of("cleanup.policy", "shred"))), false));
        assertThat(bad.resources().get(0).error().code()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(c.image().topicConfigs("t")).containsKey("segment.ms");
    }
}
