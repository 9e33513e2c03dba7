package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.HeartbeatRequest;
import io.tributary.coordinator.api.HeartbeatResponse;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.LeaveGroupResponse;
import io.tributary.coordinator.api.Protocol;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.record.GroupMetadataRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tributary.coordinator.ShardDriver.joinRequest;
import static io.tributary.coordinator.ShardDriver.protocols;
import static org.assertj.core.api.Assertions.assertThat;

class StaticMembershipTest {

    private final ShardDriver d = ShardDriver.withoutInitialDelay();
    private String a;
    private String b;

    private ClassicGroup group() {
        return (ClassicGroup) d.shard.group("g");
    }

    /** Two static members, instance-a (leader) and instance-b, Stable in generation 1. */
    private void stableStaticGroup() {
        long ja = d.send(joinRequest("g", "", "instance-a", protocols("range")));
        long jb = d.send(joinRequest("g", "", "instance-b", protocols("range")));
        d.advance(0);
        JoinGroupResponse ra = d.reply(ja);
        JoinGroupResponse rb = d.reply(jb);
        assertThat(ra.error()).as("static members skip MEMBER_ID_REQUIRED").isEqualTo(ErrorCode.NONE);
        a = ra.memberId();
        b = rb.memberId();
        assertThat(a).startsWith("instance-a-");
        d.send(new SyncGroupRequest("g", 1, b, "instance-b", "consumer", "range", Map.of()));
        d.send(new SyncGroupRequest("g", 1, a, "instance-a", "consumer", "range", Map.of(a, new byte[]{1}, b, new byte[]{2})));
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
    }

    @Test
    void aRestartedStaticMemberTakesANewIdWithoutARebalanceAndKeepsItsAssignment() {
        stableStaticGroup();
        int recordsBefore = d.log.size();
        JoinGroupResponse back = d.reply(d.send(joinRequest("g", "", "instance-b", protocols("range"))));
        assertThat(back.error()).isEqualTo(ErrorCode.NONE);
        assertThat(back.memberId()).isNotEqualTo(b).startsWith("instance-b-");
        assertThat(back.generationId()).isEqualTo(1);
        assertThat(back.leaderId()).isEqualTo(a);
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
        assertThat(d.log).hasSize(recordsBefore + 1);
        assertThat(((GroupMetadataRecord) d.log.get(recordsBefore)).value().members())
                .anySatisfy(m -> assertThat(m.memberId()).isEqualTo(back.memberId()));
        SyncGroupResponse s = d.reply(d.send(new SyncGroupRequest("g", 1, back.memberId(), "instance-b", null, null, Map.of())));
        assertThat(s.assignment()).containsExactly(2);
        HeartbeatResponse old = d.reply(d.send(new HeartbeatRequest("g", 1, b, "instance-b")));
        assertThat(old.error()).isEqualTo(ErrorCode.FENCED_INSTANCE_ID);
        assertThat(d.heartbeat("g", 1, a)).as("the others carry on undisturbed").isEqualTo(ErrorCode.NONE);
    }

    @Test
    void aRestartedStaticLeaderIsToldTheOldLeaderIdSoItDoesNotReassign() {
        stableStaticGroup();
        JoinGroupResponse back = d.reply(d.send(joinRequest("g", "", "instance-a", protocols("range"))));
        assertThat(back.leaderId()).isEqualTo(a).isNotEqualTo(back.memberId());
        assertThat(group().leaderId()).as("the new id leads from now on").isEqualTo(back.memberId());
    }

    @Test
    void aStaticMemberReturningWithOtherMetadataForTheSelectedProtocolDoesNotRebalance() {
        // As Kafka: the Java client's subscription carries its owned partitions and last generation,
        // which a restarted member no longer has; only a change of the selected protocol rebalances.
        stableStaticGroup();
        JoinGroupResponse back = d.reply(d.send(joinRequest("g", "", "instance-b",
                List.of(new Protocol("range", new byte[] {7}), new Protocol("roundrobin", new byte[] {8})))));
        assertThat(back.error()).isEqualTo(ErrorCode.NONE);
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
    }

    @Test
    void aStaticMemberReturningWithProtocolsThatChangeTheSelectionRebalances() {
        long ja = d.send(joinRequest("g", "", "instance-a", protocols("roundrobin", "range")));
        long jb = d.send(joinRequest("g", "", "instance-b", protocols("roundrobin", "range")));
        d.advance(0);
        a = d.<JoinGroupResponse>reply(ja).memberId();
        b = d.<JoinGroupResponse>reply(jb).memberId();
        d.send(new SyncGroupRequest("g", 1, b, "instance-b", "consumer", "roundrobin", Map.of()));
        d.send(new SyncGroupRequest("g", 1, a, "instance-a", "consumer", "roundrobin", Map.of(a, new byte[]{1}, b, new byte[]{2})));
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
        d.send(joinRequest("g", "", "instance-b", protocols("range")));
        assertThat(group().state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
    }

    @Test
    void staticMembersLeaveByInstanceIdAndAnOldIdIsFenced() {
        stableStaticGroup();
        LeaveGroupResponse r = d.reply(d.send(new LeaveGroupRequest("g", List.of(
                new LeaveGroupRequest.LeavingMember("wrong-id", "instance-a"),
                new LeaveGroupRequest.LeavingMember("", "instance-b"),
                new LeaveGroupRequest.LeavingMember("", "instance-c")))));
        assertThat(r.members()).extracting(LeaveGroupResponse.MemberResult::error)
                .containsExactly(ErrorCode.FENCED_INSTANCE_ID, ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(group().has(b)).isFalse();
        assertThat(group().has(a)).isTrue();
    }

    @Test
    void anOldInstanceWaitingInARebalanceIsAnsweredFencedWhenItsReplacementArrives() {
        stableStaticGroup();
        long oldJoin = d.send(joinRequest("g", b, "instance-b", protocols("range", "roundrobin")));
        assertThat(d.answered(oldJoin)).isFalse();
        long newJoin = d.send(joinRequest("g", "", "instance-b", protocols("range", "roundrobin")));
        assertThat(d.<JoinGroupResponse>reply(oldJoin).error()).isEqualTo(ErrorCode.FENCED_INSTANCE_ID);
        d.rejoin("g", a);
        JoinGroupResponse r = d.reply(newJoin);
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.generationId()).isEqualTo(2);
    }
}
