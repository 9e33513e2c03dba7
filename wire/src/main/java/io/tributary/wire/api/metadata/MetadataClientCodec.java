package io.tributary.wire.api.metadata;

import io.tributary.wire.api.TopicRef;
import io.tributary.wire.internal.AbstractClientCodec;
import io.tributary.wire.internal.Convert;
import java.util.ArrayList;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;

/**
 * The client side of Metadata (key 3). Default version {@value #DEFAULT_VERSION}.
 *
 * <p>Writing: "all topics" is an empty list at v0 and a null list from v1 (so at v0 an empty,
 * non-"all" request cannot be told apart and means all topics, as in Kafka); a topic without a name
 * is refused before v10, where topics have no ids. Refusing auto-creation needs v4+, cluster
 * authorized operations v8-10; both are refused where the version cannot carry them.
 */
public final class MetadataClientCodec extends AbstractClientCodec<MetadataRequest, MetadataResponse, MetadataRequestData, MetadataResponseData> {

    public static final short DEFAULT_VERSION = 13;

    public static final MetadataClientCodec INSTANCE = new MetadataClientCodec();

    private MetadataClientCodec() {
        super(MetadataCodec.API_KEY, "Metadata", MetadataRequestData.LOWEST_SUPPORTED_VERSION, MetadataRequestData.HIGHEST_SUPPORTED_VERSION,
                DEFAULT_VERSION);
    }

    @Override
    protected MetadataRequestData requestData(short version, MetadataRequest r) {
        MetadataRequestData d = new MetadataRequestData()
                .setAllowAutoTopicCreation(r.allowAutoTopicCreation())
                .setIncludeClusterAuthorizedOperations(r.includeClusterAuthorizedOperations())
                .setIncludeTopicAuthorizedOperations(r.includeTopicAuthorizedOperations());
        if (r.allTopics()) {
            d.setTopics(version == 0 ? new ArrayList<>() : null);
            return d;
        }
        for (TopicRef t : r.topics()) {
            if (t.name() == null && version < 10) {
                throw new IllegalArgumentException("Metadata v" + version + " names topics; topic id " + t.id() + " has no name");
            }
            d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(t.name()).setTopicId(Convert.uuid(t.id())));
        }
        return d;
    }

    @Override
    protected MetadataResponseData emptyResponse() {
        return new MetadataResponseData();
    }

    @Override
    protected MetadataResponse response(short version, MetadataResponseData d) {
        return new MetadataResponse(
                d.throttleTimeMs(),
                Convert.mapAll(d.brokers(), b -> new MetadataResponse.Broker(b.nodeId(), b.host(), b.port(), b.rack())),
                d.clusterId(),
                d.controllerId(),
                Convert.mapAll(d.topics(), t -> new MetadataResponse.Topic(
                        Convert.error(t.errorCode()),
                        t.name(),
                        Convert.topicId(t.topicId()),
                        t.isInternal(),
                        Convert.map(t.partitions(), p -> new MetadataResponse.Partition(
                                Convert.error(p.errorCode()),
                                p.partitionIndex(),
                                p.leaderId(),
                                p.leaderEpoch(),
                                Convert.ints(p.replicaNodes()),
                                Convert.ints(p.isrNodes()),
                                Convert.ints(p.offlineReplicas()))),
                        t.topicAuthorizedOperations())),
                d.clusterAuthorizedOperations(),
                Convert.error(d.errorCode()));
    }
}
