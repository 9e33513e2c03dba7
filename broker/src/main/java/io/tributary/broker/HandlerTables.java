package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ApiVersionsHandler;
import io.tributary.broker.handler.DescribeClusterHandler;
import io.tributary.broker.handler.DescribeConfigsHandler;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.broker.handler.ListOffsetsHandler;
import io.tributary.broker.handler.MetadataHandler;
import io.tributary.broker.handler.admin.AlterConfigsHandler;
import io.tributary.broker.handler.admin.CreatePartitionsHandler;
import io.tributary.broker.handler.admin.CreateTopicsHandler;
import io.tributary.broker.handler.admin.DeleteTopicsHandler;
import io.tributary.broker.handler.admin.IncrementalAlterConfigsHandler;
import io.tributary.broker.handler.admin.InitProducerIdHandler;
import io.tributary.broker.handler.admin.ProducerIdManager;
import io.tributary.broker.handler.fetch.FetchHandler;
import io.tributary.broker.handler.produce.ProduceHandler;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.produce.ProduceCodec;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/** The one place every API is given its handler. HandlerTableTest holds it equal to what {@link #registry()} advertises. */
final class HandlerTables {

    private HandlerTables() {
    }

    /** What the client listener serves: the Foundation set, plus AlterConfigs, which kafkajs still sends. */
    static ApiRegistry registry() {
        return ApiRegistry.standard().plus(AlterConfigsCodec.INSTANCE);
    }

    static HandlerTable standard(ApiRegistry registry, BrokerConfig config, MetadataView metadata, ReplicaManager replicas,
                                 Purgatory<TopicPartition> fetchPurgatory, Purgatory<TopicPartition> producePurgatory,
                                 ControllerChannel controller, TopicConfigResolver resolver, LongSupplier brokerEpoch, Executor io,
                                 Time time) {
        int nodeId = config.nodeId();
        return new HandlerTable(registry)
                .register(ApiVersionsCodec.class, new ApiVersionsHandler(registry))
                .register(MetadataCodec.class, new MetadataHandler(metadata, controller, nodeId, config.autoCreateTopicsEnable()))
                .register(ProduceCodec.class, new ProduceHandler(metadata, replicas, producePurgatory, fetchPurgatory, io, time))
                .register(FetchCodec.class, new FetchHandler(metadata, replicas, fetchPurgatory, config.fetchMaxBytes()))
                .register(ListOffsetsCodec.class, new ListOffsetsHandler(metadata, replicas))
                .register(CreateTopicsCodec.class, new CreateTopicsHandler(controller))
                .register(DeleteTopicsCodec.class, new DeleteTopicsHandler(controller, config.deleteTopicEnable()))
                .register(CreatePartitionsCodec.class, new CreatePartitionsHandler(controller))
                .register(DescribeClusterCodec.class, new DescribeClusterHandler(metadata, nodeId))
                .register(DescribeConfigsCodec.class, new DescribeConfigsHandler(metadata, config, resolver))
                .register(IncrementalAlterConfigsCodec.class, new IncrementalAlterConfigsHandler(controller))
                .register(InitProducerIdCodec.class, new InitProducerIdHandler(new ProducerIdManager(controller, nodeId, brokerEpoch)))
                .register(AlterConfigsCodec.class, new AlterConfigsHandler(controller));
    }
}
