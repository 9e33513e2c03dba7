package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.group.DeleteGroupsHandler;
import io.tributary.broker.handler.group.DescribeGroupsHandler;
import io.tributary.broker.handler.group.HeartbeatHandler;
import io.tributary.broker.handler.group.JoinGroupHandler;
import io.tributary.broker.handler.group.LeaveGroupHandler;
import io.tributary.broker.handler.group.ListGroupsHandler;
import io.tributary.broker.handler.group.OffsetCommitHandler;
import io.tributary.broker.handler.group.OffsetDeleteHandler;
import io.tributary.broker.handler.group.OffsetFetchHandler;
import io.tributary.broker.handler.group.SyncGroupHandler;
import io.tributary.wire.api.deletegroups.DeleteGroupsCodec;
import io.tributary.wire.api.describegroups.DescribeGroupsCodec;
import io.tributary.wire.api.heartbeat.HeartbeatCodec;
import io.tributary.wire.api.joingroup.JoinGroupCodec;
import io.tributary.wire.api.leavegroup.LeaveGroupCodec;
import io.tributary.wire.api.listgroups.ListGroupsCodec;
import io.tributary.wire.api.offsetcommit.OffsetCommitCodec;
import io.tributary.wire.api.offsetdelete.OffsetDeleteCodec;
import io.tributary.wire.api.offsetfetch.OffsetFetchCodec;
import io.tributary.wire.api.syncgroup.SyncGroupCodec;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.cluster.ControllerCatchUp;
import io.tributary.broker.cluster.ForwardingHandler;
import io.tributary.broker.handler.ApiVersionsHandler;
import io.tributary.broker.handler.ControllerIdView;
import io.tributary.broker.handler.DescribeClusterHandler;
import io.tributary.broker.handler.DescribeConfigsHandler;
import io.tributary.broker.handler.ConsumerOffsetsCreator;
import io.tributary.broker.handler.DescribeTopicPartitionsHandler;
import io.tributary.broker.handler.FindCoordinatorHandler;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.broker.handler.ListOffsetsHandler;
import io.tributary.broker.handler.MetadataHandler;
import io.tributary.broker.handler.OffsetForLeaderEpochHandler;
import io.tributary.broker.handler.admin.AlterConfigsHandler;
import io.tributary.broker.handler.admin.AlterPartitionReassignmentsHandler;
import io.tributary.broker.handler.admin.ListPartitionReassignmentsHandler;
import io.tributary.broker.handler.admin.CreatePartitionsHandler;
import io.tributary.broker.handler.admin.CreateTopicsHandler;
import io.tributary.broker.handler.admin.DeleteRecordsHandler;
import io.tributary.broker.handler.admin.DeleteTopicsHandler;
import io.tributary.broker.handler.admin.ElectLeadersHandler;
import io.tributary.broker.handler.admin.IncrementalAlterConfigsHandler;
import io.tributary.broker.handler.admin.InitProducerIdHandler;
import io.tributary.broker.handler.admin.ProducerIdManager;
import io.tributary.broker.handler.admin.UnregisterBrokerHandler;
import io.tributary.broker.handler.logdirs.AlterReplicaLogDirsHandler;
import io.tributary.broker.handler.logdirs.DescribeLogDirsHandler;
import io.tributary.broker.handler.logdirs.HostedReplicas;
import io.tributary.broker.handler.fetch.FetchHandler;
import io.tributary.broker.handler.fetch.session.FetchSessionCache;
import io.tributary.broker.handler.fetch.session.FetchSessions;
import io.tributary.broker.handler.produce.ProduceHandler;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.replica.ReplicationThrottle;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.alterconfigs.AlterConfigsClientCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsClientCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deleterecords.DeleteRecordsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsClientCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsCodec;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsCodec;
import io.tributary.wire.api.electleaders.ElectLeadersClientCodec;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.findcoordinator.FindCoordinatorCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsClientCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochCodec;
import io.tributary.wire.api.produce.ProduceCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsClientCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsCodec;
import io.tributary.wire.api.reassignments.ListPartitionReassignmentsCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerClientCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The one place every API of the client listeners is given its handler. HandlerTableTest holds it
 * equal to what {@link #registry()} advertises, for a one-node cluster and for a broker of a cluster.
 */
final class HandlerTables {

    private HandlerTables() {
    }

    /** What the handlers of a client listener use. */
    record Deps(BrokerConfig config, MetadataView metadata, ReplicaManager replicas, Purgatory<TopicPartition> fetchPurgatory,
                Purgatory<TopicPartition> producePurgatory, ControllerChannel controller, ControllerIdView controllerId,
                TopicConfigResolver resolver, LongSupplier brokerEpoch, Executor io, Time time, FetchSessionCache fetchSessions,
                GroupCoordinatorRuntime groups) {
    }

    /**
     * What the client listener serves: the Foundation set, plus AlterConfigs, which kafkajs still sends,
     * and OffsetForLeaderEpoch, which the Java consumer sends to validate its position after a leader
     * change (KIP-320; it skips validation against a broker that does not advertise it), and ElectLeaders,
     * which {@code kafka-leader-election} and {@code Admin.electLeaders} send to a broker, and
     * DescribeTopicPartitions, which {@code Admin.describeTopics} (3.8+) prefers to Metadata when it is
     * advertised, and which alone shows the eligible leader replicas (KIP-966), and FindCoordinator,
     * which every broker answers from its metadata, DeleteRecords, which each partition's leader
     * serves ({@code kafka-delete-records}), the classic group protocol
     * ({@link ApiRegistry#groupCodecs()}), served by the group coordinator, and DescribeLogDirs and
     * AlterReplicaLogDirs, which {@code kafka-log-dirs} and {@code kafka-reassign-partitions} send, and
     * AlterPartitionReassignments and ListPartitionReassignments, which move replicas between brokers
     * ({@code kafka-reassign-partitions}, KIP-455), and UnregisterBroker, which {@code kafka-cluster unregister}
     * sends to remove a broker for good.
     */
    static ApiRegistry registry() {
        return ApiRegistry.standard().plus(AlterConfigsCodec.INSTANCE, OffsetForLeaderEpochCodec.INSTANCE, ElectLeadersCodec.INSTANCE,
                DescribeTopicPartitionsCodec.INSTANCE, FindCoordinatorCodec.INSTANCE, DeleteRecordsCodec.INSTANCE).plus(ApiRegistry.groupCodecs())
                .plus(DescribeLogDirsCodec.INSTANCE, AlterReplicaLogDirsCodec.INSTANCE)
                .plus(AlterPartitionReassignmentsCodec.INSTANCE, ListPartitionReassignmentsCodec.INSTANCE)
                .plus(UnregisterBrokerCodec.INSTANCE);
    }

    /** A one-node cluster: admin requests go to the controller in this process. */
    static HandlerTable standard(ApiRegistry registry, Deps d) {
        ControllerChannel controller = d.controller();
        return common(registry, d)
                .register(CreateTopicsCodec.class, new CreateTopicsHandler(controller))
                .register(DeleteTopicsCodec.class, new DeleteTopicsHandler(controller, d.config().deleteTopicEnable()))
                .register(CreatePartitionsCodec.class, new CreatePartitionsHandler(controller))
                .register(IncrementalAlterConfigsCodec.class, new IncrementalAlterConfigsHandler(controller))
                .register(AlterConfigsCodec.class, new AlterConfigsHandler(controller))
                .register(ElectLeadersCodec.class, new ElectLeadersHandler(controller))
                .register(AlterPartitionReassignmentsCodec.class, new AlterPartitionReassignmentsHandler(controller))
                .register(UnregisterBrokerCodec.class, new UnregisterBrokerHandler(controller));
    }

    /**
     * A broker of a cluster: admin requests are forwarded as they came to the active controller, which
     * checks and commits them (its {@code delete.topic.enable} decides), and answered once this broker's
     * image shows the change.
     */
    static HandlerTable cluster(ApiRegistry registry, Deps d, ControllerClient requests, ControllerCatchUp catchUp) {
        long defaultTimeoutMs = d.config().controllerSocketTimeoutMs();
        return common(registry, d)
                .register(CreateTopicsCodec.class, new ForwardingHandler<>(CreateTopicsClientCodec.INSTANCE, CreateTopicsCodec.INSTANCE,
                        requests, catchUp, r -> r.timeoutMs(), defaultTimeoutMs))
                .register(DeleteTopicsCodec.class, new ForwardingHandler<>(DeleteTopicsClientCodec.INSTANCE, DeleteTopicsCodec.INSTANCE,
                        requests, catchUp, r -> r.timeoutMs(), defaultTimeoutMs))
                .register(CreatePartitionsCodec.class, new ForwardingHandler<>(CreatePartitionsClientCodec.INSTANCE,
                        CreatePartitionsCodec.INSTANCE, requests, catchUp, r -> r.timeoutMs(), defaultTimeoutMs))
                .register(IncrementalAlterConfigsCodec.class, new ForwardingHandler<>(IncrementalAlterConfigsClientCodec.INSTANCE,
                        IncrementalAlterConfigsCodec.INSTANCE, requests, catchUp, r -> -1, defaultTimeoutMs))
                .register(AlterConfigsCodec.class, new ForwardingHandler<>(AlterConfigsClientCodec.INSTANCE, AlterConfigsCodec.INSTANCE,
                        requests, catchUp, r -> -1, defaultTimeoutMs))
                .register(ElectLeadersCodec.class, new ForwardingHandler<>(ElectLeadersClientCodec.INSTANCE, ElectLeadersCodec.INSTANCE,
                        requests, catchUp, r -> r.timeoutMs(), defaultTimeoutMs))
                .register(AlterPartitionReassignmentsCodec.class, new ForwardingHandler<>(AlterPartitionReassignmentsClientCodec.INSTANCE,
                        AlterPartitionReassignmentsCodec.INSTANCE, requests, catchUp, r -> r.timeoutMs(), defaultTimeoutMs))
                .register(UnregisterBrokerCodec.class, new ForwardingHandler<>(UnregisterBrokerClientCodec.INSTANCE,
                        UnregisterBrokerCodec.INSTANCE, requests, catchUp, r -> -1, defaultTimeoutMs));
    }

    private static HandlerTable common(ApiRegistry registry, Deps d) {
        BrokerConfig config = d.config();
        HandlerTable table = new HandlerTable(registry)
                .register(ApiVersionsCodec.class, new ApiVersionsHandler(registry))
                .register(MetadataCodec.class, new MetadataHandler(d.metadata(), d.controller(), d.controllerId(),
                        config.autoCreateTopicsEnable(), config.offsetsTopicNumPartitions(), config.offsetsTopicReplicationFactor()))
                .register(ProduceCodec.class, new ProduceHandler(d.metadata(), d.replicas(), d.producePurgatory(), d.io(), d.time()))
                .register(FetchCodec.class, new FetchHandler(d.metadata(), d.replicas(), d.fetchPurgatory(), config.fetchMaxBytes(),
                        d.time(), new FetchSessions(d.fetchSessions()), ReplicationThrottle.leader(config.nodeId(),
                        config.staticRateBytesPerSecond(DynamicBrokerKeys.LEADER_REPLICATION_THROTTLED_RATE), d.metadata())))
                .register(ListOffsetsCodec.class, new ListOffsetsHandler(d.metadata(), d.replicas()))
                .register(DeleteRecordsCodec.class, new DeleteRecordsHandler(d.metadata(), d.replicas(), d.producePurgatory()))
                .register(OffsetForLeaderEpochCodec.class, new OffsetForLeaderEpochHandler(d.metadata(), d.replicas()))
                .register(DescribeClusterCodec.class, new DescribeClusterHandler(d.metadata(), d.controllerId()))
                .register(DescribeConfigsCodec.class, new DescribeConfigsHandler(d.metadata(), config, d.resolver()))
                .register(DescribeTopicPartitionsCodec.class, new DescribeTopicPartitionsHandler(d.metadata(),
                        DescribeTopicPartitionsHandler.DEFAULT_PARTITION_LIMIT))
                .register(FindCoordinatorCodec.class, new FindCoordinatorHandler(d.metadata(), new ConsumerOffsetsCreator(d.controller(),
                        config.offsetsTopicNumPartitions(), config.offsetsTopicReplicationFactor())))
                .register(InitProducerIdCodec.class, new InitProducerIdHandler(new ProducerIdManager(d.controller(), config.nodeId(),
                        d.brokerEpoch())));
        HostedReplicas hosted = HostedReplicas.of(d.replicas(), config.logDirs());
        table.register(DescribeLogDirsCodec.class, new DescribeLogDirsHandler(hosted, d.io()))
                .register(AlterReplicaLogDirsCodec.class, new AlterReplicaLogDirsHandler(hosted))
                .register(ListPartitionReassignmentsCodec.class, new ListPartitionReassignmentsHandler(d.metadata()));
        return groups(table, d);
    }

    /** The classic group protocol, each API to the group coordinator of this broker. */
    private static HandlerTable groups(HandlerTable table, Deps d) {
        GroupCoordinatorRuntime groups = d.groups();
        return table
                .register(JoinGroupCodec.class, new JoinGroupHandler(groups))
                .register(SyncGroupCodec.class, new SyncGroupHandler(groups))
                .register(HeartbeatCodec.class, new HeartbeatHandler(groups))
                .register(LeaveGroupCodec.class, new LeaveGroupHandler(groups))
                .register(OffsetCommitCodec.class, new OffsetCommitHandler(d.metadata(), groups))
                .register(OffsetFetchCodec.class, new OffsetFetchHandler(d.metadata(), groups))
                .register(OffsetDeleteCodec.class, new OffsetDeleteHandler(d.metadata(), groups))
                .register(ListGroupsCodec.class, new ListGroupsHandler(groups))
                .register(DescribeGroupsCodec.class, new DescribeGroupsHandler(groups))
                .register(DeleteGroupsCodec.class, new DeleteGroupsHandler(groups));
    }
}
