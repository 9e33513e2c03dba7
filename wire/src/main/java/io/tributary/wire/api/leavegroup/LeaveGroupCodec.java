package io.tributary.wire.api.leavegroup;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;

/**
 * LeaveGroup (key 13), versions 0-5. librdkafka 2.x sends up to v1, kafkajs 2.2.4 up to v3, the Java
 * client 4.x v5. Versions that matter: v3 (a batch of members, each by member id and/or group instance
 * id, KIP-345), v4 (flexible), v5 (reason per member, KIP-800).
 *
 * <p>Normalisation: the single member id of v0-2 reads as a list of one member without instance id.
 */
public final class LeaveGroupCodec extends AbstractCodec<LeaveGroupRequest, LeaveGroupResponse> {

    public static final short API_KEY = 13;
    /** The first version with a batch of members. */
    public static final short BATCHED_VERSION = 3;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final LeaveGroupCodec INSTANCE = new LeaveGroupCodec();

    private LeaveGroupCodec() {
        super(API_KEY, "LeaveGroup", LeaveGroupRequestData.LOWEST_SUPPORTED_VERSION, LeaveGroupRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public LeaveGroupRequest decode(RequestHeader header, ByteBuffer body) {
        short version = header.apiVersion();
        return Messages.read(new LeaveGroupRequestData(), body, version, d -> new LeaveGroupRequest(d.groupId(),
                version >= BATCHED_VERSION
                        ? Convert.map(d.members(), m -> new LeaveGroupRequest.Member(m.memberId(), m.groupInstanceId(), m.reason()))
                        : List.of(new LeaveGroupRequest.Member(d.memberId(), null, null))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, LeaveGroupResponse r) {
        LeaveGroupResponseData d = new LeaveGroupResponseData().setThrottleTimeMs(r.throttleTimeMs());
        if (header.apiVersion() >= BATCHED_VERSION) {
            d.setErrorCode(Convert.code(r.error()));
            for (LeaveGroupResponse.Member m : r.members()) {
                d.members().add(new LeaveGroupResponseData.MemberResponse()
                        .setMemberId(m.memberId())
                        .setGroupInstanceId(m.groupInstanceId())
                        .setErrorCode(Convert.code(m.error())));
            }
        } else {
            d.setErrorCode(Convert.code(singleError(r)));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Before v3 the one error the wire carries: the group's, or else the first member's. */
    private static ErrorCode singleError(LeaveGroupResponse r) {
        if (r.error() != null && r.error() != ErrorCode.NONE) {
            return r.error();
        }
        for (LeaveGroupResponse.Member m : r.members()) {
            if (m.error() != null && m.error() != ErrorCode.NONE) {
                return m.error();
            }
        }
        return ErrorCode.NONE;
    }

    /** The group-level error alone, as Kafka answers a leave it cannot serve. */
    @Override
    public LeaveGroupResponse errorResponse(RequestHeader header, LeaveGroupRequest request, ErrorCode error) {
        return new LeaveGroupResponse(0, error, List.of());
    }
}
