package io.tributary.coordinator.group;

import io.tributary.coordinator.api.Protocol;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.MemberValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassicGroupTest {

    @Test
    void illegalTransitionsAreRefusedLoudly() {
        ClassicGroup g = new ClassicGroup("g");
        assertThatThrownBy(() -> g.transitionTo(ClassicGroupState.STABLE, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EMPTY to STABLE");
        assertThatThrownBy(() -> g.transitionTo(ClassicGroupState.COMPLETING_REBALANCE, 0))
                .isInstanceOf(IllegalStateException.class);
        g.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 0);
        assertThatThrownBy(() -> g.transitionTo(ClassicGroupState.STABLE, 0)).isInstanceOf(IllegalStateException.class);
        g.transitionTo(ClassicGroupState.COMPLETING_REBALANCE, 0);
        assertThatThrownBy(() -> g.transitionTo(ClassicGroupState.EMPTY, 0)).isInstanceOf(IllegalStateException.class);
        g.transitionTo(ClassicGroupState.STABLE, 0);
        g.transitionTo(ClassicGroupState.DEAD, 0);
        assertThatThrownBy(() -> g.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anActiveReplayOfARecordWithOtherMembersIsRefused() {
        ClassicGroup g = new ClassicGroup("g");
        g.add(new ClassicMember("m1", null, "c", "h", 1, 1, List.of(new Protocol("range", new byte[0]))), "consumer");
        g.transitionTo(ClassicGroupState.PREPARING_REBALANCE, 0);
        g.transitionTo(ClassicGroupState.COMPLETING_REBALANCE, 0);
        GroupMetadataValue stranger = new GroupMetadataValue("consumer", 1, "range", "m2", 0,
                List.of(new MemberValue("m2", null, "c", "h", 1, 1, new byte[0], new byte[0])));
        assertThatThrownBy(() -> g.replay(stranger, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoadedGroupIsStableWithMembersAndEmptyWithout() {
        ClassicGroup g = new ClassicGroup("g");
        g.replay(new GroupMetadataValue("consumer", 3, "range", "m1", 10,
                List.of(new MemberValue("m1", "i1", "c", "h", 1, 1, new byte[]{1}, new byte[]{2}))), true);
        assertThat(g.state()).isEqualTo(ClassicGroupState.STABLE);
        assertThat(g.staticMemberId("i1")).isEqualTo("m1");
        assertThat(g.member("m1").metadata("range")).containsExactly(1);
        g.replay(new GroupMetadataValue("consumer", 4, null, null, 20, List.of()), true);
        assertThat(g.state()).isEqualTo(ClassicGroupState.EMPTY);
        assertThat(g.staticMemberId("i1")).isNull();
        assertThat(g.emptySinceMs()).isEqualTo(20);
    }

    @Test
    void consumerSubscriptionsAreReadAndGarbageIsTreatedAsSubscribedToEverything() {
        assertThat(ConsumerSubscription.topics(new byte[]{0, 1, 0, 0, 0, 2, 0, 1, 'a', 0, 1, 'b', 1, 2}))
                .hasValue(java.util.Set.of("a", "b"));
        assertThat(ConsumerSubscription.topics(new byte[]{0, 1, 0x7f, 0, 0, 2})).isEmpty();
    }
}
