package io.tributary.wire.api.findcoordinator;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;

/**
 * FindCoordinator (key 10), versions 0-6. librdkafka 2.x and kafkajs 2.2.4 send v0-2 (one key), the
 * Java client 4.x v4-6 (batched keys, KIP-699). Versions that matter: v1 (key type, error message),
 * v3 (flexible), v4 (a list of keys in, a list of coordinators out), v6 (share-group keys, KIP-932).
 *
 * <p>Normalisation: the key type reads GROUP before v1; the single key of v0-3 reads as a list of one.
 */
public final class FindCoordinatorCodec extends AbstractCodec<FindCoordinatorRequest, FindCoordinatorResponse> {

    public static final short API_KEY = 10;
    /** The first version with a list of keys. */
    public static final short BATCHED_VERSION = 4;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final FindCoordinatorCodec INSTANCE = new FindCoordinatorCodec();

    private FindCoordinatorCodec() {
        super(API_KEY, "FindCoordinator", FindCoordinatorRequestData.LOWEST_SUPPORTED_VERSION,
                FindCoordinatorRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public FindCoordinatorRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new FindCoordinatorRequestData(), body, version, d -> new FindCoordinatorRequest(
                CoordinatorType.forCode(d.keyType()),
                version >= BATCHED_VERSION ? List.copyOf(d.coordinatorKeys()) : List.of(d.key())));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, FindCoordinatorResponse r) {
        short version = header.apiVersion();
        FindCoordinatorResponseData d = new FindCoordinatorResponseData().setThrottleTimeMs(r.throttleTimeMs());
        if (version >= BATCHED_VERSION) {
            for (FindCoordinatorResponse.Coordinator c : r.coordinators()) {
                d.coordinators().add(new FindCoordinatorResponseData.Coordinator()
                        .setKey(c.key())
                        .setNodeId(c.nodeId())
                        .setHost(c.host())
                        .setPort(c.port())
                        .setErrorCode(Convert.code(c.error()))
                        .setErrorMessage(c.errorMessage()));
            }
        } else {
            if (r.coordinators().size() != 1) {
                throw new IllegalArgumentException("FindCoordinator v" + version + " answers one key, not " + r.coordinators().size());
            }
            FindCoordinatorResponse.Coordinator c = r.coordinators().get(0);
            d.setErrorCode(Convert.code(c.error())).setNodeId(c.nodeId()).setHost(c.host()).setPort(c.port());
            // The error message is ignorable: v0 drops it.
            d.setErrorMessage(c.errorMessage());
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every key fails with {@code error}. */
    @Override
    public FindCoordinatorResponse errorResponse(RequestHeader header, FindCoordinatorRequest request, ErrorCode error) {
        return new FindCoordinatorResponse(0, Convert.map(request.keys(), k -> FindCoordinatorResponse.Coordinator.failed(k, error, null)));
    }
}
