package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.LeaveGroupResponse;
import io.tributary.coordinator.api.SyncGroupRequest;
import io.tributary.coordinator.api.SyncGroupResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.tributary.coordinator.ShardDriver.joinRequest;
import static io.tributary.coordinator.ShardDriver.protocols;
import static org.assertj.core.api.Assertions.assertThat;

/** The less travelled paths of the classic protocol, each answered once and as Kafka answers it. */
class EdgeCasesTest {

    private final ShardDriver d = ShardDriver.withoutInitialDelay();

    private ClassicGroup group() {
        return (ClassicGroup) d.shard.group("g");
    }

    private JoinGroupResponse joinAndComplete() {
        long join = d.joinNew("g");
        d.advance(0);
        return d.reply(join);
    }

    @Test
    void aSecondJoinFromTheSameMemberSupersedesTheParkedOne() {
        String a = joinAndComplete().memberId();
        d.sync("g", 1, a, Map.of());
        long joinB = d.joinNew("g");
        d.rejoin("g", a);
        String b = d.<JoinGroupResponse>reply(joinB).memberId();
        d.sync("g", 2, a, Map.of());
        long parked = d.send(joinRequest("g", a, null, protocols("range", "roundrobin")));
        long again = d.send(joinRequest("g", a, null, protocols("range", "roundrobin")));
        assertThat(d.<JoinGroupResponse>reply(parked).error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        assertThat(d.answered(again)).isFalse();
        d.send(joinRequest("g", b, null, protocols("range", "roundrobin")));
        assertThat(d.<JoinGroupResponse>reply(again).generationId()).isEqualTo(3);
    }

    @Test
    void syncChecksTheProtocolTypeAndNameWhenSent() {
        JoinGroupResponse r = joinAndComplete();
        SyncGroupResponse wrong = d.reply(d.send(new SyncGroupRequest("g", 1, r.memberId(), null, "connect", "range", Map.of())));
        assertThat(wrong.error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        SyncGroupResponse wrongName = d.reply(d.send(new SyncGroupRequest("g", 1, r.memberId(), null, null, "sticky", Map.of())));
        assertThat(wrongName.error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        SyncGroupResponse unknown = d.reply(d.send(new SyncGroupRequest("nope", 1, r.memberId(), null, null, null, Map.of())));
        assertThat(unknown.error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void aLeaveDuringTheJoinPhaseCompletesItForTheOthers() {
        JoinGroupResponse a = joinAndComplete();
        d.sync("g", 1, a.memberId(), Map.of());
        long joinB = d.joinNew("g");
        assertThat(group().state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
        LeaveGroupResponse left = d.reply(d.send(new LeaveGroupRequest("g",
                List.of(new LeaveGroupRequest.LeavingMember(a.memberId(), null)))));
        assertThat(left.members().get(0).error()).isEqualTo(ErrorCode.NONE);
        JoinGroupResponse b = d.reply(joinB);
        assertThat(b.generationId()).isEqualTo(2);
        assertThat(b.leaderId()).isEqualTo(b.memberId());
    }

    @Test
    void aPendingMemberLeavingIsForgottenAndTheGroupWithIt() {
        JoinGroupResponse pending = d.reply(d.send(joinRequest("g", "", null, protocols("range"))));
        LeaveGroupResponse r = d.reply(d.send(new LeaveGroupRequest("g",
                List.of(new LeaveGroupRequest.LeavingMember(pending.memberId(), null)))));
        assertThat(r.members().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(d.shard.group("g")).isNull();
    }

    @Test
    void aStaticMemberReturningDuringCompletingRebalanceGetsTheGenerationWithoutARecord() {
        long ja = d.send(joinRequest("g", "", "instance-a", protocols("range")));
        long jb = d.send(joinRequest("g", "", "instance-b", protocols("range")));
        d.advance(0);
        String b = d.<JoinGroupResponse>reply(jb).memberId();
        int records = d.log.size();
        JoinGroupResponse back = d.reply(d.send(joinRequest("g", "", "instance-b", protocols("range"))));
        assertThat(back.error()).isEqualTo(ErrorCode.NONE);
        assertThat(back.generationId()).isEqualTo(1);
        assertThat(back.memberId()).isNotEqualTo(b);
        assertThat(d.log).hasSize(records);
        assertThat(group().state()).isEqualTo(ClassicGroupState.COMPLETING_REBALANCE);
        assertThat(d.answered(ja)).isTrue();
    }

    @Test
    void aGroupLoadedOverItsMaximumSizeRebalances() {
        ShardDriver big = ShardDriver.withoutInitialDelay();
        big.joinNew("g");
        big.joinNew("g");
        big.advance(0);
        ClassicGroup g = (ClassicGroup) big.shard.group("g");
        String leader = g.leaderId();
        big.sync("g", 1, leader, Map.of());
        ShardDriver small = new ShardDriver(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0).withGroupMaxSize(1), 2);
        GroupCoordinatorShard shard = new GroupCoordinatorShard(small.config, new java.util.SplittableRandom(3));
        for (int i = 0; i < big.log.size(); i++) {
            shard.replay(i, big.log.get(i));
        }
        shard.activate(big.log.size(), big.nowMs);
        assertThat(((ClassicGroup) shard.group("g")).state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
    }
}
