package io.tributary.wire.api.brokerheartbeat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;

/**
 * BrokerHeartbeat (key 63), versions 0-2, controller listener only. All versions are flexible.
 * Versions that matter: v1 (offline log directories, a tagged field), v2 (cordoned log directories,
 * KIP-1066, a tagged field Tributary neither sends nor reads).
 *
 * <p>Normalisation: offline log directories read as an empty list before v1.
 */
public final class BrokerHeartbeatCodec implements ApiCodec<BrokerHeartbeatRequest, BrokerHeartbeatResponse> {

    public static final short API_KEY = 63;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final BrokerHeartbeatCodec INSTANCE = new BrokerHeartbeatCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "BrokerHeartbeat";
    }

    @Override
    public short minVersion() {
        return BrokerHeartbeatRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return BrokerHeartbeatRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public BrokerHeartbeatRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new BrokerHeartbeatRequestData(), body, header.apiVersion(), d -> new BrokerHeartbeatRequest(
                d.brokerId(), d.brokerEpoch(), d.currentMetadataOffset(), d.wantFence(), d.wantShutDown(),
                Convert.map(d.offlineLogDirs(), Convert::javaUuid)));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, BrokerHeartbeatResponse r) {
        return ResponseEncoder.encode(header, new BrokerHeartbeatResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setIsCaughtUp(r.isCaughtUp())
                .setIsFenced(r.isFenced())
                .setShouldShutDown(r.shouldShutDown()));
    }

    /** The heartbeat fails with {@code error}; the broker is told it is fenced. */
    @Override
    public BrokerHeartbeatResponse errorResponse(RequestHeader header, BrokerHeartbeatRequest request, ErrorCode error) {
        return BrokerHeartbeatResponse.failed(error);
    }
}
