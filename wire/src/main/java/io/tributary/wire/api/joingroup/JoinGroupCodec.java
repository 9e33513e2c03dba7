package io.tributary.wire.api.joingroup;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;

/**
 * JoinGroup (key 11), versions 0-9. librdkafka 2.x and kafkajs 2.2.4 send up to v5, the Java client
 * 4.x v9. Versions that matter: v1 (rebalance timeout), v4 (a new member must rejoin with the member id
 * it is given, MEMBER_ID_REQUIRED, KIP-394), v5 (group instance id, KIP-345), v6 (flexible), v7
 * (protocol type and nullable protocol name out), v8 (reason in), v9 (skip assignment out, KIP-814).
 *
 * <p>Normalisation: before v1 the rebalance timeout reads as the session timeout; absent strings read null.
 */
public final class JoinGroupCodec extends AbstractCodec<JoinGroupRequest, JoinGroupResponse> {

    public static final short API_KEY = 11;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final JoinGroupCodec INSTANCE = new JoinGroupCodec();

    private JoinGroupCodec() {
        super(API_KEY, "JoinGroup", JoinGroupRequestData.LOWEST_SUPPORTED_VERSION, JoinGroupRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public JoinGroupRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new JoinGroupRequestData(), body, version, d -> new JoinGroupRequest(
                d.groupId(),
                d.sessionTimeoutMs(),
                version >= 1 ? d.rebalanceTimeoutMs() : d.sessionTimeoutMs(),
                d.memberId(),
                d.groupInstanceId(),
                d.protocolType(),
                Convert.mapAll(d.protocols(), p -> new JoinGroupRequest.Protocol(p.name(), Convert.buffer(p.metadata()))),
                d.reason()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, JoinGroupResponse r) {
        short version = header.apiVersion();
        JoinGroupResponseData d = new JoinGroupResponseData()
                .setThrottleTimeMs(r.throttleTimeMs())
                .setErrorCode(Convert.code(r.error()))
                .setGenerationId(r.generationId())
                .setProtocolType(r.protocolType())
                // The protocol name is nullable from v7 only; Kafka writes "" before.
                .setProtocolName(r.protocolName() == null && version < 7 ? "" : r.protocolName())
                .setLeader(r.leader())
                .setMemberId(r.memberId());
        // Skip-assignment is refused when set before v9; it cannot be true for a client that does not know it.
        if (version >= 9) {
            d.setSkipAssignment(r.skipAssignment());
        }
        for (JoinGroupResponse.Member m : r.members()) {
            d.members().add(new JoinGroupResponseData.JoinGroupResponseMember()
                    .setMemberId(m.memberId())
                    .setGroupInstanceId(m.groupInstanceId())
                    .setMetadata(Convert.array(m.metadata())));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** The join fails with {@code error}, with no member id, generation or leader, as Kafka answers it. */
    @Override
    public JoinGroupResponse errorResponse(RequestHeader header, JoinGroupRequest request, ErrorCode error) {
        return JoinGroupResponse.failed(error, "");
    }
}
