package io.tributary.wire.client;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.api.alterconfigs.AlterConfigsRequest;
import io.tributary.wire.api.alterconfigs.AlterConfigsResponse;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import io.tributary.wire.api.createpartitions.CreatePartitionsRequest;
import io.tributary.wire.api.createpartitions.CreatePartitionsResponse;
import io.tributary.wire.api.createtopics.CreateTopicsRequest;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.deletetopics.DeleteTopicsRequest;
import io.tributary.wire.api.deletetopics.DeleteTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterRequest;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import io.tributary.wire.api.electleaders.ElectionType;
import io.tributary.wire.api.incrementalalterconfigs.AlterConfigOp;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsRequest;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsResponse;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsRequest;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsResponse;
import java.util.List;

/** Version-exact samples of the admin APIs a broker forwards to the controller, and of the handshake. */
final class AdminSamples {

    static final TopicId ID = TopicId.fromString("pzT0nGwBQw2VNBqNlPqU8w");

    private AdminSamples() {
    }

    static ApiVersionsRequest apiVersionsRequest(int v) {
        return v >= 3 ? new ApiVersionsRequest("tributary", "0.1.0") : new ApiVersionsRequest("", "");
    }

    static ApiVersionsResponse apiVersionsResponse(int v) {
        List<ApiVersionRange> ranges = List.of(new ApiVersionRange((short) 1, (short) 4, (short) 18),
                new ApiVersionRange((short) 18, (short) 0, (short) 4), new ApiVersionRange((short) 62, (short) 0, (short) 4));
        if (v < 3) {
            return new ApiVersionsResponse(ErrorCode.NONE, ranges, v >= 1 ? 5 : 0, List.of(), -1L, List.of());
        }
        return new ApiVersionsResponse(ErrorCode.NONE, ranges, 5,
                List.of(new ApiVersionsResponse.Feature("metadata.version", (short) 7, (short) 27)), 42L,
                List.of(new ApiVersionsResponse.Feature("metadata.version", (short) 27, (short) 27)));
    }

    static DescribeClusterRequest describeClusterRequest(int v) {
        return new DescribeClusterRequest(true, v >= 1 ? DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS : DescribeClusterRequest.ENDPOINT_TYPE_BROKERS,
                v >= 2);
    }

    static DescribeClusterResponse describeClusterResponse(int v) {
        return new DescribeClusterResponse(3, ErrorCode.NONE, null,
                v >= 1 ? DescribeClusterRequest.ENDPOINT_TYPE_CONTROLLERS : DescribeClusterRequest.ENDPOINT_TYPE_BROKERS,
                "MkU3OEVBNTcwNTJENDM2Qk", 3000,
                List.of(new DescribeClusterResponse.Broker(3000, "controller-0", 9093, null, false),
                        new DescribeClusterResponse.Broker(3001, "controller-1", 9094, "rack-a", v >= 2)),
                0b1010);
    }

    static CreateTopicsRequest createTopicsRequest(int v) {
        return new CreateTopicsRequest(List.of(
                new CreateTopicsRequest.Topic("orders", v >= 4 ? CreateTopicsRequest.USE_BROKER_DEFAULT : 3, (short) 3, List.of(),
                        List.of(new CreateTopicsRequest.Config("cleanup.policy", "compact"), new CreateTopicsRequest.Config("retention.ms", null))),
                new CreateTopicsRequest.Topic("assigned", -1, (short) -1, List.of(
                        new CreateTopicsRequest.Assignment(0, List.of(1, 2)), new CreateTopicsRequest.Assignment(1, List.of(2, 3))), List.of())),
                25_000, true);
    }

    static CreateTopicsResponse createTopicsResponse(int v) {
        CreateTopicsResponse.TopicResult created = new CreateTopicsResponse.TopicResult("orders", v >= 7 ? ID : TopicId.ZERO, ErrorCode.NONE, null,
                v >= 5 ? ErrorCode.TOPIC_AUTHORIZATION_FAILED : ErrorCode.NONE, v >= 5 ? 3 : -1, (short) (v >= 5 ? 3 : -1),
                v >= 5 ? List.of(new CreateTopicsResponse.Config("cleanup.policy", "compact", false, ConfigSource.TOPIC_CONFIG, false),
                        new CreateTopicsResponse.Config("sasl.jaas.config", null, true, ConfigSource.DEFAULT_CONFIG, true)) : List.of());
        return new CreateTopicsResponse(v >= 2 ? 7 : 0, List.of(created,
                CreateTopicsResponse.TopicResult.failed("assigned", ErrorCode.TOPIC_ALREADY_EXISTS, "Topic 'assigned' already exists.")));
    }

    static DeleteTopicsRequest deleteTopicsRequest(int v) {
        List<TopicRef> topics = v >= 6 ? List.of(TopicRef.byName("orders"), new TopicRef(null, ID)) : List.of(TopicRef.byName("orders"),
                TopicRef.byName("payments"));
        return new DeleteTopicsRequest(topics, 30_000);
    }

