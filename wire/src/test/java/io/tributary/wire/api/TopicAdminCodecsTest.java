package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsRequest;
import io.tributary.wire.api.createpartitions.CreatePartitionsResponse;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsRequest;
import io.tributary.wire.api.deletetopics.DeleteTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateTopics, DeleteTopics, CreatePartitions and DescribeCluster at their lowest, a middle and their highest versions. */
class TopicAdminCodecsTest {

    private static final Uuid KAFKA_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    private static final TopicId ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    @ParameterizedTest
    @ValueSource(shorts = {2, 3, 4, 5, 7})
    void createTopicsRoundTrip(short version) {
        CreateTopicsRequestData d = new CreateTopicsRequestData().setTimeoutMs(25_000).setValidateOnly(true);
        CreateTopicsRequestData.CreatableTopic byDefault = new CreateTopicsRequestData.CreatableTopic()
                .setName("defaults").setNumPartitions(version >= 4 ? -1 : 3).setReplicationFactor((short) (version >= 4 ? -1 : 1));
        byDefault.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName("cleanup.policy").setValue("compact"));
        byDefault.configs().add(new CreateTopicsRequestData.CreatableTopicConfig().setName("retention.ms").setValue(null));
        CreateTopicsRequestData.CreatableTopic assigned = new CreateTopicsRequestData.CreatableTopic()
                .setName("assigned").setNumPartitions(-1).setReplicationFactor((short) -1);
        assigned.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment().setPartitionIndex(0).setBrokerIds(List.of(1, 2)));
        assigned.assignments().add(new CreateTopicsRequestData.CreatableReplicaAssignment().setPartitionIndex(1).setBrokerIds(List.of(2, 3)));
        d.topics().add(byDefault);
        d.topics().add(assigned);

        CreateTopicsRequest r = KafkaWire.decode(d, version);
        assertThat(r.timeoutMs()).isEqualTo(25_000);
        assertThat(r.validateOnly()).isTrue();
        CreateTopicsRequest.Topic t0 = r.topics().get(0);
        assertThat(t0.numPartitions()).isEqualTo(version >= 4 ? CreateTopicsRequest.USE_BROKER_DEFAULT : 3);
        assertThat(t0.configs()).containsExactly(new CreateTopicsRequest.Config("cleanup.policy", "compact"),
                new CreateTopicsRequest.Config("retention.ms", null));
        assertThat(r.topics().get(1).assignments()).containsExactly(new CreateTopicsRequest.Assignment(0, List.of(1, 2)),
                new CreateTopicsRequest.Assignment(1, List.of(2, 3)));

        CreateTopicsCodec codec = new CreateTopicsCodec();
        CreateTopicsResponse response = new CreateTopicsResponse(0, List.of(
                new CreateTopicsResponse.TopicResult("defaults", ID, ErrorCode.NONE, null, ErrorCode.NONE, 3, (short) 1,
                        List.of(new CreateTopicsResponse.Config("cleanup.policy", "compact", false, ConfigSource.TOPIC_CONFIG, false))),
                CreateTopicsResponse.TopicResult.failed("assigned", ErrorCode.INVALID_REPLICA_ASSIGNMENT, "broker 3 is unknown")));
        CreateTopicsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(CreateTopicsCodec.API_KEY, version), response),
                version, new CreateTopicsResponseData());
        CreateTopicsResponseData.CreatableTopicResult ok = out.topics().find("defaults");
        assertThat(ok.topicId()).isEqualTo(version >= 7 ? KAFKA_ID : Uuid.ZERO_UUID);
        assertThat(ok.numPartitions()).isEqualTo(version >= 5 ? 3 : -1);
        assertThat(ok.configs()).hasSize(version >= 5 ? 1 : 0);
        if (version >= 5) {
            assertThat(ok.configs().get(0).configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.code());
        }
        assertThat(out.topics().find("assigned").errorCode()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT.code());
        assertThat(out.topics().find("assigned").errorMessage()).isEqualTo("broker 3 is unknown");

        assertThat(codec.errorResponse(KafkaWire.header(CreateTopicsCodec.API_KEY, version), r, ErrorCode.NOT_CONTROLLER).topics())
                .extracting(CreateTopicsResponse.TopicResult::name, CreateTopicsResponse.TopicResult::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("defaults", ErrorCode.NOT_CONTROLLER),
                        org.assertj.core.groups.Tuple.tuple("assigned", ErrorCode.NOT_CONTROLLER));
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 4, 5, 6})
    void deleteTopicsByNameOrById(short version) {
        DeleteTopicsRequestData d = new DeleteTopicsRequestData().setTimeoutMs(30_000);
        if (version >= 6) {
            d.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName("by-name"));
            d.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName(null).setTopicId(KAFKA_ID));
        } else {
            d.setTopicNames(List.of("by-name", "other"));
        }
        DeleteTopicsRequest r = KafkaWire.decode(d, version);
        assertThat(r.timeoutMs()).isEqualTo(30_000);
        assertThat(r.topics()).containsExactly(TopicRef.byName("by-name"),
                version >= 6 ? new TopicRef(null, ID) : TopicRef.byName("other"));

        DeleteTopicsCodec codec = new DeleteTopicsCodec();
        DeleteTopicsResponse e = codec.errorResponse(KafkaWire.header(DeleteTopicsCodec.API_KEY, version), r, ErrorCode.TOPIC_DELETION_DISABLED);
        assertThat(e.results()).allSatisfy(x -> assertThat(x.error()).isEqualTo(ErrorCode.TOPIC_DELETION_DISABLED)).hasSize(2);

        DeleteTopicsResponse response = new DeleteTopicsResponse(1, List.of(
                new DeleteTopicsResponse.Result("by-name", ID, ErrorCode.NONE, null),
                new DeleteTopicsResponse.Result("gone", TopicId.ZERO, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no such topic")));
        DeleteTopicsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DeleteTopicsCodec.API_KEY, version), response),
                version, new DeleteTopicsResponseData());
        assertThat(out.responses().find("by-name").topicId()).isEqualTo(version >= 6 ? KAFKA_ID : Uuid.ZERO_UUID);
        assertThat(out.responses().find("gone").errorMessage()).isEqualTo(version >= 5 ? "no such topic" : null);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 3})
    void createPartitionsWithAndWithoutAssignments(short version) {
        CreatePartitionsRequestData d = new CreatePartitionsRequestData().setTimeoutMs(5000).setValidateOnly(false);
        d.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("free").setCount(6).setAssignments(null));
        d.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName("placed").setCount(2).setAssignments(List.of(
                new CreatePartitionsRequestData.CreatePartitionsAssignment().setBrokerIds(List.of(3, 1)))));
        CreatePartitionsRequest r = KafkaWire.decode(d, version);
        assertThat(r.topics()).containsExactly(new CreatePartitionsRequest.Topic("free", 6, List.of()),
                new CreatePartitionsRequest.Topic("placed", 2, List.of(List.of(3, 1))));

        CreatePartitionsCodec codec = new CreatePartitionsCodec();
        CreatePartitionsResponse response = codec.errorResponse(KafkaWire.header(CreatePartitionsCodec.API_KEY, version), r,
                ErrorCode.INVALID_PARTITIONS);
        assertThat(response.results()).extracting(CreatePartitionsResponse.Result::name).containsExactly("free", "placed");
        CreatePartitionsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(CreatePartitionsCodec.API_KEY, version), response),
                version, new CreatePartitionsResponseData());
        assertThat(out.results()).allSatisfy(x -> assertThat(x.errorCode()).isEqualTo(ErrorCode.INVALID_PARTITIONS.code()));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void describeClusterRoundTrip(short version) {
        DescribeClusterRequestData d = new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true)
                .setIncludeFencedBrokers(version >= 2);
        DescribeClusterRequest r = KafkaWire.decode(d, version);
        assertThat(r).isEqualTo(new DescribeClusterRequest(true, DescribeClusterRequest.ENDPOINT_TYPE_BROKERS, version >= 2));

        DescribeClusterCodec codec = new DescribeClusterCodec();
        DescribeClusterResponse response = new DescribeClusterResponse(0, ErrorCode.NONE, null, DescribeClusterRequest.ENDPOINT_TYPE_BROKERS,
                "cluster-xyz", 1, List.of(new DescribeClusterResponse.Broker(1, "broker-1", 9092, "rack-a", false),
                        new DescribeClusterResponse.Broker(2, "broker-2", 9092, null, true)), 0b1010);
        DescribeClusterResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DescribeClusterCodec.API_KEY, version), response),
                version, new DescribeClusterResponseData());
        assertThat(out.clusterId()).isEqualTo("cluster-xyz");
        assertThat(out.controllerId()).isEqualTo(1);
        assertThat(out.brokers().find(1).rack()).isEqualTo("rack-a");
        assertThat(out.brokers().find(2).isFenced()).isEqualTo(version >= 2);
        assertThat(out.clusterAuthorizedOperations()).isEqualTo(0b1010);

        DescribeClusterResponse e = codec.errorResponse(KafkaWire.header(DescribeClusterCodec.API_KEY, version), r, ErrorCode.CLUSTER_AUTHORIZATION_FAILED);
        assertThat(KafkaWire.parse(codec.encode(KafkaWire.header(DescribeClusterCodec.API_KEY, version), e), version,
                new DescribeClusterResponseData()).errorCode()).isEqualTo(ErrorCode.CLUSTER_AUTHORIZATION_FAILED.code());
    }
}
