package io.tributary.wire.api.offsetfetch;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.TopicRef;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;

/**
 * OffsetFetch (key 9), versions 1-10 (kafka-clients 4.x dropped v0). librdkafka 2.x sends up to v7
 * (v9 from 2.4), kafkajs 2.2.4 up to v4, the Java client 4.x v9, or v10 when every topic has an id.
 * Versions that matter: v2 (null topics for all, top-level error), v5 (leader epoch out), v6
 * (flexible), v7 (require stable), v8 (many groups, KIP-709), v9 (member id and epoch, KIP-848), v10
 * (topic ids instead of names).
 *
 * <p>Normalisation: the one group of v1-7 reads as a list of one; v1 topics are never null.
 */
public final class OffsetFetchCodec extends AbstractCodec<OffsetFetchRequest, OffsetFetchResponse> {

    public static final short API_KEY = 9;
    /** The first version that asks about many groups. */
    public static final short MULTI_GROUP_VERSION = 8;
    /** The first version that names topics by id. */
    public static final short TOPIC_ID_VERSION = 10;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final OffsetFetchCodec INSTANCE = new OffsetFetchCodec();

    private OffsetFetchCodec() {
        super(API_KEY, "OffsetFetch", OffsetFetchRequestData.LOWEST_SUPPORTED_VERSION, OffsetFetchRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public OffsetFetchRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new OffsetFetchRequestData(), body, version, d -> {
            if (version >= MULTI_GROUP_VERSION) {
                return new OffsetFetchRequest(Convert.map(d.groups(), g -> new OffsetFetchRequest.Group(g.groupId(), g.memberId(),
                        g.memberEpoch(), g.topics() == null ? null : Convert.map(g.topics(), t -> new OffsetFetchRequest.Topic(
                                Convert.topicRef(version >= TOPIC_ID_VERSION, t.name(), t.topicId()),
                                Convert.ints(t.partitionIndexes()))))), d.requireStable());
            }
            List<OffsetFetchRequest.Topic> topics = d.topics() == null ? null : Convert.map(d.topics(),
                    t -> new OffsetFetchRequest.Topic(TopicRef.byName(t.name()), Convert.ints(t.partitionIndexes())));
            return new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(d.groupId(), null, -1, topics)), d.requireStable());
        });
    }

    @Override
    public ResponseFrame encode(RequestHeader header, OffsetFetchResponse r) {
        short version = header.apiVersion();
        OffsetFetchResponseData d = new OffsetFetchResponseData().setThrottleTimeMs(r.throttleTimeMs());
        if (version >= MULTI_GROUP_VERSION) {
            for (OffsetFetchResponse.Group g : r.groups()) {
                d.groups().add(group(g));
            }
        } else {
            if (r.groups().size() != 1) {
                throw new IllegalArgumentException("OffsetFetch v" + version + " answers one group, not " + r.groups().size());
            }
            OffsetFetchResponse.Group g = r.groups().get(0);
            ErrorCode groupError = g.error() == null ? ErrorCode.NONE : g.error();
            // The top-level error is ignorable: v1 drops it and carries the group's error on its partitions instead.
            d.setErrorCode(groupError.code());
            for (OffsetFetchResponse.Topic t : g.topics()) {
                OffsetFetchResponseData.OffsetFetchResponseTopic rt = new OffsetFetchResponseData.OffsetFetchResponseTopic()
                        .setName(t.topic().name());
                for (OffsetFetchResponse.Partition p : t.partitions()) {
                    ErrorCode e = version < 2 && Convert.code(p.error()) == 0 ? groupError : p.error();
                    rt.partitions().add(new OffsetFetchResponseData.OffsetFetchResponsePartition()
                            .setPartitionIndex(p.partition())
                            .setCommittedOffset(p.committedOffset())
                            .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                            .setMetadata(p.metadata())
                            .setErrorCode(Convert.code(e)));
                }
                d.topics().add(rt);
            }
        }
        return ResponseEncoder.encode(header, d);
    }

    private static OffsetFetchResponseData.OffsetFetchResponseGroup group(OffsetFetchResponse.Group g) {
        OffsetFetchResponseData.OffsetFetchResponseGroup rg = new OffsetFetchResponseData.OffsetFetchResponseGroup()
                .setGroupId(g.groupId())
                .setErrorCode(Convert.code(g.error()));
        for (OffsetFetchResponse.Topic t : g.topics()) {
            // Name (v8-9) and id (v10+) are ignorable, so each version keeps the one it carries.
            OffsetFetchResponseData.OffsetFetchResponseTopics rt = new OffsetFetchResponseData.OffsetFetchResponseTopics()
                    .setName(t.topic().name() == null ? "" : t.topic().name())
                    .setTopicId(Convert.uuid(t.topic().id()));
            for (OffsetFetchResponse.Partition p : t.partitions()) {
                rt.partitions().add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                        .setPartitionIndex(p.partition())
                        .setCommittedOffset(p.committedOffset())
                        .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                        .setMetadata(p.metadata())
                        .setErrorCode(Convert.code(p.error())));
            }
            rg.topics().add(rt);
        }
        return rg;
    }

    /**
     * Every group fails with {@code error}, and every partition it named too, with no offset: v1 has no
     * group-level error, and a client reads partition errors at every version.
     */
    @Override
    public OffsetFetchResponse errorResponse(RequestHeader header, OffsetFetchRequest request, ErrorCode error) {
        return new OffsetFetchResponse(0, Convert.map(request.groups(), g -> new OffsetFetchResponse.Group(g.groupId(), error,
                g.allTopics() ? List.of() : Convert.map(g.topics(), t -> new OffsetFetchResponse.Topic(t.topic(),
                        Convert.map(t.partitions(), p -> OffsetFetchResponse.Partition.none(p, error)))))));
    }
}
