package io.tributary.wire.api.listoffsets;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;

/**
 * ListOffsets (key 2), versions 1-11. librdkafka 2.0.2 uses up to v2, kafkajs 2.2.4 up to v3, the
 * Java client v9+. Versions that matter: v2 (isolation level), v4 (current leader epoch in, leader
 * epoch out), v7 (max timestamp -3), v10 (timeout).
 *
 * <p>Normalisation: the isolation level reads read-uncommitted before v2 and the timeout 0 before
 * v10; special timestamps stay as the constants of {@link ListOffsetsRequest}.
 */
public final class ListOffsetsCodec implements ApiCodec<ListOffsetsRequest, ListOffsetsResponse> {

    public static final short API_KEY = 2;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final ListOffsetsCodec INSTANCE = new ListOffsetsCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "ListOffsets";
    }

    @Override
    public short minVersion() {
        return ListOffsetsRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return ListOffsetsRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public ListOffsetsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new ListOffsetsRequestData(), body, header.apiVersion(), d -> new ListOffsetsRequest(
                d.replicaId(),
                IsolationLevel.forCode(d.isolationLevel()),
                Convert.map(d.topics(), t -> new ListOffsetsRequest.Topic(t.name(), Convert.map(t.partitions(),
                        p -> new ListOffsetsRequest.Partition(p.partitionIndex(), p.currentLeaderEpoch(), p.timestamp())))),
                d.timeoutMs()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ListOffsetsResponse r) {
        short version = header.apiVersion();
        ListOffsetsResponseData d = new ListOffsetsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (ListOffsetsResponse.Topic t : r.topics()) {
            ListOffsetsResponseData.ListOffsetsTopicResponse tr = new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(t.name());
            for (ListOffsetsResponse.Partition p : t.partitions()) {
                ListOffsetsResponseData.ListOffsetsPartitionResponse pr = new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                        .setPartitionIndex(p.partition())
                        .setErrorCode(Convert.code(p.error()))
                        .setTimestamp(p.timestamp())
                        .setOffset(p.offset());
                // The leader epoch is refused with a non-default value before v4.
                if (version >= 4) {
                    pr.setLeaderEpoch(p.leaderEpoch());
                }
                tr.partitions().add(pr);
            }
            d.topics().add(tr);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every partition of the request fails with {@code error}. */
    @Override
    public ListOffsetsResponse errorResponse(RequestHeader header, ListOffsetsRequest request, ErrorCode error) {
        return new ListOffsetsResponse(0, Convert.map(request.topics(), t -> new ListOffsetsResponse.Topic(t.name(),
                Convert.map(t.partitions(), p -> ListOffsetsResponse.Partition.failed(p.partition(), error)))));
    }
}
