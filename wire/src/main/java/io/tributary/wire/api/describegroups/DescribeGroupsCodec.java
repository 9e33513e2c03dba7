package io.tributary.wire.api.describegroups;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;

/**
 * DescribeGroups (key 15), versions 0-6. librdkafka 2.x sends up to v4, kafkajs 2.2.4 up to v2, the
 * Java admin client 4.x v6 (for classic groups, after ConsumerGroupDescribe says the group is not a
 * consumer-protocol group). Versions that matter: v3 (authorized operations), v4 (group instance id
 * out), v5 (flexible), v6 (GROUP_ID_NOT_FOUND and an error message for a missing group, KIP-1043).
 */
public final class DescribeGroupsCodec extends AbstractCodec<DescribeGroupsRequest, DescribeGroupsResponse> {

    public static final short API_KEY = 15;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DescribeGroupsCodec INSTANCE = new DescribeGroupsCodec();

    private DescribeGroupsCodec() {
        super(API_KEY, "DescribeGroups", DescribeGroupsRequestData.LOWEST_SUPPORTED_VERSION,
                DescribeGroupsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public DescribeGroupsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DescribeGroupsRequestData(), body, header.apiVersion(),
                d -> new DescribeGroupsRequest(Convert.map(d.groups(), g -> g), d.includeAuthorizedOperations()));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DescribeGroupsResponse r) {
        short version = header.apiVersion();
        DescribeGroupsResponseData d = new DescribeGroupsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (DescribeGroupsResponse.Group g : r.groups()) {
            DescribeGroupsResponseData.DescribedGroup dg = new DescribeGroupsResponseData.DescribedGroup()
                    .setErrorCode(Convert.code(g.error()))
                    .setGroupId(g.groupId())
                    .setGroupState(g.groupState())
                    .setProtocolType(g.protocolType())
                    .setProtocolData(g.protocolData());
            // The error message (v6+) and authorized operations (v3+) are not ignorable: set them only where carried.
            if (version >= 6) {
                dg.setErrorMessage(g.errorMessage());
            }
            if (version >= 3) {
                dg.setAuthorizedOperations(g.authorizedOperations());
            }
            for (DescribeGroupsResponse.Member m : g.members()) {
                dg.members().add(new DescribeGroupsResponseData.DescribedGroupMember()
                        .setMemberId(m.memberId())
                        .setGroupInstanceId(m.groupInstanceId())
                        .setClientId(m.clientId())
                        .setClientHost(m.clientHost())
                        .setMemberMetadata(Convert.array(m.memberMetadata()))
                        .setMemberAssignment(Convert.array(m.memberAssignment())));
            }
            d.groups().add(dg);
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every requested group fails with {@code error}. */
    @Override
    public DescribeGroupsResponse errorResponse(RequestHeader header, DescribeGroupsRequest request, ErrorCode error) {
        return new DescribeGroupsResponse(0, Convert.map(request.groups(), g -> DescribeGroupsResponse.Group.failed(g, error, null)));
    }
}
