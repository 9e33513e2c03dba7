package io.tributary.bench.groups;

import io.tributary.bench.cluster.Waits;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A member joining a stable group: {@value #MEMBERS} {@link GroupMember}s share the topic until the
 * group is stable (describeConsumerGroups: Stable, {@value #MEMBERS} members, every partition assigned
 * once), then a fourth subscribes. Timed from the fourth's {@code subscribe} (its first poll follows at
 * once) until every member has had its new assignment (onPartitionsAssigned) and the four assignments
 * cover every partition once; the time until the newcomer's own assignment is kept beside it. No
 * records flow: the figure is the group protocol alone. The existing members learn of the rebalance
 * from a heartbeat's answer, so it includes up to one heartbeat.interval.ms (3 s by default in the
 * client); group.initial.rebalance.delay.ms, left at each system's default, applies only to the first
 * join of an empty group, which is not the one timed.
 */
final class JoinRebalance {

    static final int MEMBERS = 3;
    private static final Duration STABLE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REBALANCE_TIMEOUT = Duration.ofSeconds(120);

    /** @param everyMemberMs until the last member's new assignment; @param newcomerMs until the newcomer's */
    record Result(String groupId, double everyMemberMs, double newcomerMs) {
    }

    private final String bootstrap;
    private final Admin admin;
    private final String topic;
    private final List<TopicPartition> partitions;

    JoinRebalance(String bootstrap, Admin admin, String topic, List<TopicPartition> partitions) {
        this.bootstrap = bootstrap;
        this.admin = admin;
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
    }

    Result run(String tag) throws Exception {
        String groupId = "bench-join-" + tag;
        GroupAdmin.commit(admin, groupId, GroupAdmin.endOffsets(admin, partitions));
        List<GroupMember> members = new ArrayList<>();
        try {
            for (int i = 1; i <= MEMBERS; i++) {
                GroupMember member = new GroupMember(bootstrap, groupId, topic, tag + "-join-" + i);
                members.add(member);
                member.start();
            }
            long startNs = System.nanoTime();
            Waits.until(() -> Members.running(members)
                    && Members.partitionedOnce(members, partitions) && stable(groupId, MEMBERS), startNs + STABLE_TIMEOUT.toNanos(),
                    () -> "a stable group of " + MEMBERS + " sharing every partition: " + Members.state(members));
            GroupMember newcomer = new GroupMember(bootstrap, groupId, topic, tag + "-join-" + (MEMBERS + 1));
            members.add(newcomer);
            newcomer.start();
            Waits.until(() -> Members.running(members)
                    && newcomer.subscribeNs() >= 0, startNs + STABLE_TIMEOUT.toNanos(),
                    () -> "the newcomer subscribing");
            long joinNs = newcomer.subscribeNs();
            Waits.until(() -> Members.running(members)
                    && members.stream().allMatch(m -> latestAssignmentNs(m) - joinNs >= 0) && Members.partitionedOnce(members, partitions),
                    joinNs + REBALANCE_TIMEOUT.toNanos(), () -> "every member reassigned after the newcomer subscribed: "
                            + Members.state(members));
            long lastNs = members.stream().mapToLong(JoinRebalance::latestAssignmentNs).max().orElseThrow();
            return new Result(groupId, Members.ms(lastNs - joinNs), Members.ms(latestAssignmentNs(newcomer) - joinNs));
        } finally {
            members.forEach(GroupMember::close);
        }
    }

    private static long latestAssignmentNs(GroupMember member) {
        List<GroupMember.Assignment> assignments = member.assignments();
        return assignments.isEmpty() ? Long.MIN_VALUE : assignments.get(assignments.size() - 1).atNs();
    }

    private boolean stable(String groupId, int size) {
        try {
            ConsumerGroupDescription description = GroupAdmin.describe(admin, groupId);
            return description.groupState() == GroupState.STABLE && description.members().size() == size;
        } catch (Exception e) {
            return false; // not answerable yet: the wait tries again
        }
    }
}
