package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.JoinGroupRequest;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.LeaveGroupRequest;
import io.tributary.coordinator.api.LeaveGroupResponse;
import io.tributary.coordinator.api.Protocol;
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

class RebalanceTest {

    private final ShardDriver d = ShardDriver.withoutInitialDelay();

    private ClassicGroup group() {
        return (ClassicGroup) d.shard.group("g");
    }

    /** Brings one member to a Stable generation 1 and returns its member id. */
    private String stableSingleMember() {
        long join = d.joinNew("g");
        d.advance(0);
        JoinGroupResponse r = d.reply(join);
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        SyncGroupResponse s = d.syncReply(d.sync("g", r.generationId(), r.memberId(), Map.of(r.memberId(), new byte[]{1})));
        assertThat(s.error()).isEqualTo(ErrorCode.NONE);
        return r.memberId();
    }

    /** Two dynamic members, a leading, Stable in generation 2. */
    private String[] stableTwoMembers() {
        String a = stableSingleMember();
        long joinB = d.joinNew("g");
        d.rejoin("g", a);
        String b = d.<JoinGroupResponse>reply(joinB).memberId();
        d.sync("g", 2, a, Map.of());
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
        return new String[]{a, b};
    }

    @Test
    void aFirstMemberIsAskedForItsMemberIdThenLeadsGenerationOne() {
        long first = d.send(joinRequest("g", "", null, protocols("range")));
        JoinGroupResponse required = d.reply(first);
        assertThat(required.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        assertThat(required.memberId()).startsWith("client-");
        long second = d.send(joinRequest("g", required.memberId(), null, protocols("range")));
        assertThat(d.answered(second)).as("the join waits out the initial delay, even of 0 ms, for the tick").isFalse();
        d.advance(0);
        JoinGroupResponse joined = d.reply(second);
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.leaderId()).isEqualTo(required.memberId());
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.members()).extracting(JoinGroupResponse.JoinedMember::memberId).containsExactly(required.memberId());
        assertThat(group().state()).isEqualTo(ClassicGroupState.COMPLETING_REBALANCE);
    }

    @Test
    void beforeVersionFourANewMemberJoinsAtOnce() {
        long join = d.send(new JoinGroupRequest(3, "g", "", null, "consumer", protocols("range"), 10_000, 30_000, "c", "/h"));
        d.advance(0);
        JoinGroupResponse r = d.reply(join);
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.memberId()).startsWith("c-");
    }

    @Test
    void theLeadersSyncIsAnsweredOnlyOnceItsRecordCommits() {
        long join = d.joinNew("g");
        d.advance(0);
        JoinGroupResponse r = d.reply(join);
        d.autoCommit = false;
        long sync = d.sync("g", 1, r.memberId(), Map.of(r.memberId(), new byte[]{7}));
        assertThat(d.log).hasSize(1).first().isInstanceOf(GroupMetadataRecord.class);
        assertThat(d.answered(sync)).isFalse();
        d.commit(1);
        SyncGroupResponse s = d.syncReply(sync);
        assertThat(s.error()).isEqualTo(ErrorCode.NONE);
        assertThat(s.assignment()).containsExactly(7);
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
    }

    @Test
    void aSecondMemberRebalancesTheGroupAndTheFollowerWaitsForTheLeadersAssignment() {
        String a = stableSingleMember();
        long joinB = d.joinNew("g");
        assertThat(group().state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
        assertThat(d.heartbeat("g", 1, a)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        long joinA = d.rejoin("g", a);
        JoinGroupResponse ra = d.reply(joinA);
        JoinGroupResponse rb = d.reply(joinB);
        assertThat(ra.generationId()).isEqualTo(2).isEqualTo(rb.generationId());
        assertThat(ra.leaderId()).isEqualTo(a).isEqualTo(rb.leaderId());
        assertThat(ra.members()).hasSize(2);
        assertThat(rb.members()).as("only the leader gets the members").isEmpty();
        long syncB = d.sync("g", 2, rb.memberId(), Map.of());
        assertThat(d.answered(syncB)).isFalse();
        assertThat(d.heartbeat("g", 2, rb.memberId())).as("heartbeats between join and sync are fine, as in Kafka")
                .isEqualTo(ErrorCode.NONE);
        long syncA = d.sync("g", 2, a, Map.of(a, new byte[]{1}, rb.memberId(), new byte[]{2}));
        assertThat(d.syncReply(syncB).assignment()).containsExactly(2);
        assertThat(d.syncReply(syncA).assignment()).containsExactly(1);
        assertThat(d.heartbeat("g", 2, rb.memberId())).isEqualTo(ErrorCode.NONE);
        assertThat(d.heartbeat("g", 1, rb.memberId())).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
    }

    @Test
    void aFollowerRejoiningWithTheSameMetadataGetsTheCurrentGenerationWithoutARebalance() {
        String[] ab = stableTwoMembers();
        String a = ab[0];
        String b = ab[1];
        JoinGroupResponse again = d.reply(d.rejoin("g", b));
        assertThat(again.error()).isEqualTo(ErrorCode.NONE);
        assertThat(again.generationId()).isEqualTo(2);
        assertThat(group().state()).isEqualTo(ClassicGroupState.STABLE);
        d.reply(d.rejoin("g", a));
        assertThat(group().state()).as("the leader rejoining asks for a new assignment").isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
    }

    @Test
    void aMemberWhoseSessionLapsesIsRemovedAndTheGroupRebalances() {
        String[] ab = stableTwoMembers();
        String a = ab[0];
        String b = ab[1];
        d.advance(9_000);
        assertThat(d.heartbeat("g", 2, a)).isEqualTo(ErrorCode.NONE);
        d.advance(1_000);
        assertThat(group().has(b)).as("b's 10 s session lapsed").isFalse();
        assertThat(group().state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
        JoinGroupResponse r = d.reply(d.rejoin("g", a));
        assertThat(r.generationId()).isEqualTo(3);
        assertThat(r.members()).hasSize(1);
    }

    @Test
    void aLeaderThatHeartbeatsButNeverSyncsIsRemovedWhenTheSyncPhaseTimesOut() {
        String a = stableSingleMember();
        long joinB = d.joinNew("g");
        d.rejoin("g", a);
        String b = d.<JoinGroupResponse>reply(joinB).memberId();
        long syncB = d.sync("g", 2, b, Map.of());
        for (int i = 0; i < 3; i++) {
            d.advance(9_000);
            assertThat(d.heartbeat("g", 2, a)).isEqualTo(ErrorCode.NONE);
        }
        assertThat(d.answered(syncB)).isFalse();
        d.advance(3_000);
        assertThat(group().has(a)).as("30 s rebalance timeout without the leader's SyncGroup").isFalse();
        assertThat(d.syncReply(syncB).error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        JoinGroupResponse r = d.reply(d.rejoin("g", b));
        assertThat(r.generationId()).isEqualTo(3);
        assertThat(r.leaderId()).isEqualTo(b);
    }

    @Test
    void aMemberThatDoesNotRejoinWithinTheRebalanceTimeoutIsDropped() {
        String[] ab = stableTwoMembers();
        String a = ab[0];
        String b = ab[1];
        long rejoinB = d.send(joinRequest("g", b, null, protocols("range", "roundrobin")));
        assertThat(d.answered(rejoinB)).as("changed metadata starts a rebalance").isFalse();
        for (int i = 0; i < 3; i++) {
            d.advance(9_000);
            d.heartbeat("g", 2, a);
        }
        d.advance(3_000);
        JoinGroupResponse r = d.reply(rejoinB);
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.generationId()).isEqualTo(3);
        assertThat(group().has(a)).isFalse();
        assertThat(r.leaderId()).as("the leader did not rejoin, so a member that did leads").isEqualTo(b);
    }

    @Test
    void theInitialDelayWaitsForMoreMembersUpToTheRebalanceTimeout() {
        ShardDriver delayed = new ShardDriver(GroupCoordinatorConfig.defaults(), 1);
        long a = delayed.joinNew("g");
        delayed.advance(1_000);
        long b = delayed.joinNew("g");
        delayed.advance(1_999);
        assertThat(delayed.answered(a)).isFalse();
        delayed.advance(1);
        assertThat(delayed.answered(a)).as("a member joined during the first 3 s, so the delay extends").isFalse();
        delayed.advance(2_999);
        assertThat(delayed.answered(a)).isFalse();
        delayed.advance(1);
        assertThat(delayed.<JoinGroupResponse>reply(a).members()).hasSize(2);
        assertThat(delayed.<JoinGroupResponse>reply(b).generationId()).isEqualTo(1);
    }

    @Test
    void theLastMemberLeavingEmptiesTheGroupInANewPersistedGeneration() {
        String a = stableSingleMember();
        LeaveGroupResponse r = d.reply(d.send(new LeaveGroupRequest("g", List.of(new LeaveGroupRequest.LeavingMember(a, null)))));
        assertThat(r.members()).extracting(LeaveGroupResponse.MemberResult::error).containsExactly(ErrorCode.NONE);
        assertThat(group().state()).isEqualTo(ClassicGroupState.PREPARING_REBALANCE);
        d.advance(0);
        assertThat(group().state()).isEqualTo(ClassicGroupState.EMPTY);
        assertThat(group().generationId()).isEqualTo(2);
        GroupMetadataRecord last = (GroupMetadataRecord) d.log.get(d.log.size() - 1);
        assertThat(last.value().members()).isEmpty();
        assertThat(last.value().generationId()).isEqualTo(2);
        LeaveGroupResponse unknown = d.reply(d.send(new LeaveGroupRequest("g", List.of(new LeaveGroupRequest.LeavingMember(a, null)))));
        assertThat(unknown.members().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void joinErrorsClientsActOn() {
        assertThat(d.<JoinGroupResponse>reply(d.send(joinRequest("", "", null, protocols("range")))).error())
                .isEqualTo(ErrorCode.INVALID_GROUP_ID);
        assertThat(d.<JoinGroupResponse>reply(d.send(new JoinGroupRequest(9, "g", "", null, "consumer", protocols("range"),
                1_000, 30_000, "c", "/h"))).error()).isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT);
        assertThat(d.<JoinGroupResponse>reply(d.send(joinRequest("g", "nobody", null, protocols("range")))).error())
                .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(d.shard.group("g")).as("failed joins leave no group behind").isNull();
        stableSingleMember();
        assertThat(d.<JoinGroupResponse>reply(d.send(joinRequest("g", "", null, protocols("roundrobin")))).error())
                .isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
        assertThat(d.<JoinGroupResponse>reply(d.send(new JoinGroupRequest(9, "g", "", null, "connect", protocols("range"),
                10_000, 30_000, "c", "/h"))).error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void aFullGroupRefusesNewMembers() {
        ShardDriver small = new ShardDriver(GroupCoordinatorConfig.defaults().withInitialRebalanceDelayMs(0).withGroupMaxSize(1), 3);
        small.joinNew("g");
        JoinGroupResponse r = small.reply(small.send(joinRequest("g", "", null, protocols("range"))));
        assertThat(r.error()).isEqualTo(ErrorCode.GROUP_MAX_SIZE_REACHED);
    }

    @Test
    void theProtocolIsChosenByVoteAmongThoseAllMembersSupport() {
        long a = d.send(new JoinGroupRequest(3, "g", "", null, "consumer",
                List.of(new Protocol("sticky", new byte[0]), new Protocol("range", new byte[0])), 10_000, 30_000, "a", "/h"));
        long b = d.send(new JoinGroupRequest(3, "g", "", null, "consumer",
                List.of(new Protocol("range", new byte[0]), new Protocol("sticky", new byte[0])), 10_000, 30_000, "b", "/h"));
        long c = d.send(new JoinGroupRequest(3, "g", "", null, "consumer",
                List.of(new Protocol("cooperative", new byte[0]), new Protocol("range", new byte[0]), new Protocol("sticky", new byte[0])),
                10_000, 30_000, "c", "/h"));
        d.advance(0);
        assertThat(d.<JoinGroupResponse>reply(a).protocolName()).as("c votes range, its first common protocol").isEqualTo("range");
        assertThat(d.<JoinGroupResponse>reply(b).protocolName()).isEqualTo("range");
        assertThat(d.<JoinGroupResponse>reply(c).protocolName()).isEqualTo("range");
    }

    @Test
    void aPendingMemberThatNeverComesBackIsForgotten() {
        JoinGroupResponse r = d.reply(d.send(joinRequest("g", "", null, protocols("range"))));
        assertThat(r.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        d.advance(10_000);
        assertThat(d.shard.group("g")).isNull();
        assertThat(d.<JoinGroupResponse>reply(d.rejoin("g", r.memberId())).error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }
}
