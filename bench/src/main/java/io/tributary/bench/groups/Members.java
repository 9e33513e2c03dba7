package io.tributary.bench.groups;

import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What a group's {@link GroupMember}s saw, taken together. */
final class Members {

    private Members() {
    }

    static List<GroupMember.Commit> commits(List<GroupMember> members) {
        return members.stream().flatMap(m -> m.commits().stream()).toList();
    }

    static List<GroupMember.Consumed> consumed(List<GroupMember> members) {
        return members.stream().flatMap(m -> m.consumed().stream()).toList();
    }

    /** Whether the members' latest assignments cover every one of {@code partitions}, each exactly once. */
    static boolean partitionedOnce(List<GroupMember> members, List<TopicPartition> partitions) {
        List<TopicPartition> assigned = members.stream().flatMap(m -> m.assignment().stream()).toList();
        return assigned.size() == partitions.size() && Set.copyOf(assigned).equals(Set.copyOf(partitions));
    }

    /**
     * Throws when a member stopped by itself (a broker that does not serve the group APIs answers the
     * first JoinGroup with an error the consumer throws): a wait on the group then fails at once, with
     * that error, instead of running out its bound. Returns true otherwise, to lead a wait's condition.
     */
    static boolean running(List<GroupMember> members) {
        for (GroupMember member : members) {
            if (member.failure() != null) {
                throw new IllegalStateException(member.name() + " stopped: " + member.failure());
            }
        }
        return true;
    }

    /** Each member's assignment, commits and failure, for a failure message. */
    static String state(List<GroupMember> members) {
        return members.stream().map(m -> m.name() + " assigned " + m.assignment() + ", " + m.commits().size() + " commits ("
                        + m.commits().stream().filter(c -> !c.acknowledged()).count() + " failed)"
                        + (m.failure() == null ? "" : ", stopped: " + m.failure()))
                .collect(Collectors.joining("; "));
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
