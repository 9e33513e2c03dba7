package io.tributary.wire.api.metadata;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;

/**
 * Metadata (key 3), versions 0-13. kafkajs 2.2.4 uses up to v6, librdkafka 2.0.2 up to v4, the Java
 * client v12/v13. Versions that matter: v1 (null topic list = all topics), v4 (allowAutoTopicCreation),
 * v7 (leader epochs), v10 (topic ids), v13 (top-level error).
 *
 * <p>Normalisation: "all topics" is a flag ({@code allTopics}), whether the version spelt it as an
 * empty list (v0) or a null list (v1+); {@code allowAutoTopicCreation} reads true before v4, which is
 * what those versions meant. Topics are {@link TopicRef}s with a name, an id (v10+), or both.
 */
public final class MetadataCodec implements ApiCodec<MetadataRequest, MetadataResponse> {

    public static final short API_KEY = 3;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final MetadataCodec INSTANCE = new MetadataCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "Metadata";
    }

    @Override
    public short minVersion() {
        return MetadataRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return MetadataRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public MetadataRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new MetadataRequestData(), body, version, d -> {
            boolean all = d.topics() == null || (version == 0 && d.topics().isEmpty());
            List<TopicRef> topics = all ? List.of()
                    : Convert.map(d.topics(), t -> new TopicRef(t.name(), Convert.topicId(t.topicId())));
            return new MetadataRequest(all, topics, version < 4 || d.allowAutoTopicCreation(),
                    d.includeTopicAuthorizedOperations(), d.includeClusterAuthorizedOperations());
        });
    }

    @Override
    public ResponseFrame encode(RequestHeader header, MetadataResponse r) {
        short version = header.apiVersion();
        MetadataResponseData d = new MetadataResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setClusterId(r.clusterId())
                .setControllerId(r.controllerId())
                .setErrorCode(Convert.code(r.error()));
        // Cluster-level authorized operations exist only in v8-10; elsewhere a non-default value is refused.
        if (version >= 8 && version <= 10) {
            d.setClusterAuthorizedOperations(r.clusterAuthorizedOperations());
        }
        for (MetadataResponse.Broker b : r.brokers()) {
            d.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                    .setNodeId(b.nodeId()).setHost(b.host()).setPort(b.port()).setRack(b.rack()));
        }
        for (MetadataResponse.Topic t : r.topics()) {
            MetadataResponseData.MetadataResponseTopic mt = new MetadataResponseData.MetadataResponseTopic()
                    .setErrorCode(Convert.code(t.error()))
                    // Names are nullable from v12 only; before, an unknown topic id is answered with an empty name.
                    .setName(t.name() == null && version < 12 ? "" : t.name())
                    .setTopicId(Convert.uuid(t.topicId()))
                    .setIsInternal(t.isInternal());
            if (version >= 8) {
                mt.setTopicAuthorizedOperations(t.topicAuthorizedOperations());
            }
            for (MetadataResponse.Partition p : t.partitions()) {
                mt.partitions().add(new MetadataResponseData.MetadataResponsePartition()
                        .setErrorCode(Convert.code(p.error()))
                        .setPartitionIndex(p.partitionIndex())
                        .setLeaderId(p.leaderId())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setReplicaNodes(new ArrayList<>(p.replicaNodes()))
                        .setIsrNodes(new ArrayList<>(p.isrNodes()))
                        .setOfflineReplicas(new ArrayList<>(p.offlineReplicas())));
            }
            d.topics().add(mt);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every requested topic with {@code error}, no brokers, no controller. */
    @Override
    public MetadataResponse errorResponse(RequestHeader header, MetadataRequest request, ErrorCode error) {
        List<MetadataResponse.Topic> topics = new ArrayList<>();
        for (TopicRef t : request.topics()) {
            topics.add(new MetadataResponse.Topic(error, t.name(), t.id(), false, List.of(),
                    MetadataResponse.OPERATIONS_OMITTED));
        }
        return new MetadataResponse(0, List.of(), null, -1, topics, MetadataResponse.OPERATIONS_OMITTED, ErrorCode.NONE);
    }
}