    static DeleteTopicsResponse deleteTopicsResponse(int v) {
        return new DeleteTopicsResponse(1, List.of(
                new DeleteTopicsResponse.Result("orders", v >= 6 ? ID : TopicId.ZERO, ErrorCode.NONE, null),
                new DeleteTopicsResponse.Result(v >= 6 ? null : "payments", TopicId.ZERO, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                        v >= 5 ? "no such topic" : null)));
    }

    static CreatePartitionsRequest createPartitionsRequest(int v) {
        return new CreatePartitionsRequest(List.of(
                new CreatePartitionsRequest.Topic("orders", 4, List.of(List.of(1, 2), List.of(2, 3))),
                new CreatePartitionsRequest.Topic("payments", 6, List.of())), 10_000, v % 2 == 0);
    }

    static CreatePartitionsResponse createPartitionsResponse(int v) {
        return new CreatePartitionsResponse(2, List.of(new CreatePartitionsResponse.Result("orders", ErrorCode.NONE, null),
                new CreatePartitionsResponse.Result("payments", ErrorCode.INVALID_PARTITIONS, "6 is not more than 8")));
    }

    static IncrementalAlterConfigsRequest incrementalAlterConfigsRequest(int v) {
        return new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource((byte) 2, "orders", List.of(
                new IncrementalAlterConfigsRequest.AlterableConfig("retention.ms", AlterConfigOp.SET, "1000"),
                new IncrementalAlterConfigsRequest.AlterableConfig("segment.ms", AlterConfigOp.DELETE, null),
                new IncrementalAlterConfigsRequest.AlterableConfig("cleanup.policy", AlterConfigOp.APPEND, "compact")))), true);
    }

    static IncrementalAlterConfigsResponse incrementalAlterConfigsResponse(int v) {
        return new IncrementalAlterConfigsResponse(0, List.of(new IncrementalAlterConfigsResponse.Result(ErrorCode.NONE, null, (byte) 2, "orders"),
                new IncrementalAlterConfigsResponse.Result(ErrorCode.INVALID_CONFIG, "bad value", (byte) 4, "1")));
    }

    static AlterConfigsRequest alterConfigsRequest(int v) {
        return new AlterConfigsRequest(List.of(
                new AlterConfigsRequest.Resource((byte) 2, "orders", List.of(new AlterConfigsRequest.Config("retention.ms", "1000"),
                        new AlterConfigsRequest.Config("cleanup.policy", null))),
                new AlterConfigsRequest.Resource((byte) 4, "1", List.of())), false);
    }

    static AlterConfigsResponse alterConfigsResponse(int v) {
        return new AlterConfigsResponse(4, List.of(new AlterConfigsResponse.Result(ErrorCode.NONE, null, (byte) 2, "orders"),
                new AlterConfigsResponse.Result(ErrorCode.POLICY_VIOLATION, "no", (byte) 4, "1")));
    }

    static ElectLeadersRequest electLeadersRequest(int v) {
        return new ElectLeadersRequest(v >= 1 ? ElectionType.UNCLEAN : ElectionType.PREFERRED, List.of(
                new ElectLeadersRequest.TopicPartitions("orders", List.of(0, 2)),
                new ElectLeadersRequest.TopicPartitions("payments", List.of(1))), 30_000);
    }

    static ElectLeadersResponse electLeadersResponse(int v) {
        return new ElectLeadersResponse(0, v >= 1 ? ErrorCode.CLUSTER_AUTHORIZATION_FAILED : ErrorCode.NONE, List.of(
                new ElectLeadersResponse.TopicResult("orders", List.of(new ElectLeadersResponse.PartitionResult(0, ErrorCode.NONE, null),
                        new ElectLeadersResponse.PartitionResult(2, ErrorCode.ELECTION_NOT_NEEDED, "Leader is already the preferred replica."))),
                new ElectLeadersResponse.TopicResult("payments", List.of(
                        new ElectLeadersResponse.PartitionResult(1, ErrorCode.PREFERRED_LEADER_NOT_AVAILABLE, null)))));
    }

    static AlterPartitionReassignmentsRequest alterPartitionReassignmentsRequest(int v) {
        // v0 has no allowReplicationFactorChange, which reads true there.
        return new AlterPartitionReassignmentsRequest(30_000, v < 1, List.of(
                new AlterPartitionReassignmentsRequest.Topic("orders", List.of(
                        new AlterPartitionReassignmentsRequest.Partition(0, List.of(2, 3)),
                        new AlterPartitionReassignmentsRequest.Partition(1, null)))));
    }

    static AlterPartitionReassignmentsResponse alterPartitionReassignmentsResponse(int v) {
        return new AlterPartitionReassignmentsResponse(0, ErrorCode.NONE, null, List.of(
                new AlterPartitionReassignmentsResponse.TopicResult("orders", List.of(
                        new AlterPartitionReassignmentsResponse.PartitionResult(0, ErrorCode.NONE, null),
                        new AlterPartitionReassignmentsResponse.PartitionResult(1, ErrorCode.NO_REASSIGNMENT_IN_PROGRESS,
                                "No ongoing reassignment for partition orders-1.")))));
    }
}
