package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.GroupSampleRequests;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.heartbeat.HeartbeatCodec;
import io.tributary.wire.api.heartbeat.HeartbeatRequest;
import io.tributary.wire.api.heartbeat.HeartbeatResponse;
import io.tributary.wire.api.joingroup.JoinGroupCodec;
import io.tributary.wire.api.joingroup.JoinGroupRequest;
import io.tributary.wire.api.joingroup.JoinGroupResponse;
import io.tributary.wire.api.leavegroup.LeaveGroupCodec;
import io.tributary.wire.api.leavegroup.LeaveGroupRequest;
import io.tributary.wire.api.leavegroup.LeaveGroupResponse;
import io.tributary.wire.api.syncgroup.SyncGroupCodec;
import io.tributary.wire.api.syncgroup.SyncGroupRequest;
import io.tributary.wire.api.syncgroup.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JoinGroup, SyncGroup, Heartbeat and LeaveGroup at every version kafka-clients 4.3.1 has. */
class GroupMembershipCodecsTest {

    private static final ByteBuffer SUBSCRIPTION = ByteBuffer.wrap(GroupSampleRequests.SUBSCRIPTION);
    private static final ByteBuffer ASSIGNMENT = ByteBuffer.wrap(GroupSampleRequests.ASSIGNMENT);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    @Test
    void versionsAreExactlyThoseOfThePinnedClient() {
        assertThat(JoinGroupCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.JOIN_GROUP.latestVersion());
        assertThat(JoinGroupCodec.INSTANCE.minVersion()).isEqualTo(ApiKeys.JOIN_GROUP.oldestVersion());
        assertThat(SyncGroupCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.SYNC_GROUP.latestVersion());
        assertThat(HeartbeatCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.HEARTBEAT.latestVersion());
        assertThat(LeaveGroupCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.LEAVE_GROUP.latestVersion());
        assertThat(List.of(JoinGroupCodec.INSTANCE.apiKey(), SyncGroupCodec.INSTANCE.apiKey(), HeartbeatCodec.INSTANCE.apiKey(),
                LeaveGroupCodec.INSTANCE.apiKey())).containsExactly(ApiKeys.JOIN_GROUP.id, ApiKeys.SYNC_GROUP.id, ApiKeys.HEARTBEAT.id,
                ApiKeys.LEAVE_GROUP.id);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
    void joinGroupRoundTrip(short version) {
        JoinGroupRequest r = KafkaWire.decode(GroupSampleRequests.joinGroup(version), version);
        assertThat(r).isEqualTo(new JoinGroupRequest("payments", 45_000, version >= 1 ? 300_000 : 45_000, "m-1",
                version >= 5 ? "instance-1" : null, "consumer",
                List.of(new JoinGroupRequest.Protocol("range", SUBSCRIPTION), new JoinGroupRequest.Protocol("cooperative-sticky", EMPTY)),
                version >= 8 ? "rebalance" : null));

        RequestHeader header = KafkaWire.header(JoinGroupCodec.API_KEY, version);
        JoinGroupResponse response = new JoinGroupResponse(4, ErrorCode.NONE, 7, "consumer", "range", "m-1", true, "m-1", List.of(
                new JoinGroupResponse.Member("m-1", "instance-1", SUBSCRIPTION), new JoinGroupResponse.Member("m-2", null, EMPTY)));
        JoinGroupResponseData d = KafkaWire.parse(JoinGroupCodec.INSTANCE.encode(header, response), version, new JoinGroupResponseData());
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 2 ? 4 : 0);
        assertThat(d.generationId()).isEqualTo(7);
        assertThat(d.protocolType()).isEqualTo(version >= 7 ? "consumer" : null);
        assertThat(d.protocolName()).isEqualTo("range");
        assertThat(d.leader()).isEqualTo("m-1");
        assertThat(d.skipAssignment()).isEqualTo(version >= 9);
        assertThat(d.members()).extracting(JoinGroupResponseData.JoinGroupResponseMember::memberId).containsExactly("m-1", "m-2");
        assertThat(d.members().get(0).metadata()).isEqualTo(GroupSampleRequests.SUBSCRIPTION);
        assertThat(d.members().get(0).groupInstanceId()).isEqualTo(version >= 5 ? "instance-1" : null);

        JoinGroupResponseData failed = KafkaWire.parse(JoinGroupCodec.INSTANCE.encode(header,
                JoinGroupCodec.INSTANCE.errorResponse(header, r, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)), version, new JoinGroupResponseData());
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code());
        assertThat(failed.generationId()).isEqualTo(-1);
        assertThat(failed.protocolName()).as("nullable from v7 only").isEqualTo(version >= 7 ? null : "");
        assertThat(failed.memberId()).isEmpty();
        assertThat(failed.leader()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void syncGroupRoundTrip(short version) {
        SyncGroupRequest r = KafkaWire.decode(GroupSampleRequests.syncGroup(version), version);
        assertThat(r).isEqualTo(new SyncGroupRequest("payments", 7, "m-1", version >= 3 ? "instance-1" : null,
                version >= 5 ? "consumer" : null, version >= 5 ? "range" : null,
                List.of(new SyncGroupRequest.Assignment("m-1", ASSIGNMENT), new SyncGroupRequest.Assignment("m-2", EMPTY))));

        RequestHeader header = KafkaWire.header(SyncGroupCodec.API_KEY, version);
        SyncGroupResponseData d = KafkaWire.parse(SyncGroupCodec.INSTANCE.encode(header,
                new SyncGroupResponse(2, ErrorCode.NONE, "consumer", "range", ASSIGNMENT)), version, new SyncGroupResponseData());
        assertThat(d.assignment()).isEqualTo(GroupSampleRequests.ASSIGNMENT);
        assertThat(d.protocolName()).isEqualTo(version >= 5 ? "range" : null);
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 1 ? 2 : 0);
        assertThat(ASSIGNMENT.remaining()).as("encoding leaves the response's buffer as it was").isEqualTo(GroupSampleRequests.ASSIGNMENT.length);

        SyncGroupResponseData failed = KafkaWire.parse(SyncGroupCodec.INSTANCE.encode(header,
                SyncGroupCodec.INSTANCE.errorResponse(header, r, ErrorCode.REBALANCE_IN_PROGRESS)), version, new SyncGroupResponseData());
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS.code());
        assertThat(failed.assignment()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void heartbeatRoundTrip(short version) {
        HeartbeatRequest r = KafkaWire.decode(GroupSampleRequests.sample(HeartbeatCodec.API_KEY, version), version);
        assertThat(r).isEqualTo(new HeartbeatRequest("payments", 7, "m-1", version >= 3 ? "instance-1" : null));
        RequestHeader header = KafkaWire.header(HeartbeatCodec.API_KEY, version);
        HeartbeatResponseData d = KafkaWire.parse(HeartbeatCodec.INSTANCE.encode(header,
                new HeartbeatResponse(1, ErrorCode.REBALANCE_IN_PROGRESS)), version, new HeartbeatResponseData());
        assertThat(d.errorCode()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS.code());
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 1 ? 1 : 0);
        assertThat(HeartbeatCodec.INSTANCE.errorResponse(header, r, ErrorCode.NOT_COORDINATOR).error()).isEqualTo(ErrorCode.NOT_COORDINATOR);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void leaveGroupRoundTrip(short version) {
        LeaveGroupRequest r = KafkaWire.decode(GroupSampleRequests.leaveGroup(version), version);
        assertThat(r.groupId()).isEqualTo("payments");
        assertThat(r.members()).isEqualTo(version >= 3
                ? List.of(new LeaveGroupRequest.Member("m-1", null, version >= 5 ? "shutting down" : null),
                        new LeaveGroupRequest.Member("", "instance-2", null))
                : List.of(new LeaveGroupRequest.Member("m-1", null, null)));

        RequestHeader header = KafkaWire.header(LeaveGroupCodec.API_KEY, version);
        LeaveGroupResponse response = new LeaveGroupResponse(0, ErrorCode.NONE, List.of(
                new LeaveGroupResponse.Member("m-1", null, ErrorCode.NONE),
                new LeaveGroupResponse.Member("", "instance-2", ErrorCode.UNKNOWN_MEMBER_ID)));
        LeaveGroupResponseData d = KafkaWire.parse(LeaveGroupCodec.INSTANCE.encode(header, response), version, new LeaveGroupResponseData());
        if (version >= 3) {
            assertThat(d.errorCode()).isZero();
            assertThat(d.members()).hasSize(2);
            assertThat(d.members().get(1).groupInstanceId()).isEqualTo("instance-2");
            assertThat(d.members().get(1).errorCode()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
        } else {
            assertThat(d.errorCode()).as("the member's error stands in for the group's").isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID.code());
        }

        LeaveGroupResponseData failed = KafkaWire.parse(LeaveGroupCodec.INSTANCE.encode(header,
                LeaveGroupCodec.INSTANCE.errorResponse(header, r, ErrorCode.NOT_COORDINATOR)), version, new LeaveGroupResponseData());
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.NOT_COORDINATOR.code());
        assertThat(failed.members()).isEmpty();
    }
}
