package io.tributary.wire.client;

import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsClientCodec;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsClientCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionClientCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionCodec;
import io.tributary.wire.api.apiversions.ApiVersionsClientCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatClientCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationClientCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsClientCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsClientCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterClientCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.electleaders.ElectLeadersClientCodec;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsClientCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsCodec;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsClientCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdClientCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsClientCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.metadata.MetadataClientCodec;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochClientCodec;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerClientCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;
import java.util.List;

/** Every API with a client codec, paired with its server codec and version-exact sample records. */
public final class ClientSamples {

    private ClientSamples() {
    }

    public static List<ApiPair<?, ?>> all() {
        return List.of(
                new ApiPair<>(ApiVersionsCodec.INSTANCE, ApiVersionsClientCodec.INSTANCE, AdminSamples::apiVersionsRequest, AdminSamples::apiVersionsResponse),
                new ApiPair<>(DescribeClusterCodec.INSTANCE, DescribeClusterClientCodec.INSTANCE, AdminSamples::describeClusterRequest,
                        AdminSamples::describeClusterResponse),
                new ApiPair<>(CreateTopicsCodec.INSTANCE, CreateTopicsClientCodec.INSTANCE, AdminSamples::createTopicsRequest,
                        AdminSamples::createTopicsResponse),
                new ApiPair<>(DeleteTopicsCodec.INSTANCE, DeleteTopicsClientCodec.INSTANCE, AdminSamples::deleteTopicsRequest,
                        AdminSamples::deleteTopicsResponse),
                new ApiPair<>(CreatePartitionsCodec.INSTANCE, CreatePartitionsClientCodec.INSTANCE, AdminSamples::createPartitionsRequest,
                        AdminSamples::createPartitionsResponse),
                new ApiPair<>(IncrementalAlterConfigsCodec.INSTANCE, IncrementalAlterConfigsClientCodec.INSTANCE,
                        AdminSamples::incrementalAlterConfigsRequest, AdminSamples::incrementalAlterConfigsResponse),
                new ApiPair<>(AlterConfigsCodec.INSTANCE, AlterConfigsClientCodec.INSTANCE, AdminSamples::alterConfigsRequest,
                        AdminSamples::alterConfigsResponse),
                new ApiPair<>(ElectLeadersCodec.INSTANCE, ElectLeadersClientCodec.INSTANCE, AdminSamples::electLeadersRequest,
                        AdminSamples::electLeadersResponse),
                new ApiPair<>(AlterPartitionReassignmentsCodec.INSTANCE, AlterPartitionReassignmentsClientCodec.INSTANCE,
                        AdminSamples::alterPartitionReassignmentsRequest, AdminSamples::alterPartitionReassignmentsResponse),
                new ApiPair<>(InitProducerIdCodec.INSTANCE, InitProducerIdClientCodec.INSTANCE, ClusterSamples::initProducerIdRequest,
                        ClusterSamples::initProducerIdResponse),
                new ApiPair<>(BrokerRegistrationCodec.INSTANCE, BrokerRegistrationClientCodec.INSTANCE, ClusterSamples::brokerRegistrationRequest,
                        ClusterSamples::brokerRegistrationResponse),
                new ApiPair<>(BrokerHeartbeatCodec.INSTANCE, BrokerHeartbeatClientCodec.INSTANCE, ClusterSamples::brokerHeartbeatRequest,
                        ClusterSamples::brokerHeartbeatResponse),
                new ApiPair<>(AllocateProducerIdsCodec.INSTANCE, AllocateProducerIdsClientCodec.INSTANCE, ClusterSamples::allocateProducerIdsRequest,
                        ClusterSamples::allocateProducerIdsResponse),
                new ApiPair<>(AlterPartitionCodec.INSTANCE, AlterPartitionClientCodec.INSTANCE, ClusterSamples::alterPartitionRequest,
                        ClusterSamples::alterPartitionResponse),
                new ApiPair<>(UnregisterBrokerCodec.INSTANCE, UnregisterBrokerClientCodec.INSTANCE, ClusterSamples::unregisterBrokerRequest,
                        ClusterSamples::unregisterBrokerResponse),
                new ApiPair<>(FetchCodec.INSTANCE, FetchClientCodec.INSTANCE, DataSamples::fetchRequest, DataSamples::fetchResponse),
                new ApiPair<>(ListOffsetsCodec.INSTANCE, ListOffsetsClientCodec.INSTANCE, DataSamples::listOffsetsRequest,
                        DataSamples::listOffsetsResponse),
                new ApiPair<>(MetadataCodec.INSTANCE, MetadataClientCodec.INSTANCE, DataSamples::metadataRequest, DataSamples::metadataResponse),
                new ApiPair<>(OffsetForLeaderEpochCodec.INSTANCE, OffsetForLeaderEpochClientCodec.INSTANCE, DataSamples::offsetForLeaderEpochRequest,
                        DataSamples::offsetForLeaderEpochResponse));
    }
}
