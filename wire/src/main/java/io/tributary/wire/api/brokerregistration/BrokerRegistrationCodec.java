package io.tributary.wire.api.brokerregistration;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.SecurityProtocol;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.BrokerRegistrationResponseData;

/**
 * BrokerRegistration (key 62), versions 0-4, controller listener only. All versions are flexible.
 * Versions that matter: v1 (isMigratingZkBroker), v2 (log directory ids), v3 (previous broker epoch,
 * KIP-966), v4 (features with a minimum level of 0 are sent too).
 *
 * <p>Normalisation: security protocol ids become {@link SecurityProtocol} (an undefined id reading as
 * {@code UNKNOWN}); the incarnation and log directory ids become {@link java.util.UUID}s.
 */
public final class BrokerRegistrationCodec implements ApiCodec<BrokerRegistrationRequest, BrokerRegistrationResponse> {

    public static final short API_KEY = 62;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final BrokerRegistrationCodec INSTANCE = new BrokerRegistrationCodec();

    @Override
    public short apiKey() {
        return API_KEY;
    }

    @Override
    public String name() {
        return "BrokerRegistration";
    }

    @Override
    public short minVersion() {
        return BrokerRegistrationRequestData.LOWEST_SUPPORTED_VERSION;
    }

    @Override
    public short maxVersion() {
        return BrokerRegistrationRequestData.HIGHEST_SUPPORTED_VERSION;
    }

    @Override
    public BrokerRegistrationRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new BrokerRegistrationRequestData(), body, header.apiVersion(), d -> new BrokerRegistrationRequest(
                d.brokerId(),
                d.clusterId(),
                Convert.javaUuid(d.incarnationId()),
                Convert.mapAll(d.listeners(), l -> new BrokerRegistrationRequest.Listener(l.name(), l.host(), l.port(),
                        SecurityProtocol.forId(l.securityProtocol()))),
                Convert.mapAll(d.features(), f -> new BrokerRegistrationRequest.Feature(f.name(), f.minSupportedVersion(),
                        f.maxSupportedVersion())),
                d.rack(),
                d.isMigratingZkBroker(),
                Convert.map(d.logDirs(), Convert::javaUuid),
                d.previousBrokerEpoch()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, BrokerRegistrationResponse r) {
        return ResponseEncoder.encode(header, new BrokerRegistrationResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setBrokerEpoch(r.brokerEpoch()));
    }

    /** The registration fails with {@code error} and no epoch. */
    @Override
    public BrokerRegistrationResponse errorResponse(RequestHeader header, BrokerRegistrationRequest request, ErrorCode error) {
        return new BrokerRegistrationResponse(0, error, -1L);
    }
}
