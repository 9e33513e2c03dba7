package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.DescribeGroupsRequest;
import io.tributary.coordinator.api.DescribeGroupsResponse;
import io.tributary.coordinator.api.JoinGroupResponse;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.ListGroupsResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GroupAdminTest {

    private final ShardDriver d = ShardDriver.withoutInitialDelay();

    @Test
    void listGroupsFiltersByStateAndTypeCaseInsensitively() {
        long join = d.joinNew("live");
        d.advance(0);
        String m = d.<JoinGroupResponse>reply(join).memberId();
        d.sync("live", 1, m, Map.of(m, new byte[]{9}));
        d.commitOffset("simple", -1, "", new TopicPartition("t", 0), 1);
        ListGroupsResponse all = d.reply(d.send(ListGroupsRequest.all()));
        assertThat(all.groups()).extracting(ListGroupsResponse.ListedGroup::groupId).containsExactly("live", "simple");
        assertThat(all.groups()).extracting(ListGroupsResponse.ListedGroup::state).containsExactly("Stable", "Empty");
        assertThat(all.groups()).extracting(ListGroupsResponse.ListedGroup::protocolType).containsExactly("consumer", "");
        ListGroupsResponse stable = d.reply(d.send(new ListGroupsRequest(Set.of("STABLE"), Set.of())));
        assertThat(stable.groups()).extracting(ListGroupsResponse.ListedGroup::groupId).containsExactly("live");
        ListGroupsResponse consumerType = d.reply(d.send(new ListGroupsRequest(Set.of(), Set.of("consumer"))));
        assertThat(consumerType.groups()).as("no KIP-848 groups yet").isEmpty();
        ListGroupsResponse classic = d.reply(d.send(new ListGroupsRequest(Set.of(), Set.of("Classic"))));
        assertThat(classic.groups()).hasSize(2);
    }

    @Test
    void describeShowsMembersAndAssignmentsOfAStableGroupAndDeadForAnUnknownOne() {
        long join = d.joinNew("g");
        d.advance(0);
        String m = d.<JoinGroupResponse>reply(join).memberId();
        DescribeGroupsResponse completing = d.reply(d.send(new DescribeGroupsRequest(List.of("g"))));
        assertThat(completing.groups().get(0).state()).isEqualTo("CompletingRebalance");
        assertThat(completing.groups().get(0).members().get(0).assignment()).isEmpty();
        d.sync("g", 1, m, Map.of(m, new byte[]{9}));
        DescribeGroupsResponse r = d.reply(d.send(new DescribeGroupsRequest(List.of("g", "unknown"))));
        DescribeGroupsResponse.DescribedGroup g = r.groups().get(0);
        assertThat(g.state()).isEqualTo("Stable");
        assertThat(g.protocolName()).isEqualTo("range");
        assertThat(g.members()).singleElement().satisfies(member -> {
            assertThat(member.memberId()).isEqualTo(m);
            assertThat(member.clientHost()).isEqualTo("/127.0.0.1");
            assertThat(member.assignment()).containsExactly(9);
        });
        assertThat(r.groups().get(1).state()).isEqualTo("Dead");
        assertThat(r.groups().get(1).error()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
    }
}
