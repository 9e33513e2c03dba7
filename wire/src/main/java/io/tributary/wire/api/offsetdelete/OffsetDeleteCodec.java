package io.tributary.wire.api.offsetdelete;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;

/** OffsetDelete (key 47), version 0 only (not flexible). The Java admin client and librdkafka 2.x send v0; kafkajs 2.2.4 does not send it. */
public final class OffsetDeleteCodec extends AbstractCodec<OffsetDeleteRequest, OffsetDeleteResponse> {

    public static final short API_KEY = 47;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final OffsetDeleteCodec INSTANCE = new OffsetDeleteCodec();

    private OffsetDeleteCodec() {
        super(API_KEY, "OffsetDelete", OffsetDeleteRequestData.LOWEST_SUPPORTED_VERSION, OffsetDeleteRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public OffsetDeleteRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new OffsetDeleteRequestData(), body, header.apiVersion(), d -> new OffsetDeleteRequest(d.groupId(),
                Convert.mapAll(d.topics(), t -> new OffsetDeleteRequest.Topic(t.name(),
                        Convert.map(t.partitions(), OffsetDeleteRequestData.OffsetDeleteRequestPartition::partitionIndex)))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, OffsetDeleteResponse r) {
        OffsetDeleteResponseData d = new OffsetDeleteResponseData()
                .setErrorCode(Convert.code(r.error()))
                .setThrottleTimeMs(r.throttleTimeMs());
        for (OffsetDeleteResponse.Topic t : r.topics()) {
            OffsetDeleteResponseData.OffsetDeleteResponseTopic rt = new OffsetDeleteResponseData.OffsetDeleteResponseTopic().setName(t.name());
            for (OffsetDeleteResponse.Partition p : t.partitions()) {
                rt.partitions().add(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                        .setPartitionIndex(p.partition())
                        .setErrorCode(Convert.code(p.error())));
            }
            d.topics().add(rt);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** The group-level error alone, as Kafka answers a request it cannot serve. */
    @Override
    public OffsetDeleteResponse errorResponse(RequestHeader header, OffsetDeleteRequest request, ErrorCode error) {
        return new OffsetDeleteResponse(error, 0, List.of());
    }
}
