package io.tributary.wire.api.offsetcommit;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;

/**
 * OffsetCommit (key 8), versions 2-10 (kafka-clients 4.x dropped v0-1). librdkafka 2.x sends up to v7
 * (v9 from 2.4), kafkajs 2.2.4 up to v5, the Java client 4.x v9 with topic names and v10 when every
 * topic has an id. Versions that matter: v2-4 (retention time), v6 (committed leader epoch), v7 (group
 * instance id), v8 (flexible), v10 (topic ids instead of names, KIP-848).
 *
 * <p>Normalisation: the retention time reads -1 outside v2-4, the leader epoch -1 before v6; before
 * v10 a topic has a name and {@code TopicId.ZERO}, from v10 an id and a null name.
 */
public final class OffsetCommitCodec extends AbstractCodec<OffsetCommitRequest, OffsetCommitResponse> {

    public static final short API_KEY = 8;
    /** The first version that names topics by id. */
    public static final short TOPIC_ID_VERSION = 10;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final OffsetCommitCodec INSTANCE = new OffsetCommitCodec();

    private OffsetCommitCodec() {
        super(API_KEY, "OffsetCommit", OffsetCommitRequestData.LOWEST_SUPPORTED_VERSION, OffsetCommitRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public OffsetCommitRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new OffsetCommitRequestData(), body, version, d -> new OffsetCommitRequest(
                d.groupId(),
                d.generationIdOrMemberEpoch(),
                d.memberId(),
                d.groupInstanceId(),
                d.retentionTimeMs(),
                Convert.map(d.topics(), t -> new OffsetCommitRequest.Topic(Convert.topicRef(version >= TOPIC_ID_VERSION, t.name(), t.topicId()),
                        Convert.map(t.partitions(), p -> new OffsetCommitRequest.Partition(p.partitionIndex(), p.committedOffset(),
                                p.committedLeaderEpoch(), p.committedMetadata()))))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, OffsetCommitResponse r) {
        OffsetCommitResponseData d = new OffsetCommitResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (OffsetCommitResponse.Topic t : r.topics()) {
            // Name (v0-9) and id (v10+) are ignorable, so each version keeps the one it carries.
            OffsetCommitResponseData.OffsetCommitResponseTopic rt = new OffsetCommitResponseData.OffsetCommitResponseTopic()
                    .setName(t.topic().name() == null ? "" : t.topic().name())
                    .setTopicId(Convert.uuid(t.topic().id()));
            for (OffsetCommitResponse.Partition p : t.partitions()) {
                rt.partitions().add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partition())
                        .setErrorCode(Convert.code(p.error())));
            }
            d.topics().add(rt);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every partition of the request fails with {@code error}. */
    @Override
    public OffsetCommitResponse errorResponse(RequestHeader header, OffsetCommitRequest request, ErrorCode error) {
        return new OffsetCommitResponse(0, Convert.map(request.topics(), t -> new OffsetCommitResponse.Topic(t.topic(),
                Convert.map(t.partitions(), p -> new OffsetCommitResponse.Partition(p.partition(), error)))));
    }
}
