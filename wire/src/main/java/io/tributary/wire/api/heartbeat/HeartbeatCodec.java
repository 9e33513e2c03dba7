package io.tributary.wire.api.heartbeat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;

/**
 * Heartbeat (key 12), versions 0-4. librdkafka 2.x and kafkajs 2.2.4 send up to v3, the Java client
 * 4.x v4. Versions that matter: v1 (throttle time), v3 (group instance id), v4 (flexible).
 */
public final class HeartbeatCodec extends AbstractCodec<HeartbeatRequest, HeartbeatResponse> {

    public static final short API_KEY = 12;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final HeartbeatCodec INSTANCE = new HeartbeatCodec();

    private HeartbeatCodec() {
        super(API_KEY, "Heartbeat", HeartbeatRequestData.LOWEST_SUPPORTED_VERSION, HeartbeatRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public HeartbeatRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new HeartbeatRequestData(), body, header.apiVersion(),
                d -> new HeartbeatRequest(d.groupId(), d.generationId(), d.memberId(), d.groupInstanceId()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, HeartbeatResponse r) {
        return ResponseEncoder.encode(header, new HeartbeatResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error())));
    }

    @Override
    public HeartbeatResponse errorResponse(RequestHeader header, HeartbeatRequest request, ErrorCode error) {
        return new HeartbeatResponse(0, error);
    }
}
