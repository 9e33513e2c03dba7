package io.tributary.broker.controller.handler;

import io.tributary.broker.controller.DriverControllerChannel;
import io.tributary.broker.handler.ApiVersionsHandler;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.broker.handler.admin.AlterConfigsHandler;
import io.tributary.broker.handler.admin.AlterPartitionReassignmentsHandler;
import io.tributary.broker.handler.admin.CreatePartitionsHandler;
import io.tributary.broker.handler.admin.CreateTopicsHandler;
import io.tributary.broker.handler.admin.DeleteTopicsHandler;
import io.tributary.broker.handler.admin.ElectLeadersHandler;
import io.tributary.broker.handler.admin.IncrementalAlterConfigsHandler;
import io.tributary.broker.handler.admin.UnregisterBrokerHandler;
import io.tributary.controller.ControllerDriver;
import io.tributary.quorum.QuorumVoters;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;

/**
 * The CONTROLLER listener's handlers ({@link ApiRegistry#controller()}): thin adapters from the Kafka
 * protocol to the {@link ControllerDriver}. The admin APIs reuse the client listener's handlers over a
 * {@link DriverControllerChannel}, so a topic is checked and answered the same way whether a client
 * reaches a single node or a broker forwards its request here. A test holds the table equal to the
 * registry.
 */
public final class ControllerHandlers {

    private ControllerHandlers() {
    }

    public static ApiRegistry registry() {
        return ApiRegistry.controller();
    }

    /**
     * @param deleteTopicEnable {@code delete.topic.enable} of this controller, which decides for the cluster
     */
    public static HandlerTable table(ApiRegistry registry, ControllerDriver driver, QuorumVoters voters, boolean deleteTopicEnable) {
        DriverControllerChannel channel = new DriverControllerChannel(driver);
        return new HandlerTable(registry)
                .register(ApiVersionsCodec.class, new ApiVersionsHandler(registry))
                .register(DescribeClusterCodec.class, new ControllerDescribeClusterHandler(driver, voters))
                .register(BrokerRegistrationCodec.class, new BrokerRegistrationHandler(driver))
                .register(BrokerHeartbeatCodec.class, new BrokerHeartbeatHandler(driver))
                .register(FetchCodec.class, new MetadataFetchHandler(driver))
                .register(AllocateProducerIdsCodec.class, new AllocateProducerIdsHandler(driver))
                .register(CreateTopicsCodec.class, new CreateTopicsHandler(channel))
                .register(DeleteTopicsCodec.class, new DeleteTopicsHandler(channel, deleteTopicEnable))
                .register(CreatePartitionsCodec.class, new CreatePartitionsHandler(channel))
                .register(IncrementalAlterConfigsCodec.class, new IncrementalAlterConfigsHandler(channel))
                .register(AlterConfigsCodec.class, new AlterConfigsHandler(channel))
                .register(AlterPartitionCodec.class, new AlterPartitionHandler(driver))
                .register(ElectLeadersCodec.class, new ElectLeadersHandler(channel))
                .register(AlterPartitionReassignmentsCodec.class, new AlterPartitionReassignmentsHandler(channel))
                .register(UnregisterBrokerCodec.class, new UnregisterBrokerHandler(channel));
    }
}
