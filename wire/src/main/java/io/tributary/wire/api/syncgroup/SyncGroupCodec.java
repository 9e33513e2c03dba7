package io.tributary.wire.api.syncgroup;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;

/**
 * SyncGroup (key 14), versions 0-5. librdkafka 2.x and kafkajs 2.2.4 send up to v3, the Java client
 * 4.x v5. Versions that matter: v3 (group instance id), v4 (flexible), v5 (protocol type and name, both
 * ways, KIP-559).
 */
public final class SyncGroupCodec extends AbstractCodec<SyncGroupRequest, SyncGroupResponse> {

    public static final short API_KEY = 14;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final SyncGroupCodec INSTANCE = new SyncGroupCodec();

    private SyncGroupCodec() {
        super(API_KEY, "SyncGroup", SyncGroupRequestData.LOWEST_SUPPORTED_VERSION, SyncGroupRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public SyncGroupRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new SyncGroupRequestData(), body, header.apiVersion(), d -> new SyncGroupRequest(
                d.groupId(),
                d.generationId(),
                d.memberId(),
                d.groupInstanceId(),
                d.protocolType(),
                d.protocolName(),
                Convert.map(d.assignments(), a -> new SyncGroupRequest.Assignment(a.memberId(), Convert.buffer(a.assignment())))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, SyncGroupResponse r) {
        // Protocol type and name are ignorable: versions before v5 drop them.
        return ResponseEncoder.encode(header, new SyncGroupResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setProtocolType(r.protocolType())
                .setProtocolName(r.protocolName())
                .setAssignment(Convert.array(r.assignment())));
    }

    /** The sync fails with {@code error} and no assignment. */
    @Override
    public SyncGroupResponse errorResponse(RequestHeader header, SyncGroupRequest request, ErrorCode error) {
        return SyncGroupResponse.failed(error);
    }
}
