package io.tributary.wire.api.deleterecords;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;

/**
 * DeleteRecords (key 21), versions 0-2; v2 is flexible and is what the Java admin client 4.x (and
 * so {@code kafka-delete-records}) sends. The versions differ in encoding only.
 */
public final class DeleteRecordsCodec extends AbstractCodec<DeleteRecordsRequest, DeleteRecordsResponse> {

    public static final short API_KEY = 21;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DeleteRecordsCodec INSTANCE = new DeleteRecordsCodec();

    private DeleteRecordsCodec() {
        super(API_KEY, "DeleteRecords", DeleteRecordsRequestData.LOWEST_SUPPORTED_VERSION, DeleteRecordsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public DeleteRecordsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DeleteRecordsRequestData(), body, header.apiVersion(), d -> new DeleteRecordsRequest(
                Convert.mapAll(d.topics(), t -> new DeleteRecordsRequest.Topic(t.name(),
                        Convert.map(t.partitions(), p -> new DeleteRecordsRequest.Partition(p.partitionIndex(), p.offset())))),
                d.timeoutMs()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DeleteRecordsResponse r) {
        DeleteRecordsResponseData d = new DeleteRecordsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DeleteRecordsResponse.Topic t : r.topics()) {
            DeleteRecordsResponseData.DeleteRecordsTopicResult rt = new DeleteRecordsResponseData.DeleteRecordsTopicResult().setName(t.name());
            for (DeleteRecordsResponse.Partition p : t.partitions()) {
                rt.partitions().add(new DeleteRecordsResponseData.DeleteRecordsPartitionResult()
                        .setPartitionIndex(p.partition())
                        .setLowWatermark(p.lowWatermark())
                        .setErrorCode(Convert.code(p.error())));
            }
            d.topics().add(rt);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every partition of the request fails with {@code error}. */
    @Override
    public DeleteRecordsResponse errorResponse(RequestHeader header, DeleteRecordsRequest request, ErrorCode error) {
        return new DeleteRecordsResponse(0, Convert.map(request.topics(), t -> new DeleteRecordsResponse.Topic(t.name(),
                Convert.map(t.partitions(), p -> DeleteRecordsResponse.Partition.failed(p.partition(), error)))));
    }
}
