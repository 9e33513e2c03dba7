package io.tributary.bench.groups;

import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.cluster.Waits;
import io.tributary.bench.load.SteadyProducer;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrWatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One coordinator failover: a group of {@value #MEMBERS} {@link GroupMember}s on the topic while the
 * steady producer writes to every partition; once every member has committed, and {@link #BASELINE} has
 * passed, the broker coordinating the group (describeConsumerGroups → coordinator, which must be the
 * broker the bench chose it for: one that is not the active controller) gets SIGKILL. Timed from the
 * kill: the first commit acknowledged that started after it (any member), and the moment every member
 * has had one. Then the victim is launched again and awaited in every ISR, the producer stops, the
 * members drain the topic to its end, and {@link GroupHistory} judges what they consumed.
 */
final class CoordinatorFailover {

    static final int MEMBERS = 3;
    static final Duration BASELINE = Duration.ofSeconds(2);
    private static final Duration STABLE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    /**
     * @param firstCommitMs from the kill to the first acknowledged commit that started after it
     * @param allCommitMs   from the kill until every member had such a commit
     * @param failedCommits commits that ended in an error between the kill and the last member's first success
     */
    record Result(int victim, int controller, String groupId, double firstCommitMs, double allCommitMs, long failedCommits,
                  Map<String, Long> errors, GroupHistory.Verdict verdict) {
    }

    private final BenchCluster cluster;
    private final Admin admin;
    private final String topic;
    private final List<TopicPartition> partitions;

    CoordinatorFailover(BenchCluster cluster, Admin admin, String topic, List<TopicPartition> partitions) {
        this.cluster = cluster;
        this.admin = admin;
        this.topic = topic;
        this.partitions = List.copyOf(partitions);
    }

    Result run(String tag, int controller) throws Exception {
        String groupId = GroupChoice.groupLedByAnotherThan("bench-failover-" + tag, GroupAdmin.offsetsLeaders(admin), controller);
        Map<TopicPartition, Long> from = GroupAdmin.endOffsets(admin, partitions);
        GroupAdmin.commit(admin, groupId, from);
        int victimId = GroupAdmin.describe(admin, groupId).coordinator().id();
        if (victimId == controller) {
            throw new IllegalStateException("group " + groupId + " is coordinated by the active controller " + controller
                    + ", though the leader of its partition " + GroupChoice.partitionOf(groupId, GroupAdmin.offsetsLeaders(admin).size())
                    + " was another broker when it was chosen");
        }
        ClusterMember victim = cluster.member(victimId);
        List<GroupMember> members = new ArrayList<>();
        long killNs;
        long firstNs;
        long allNs;
        Map<TopicPartition, Long> to;
        try (SteadyProducer producer = new SteadyProducer(cluster.bootstrap(), partitions, "groups-" + tag)) {
            producer.start();
            for (int i = 1; i <= MEMBERS; i++) {
                GroupMember member = new GroupMember(cluster.bootstrap(), groupId, topic, tag + "-member-" + i);
                members.add(member);
                member.start();
            }
            long startNs = System.nanoTime();
            Waits.until(() -> Members.running(members)
                    && Members.partitionedOnce(members, partitions) && members.stream().allMatch(m -> m.committedSince(startNs)),
                    startNs + STABLE_TIMEOUT.toNanos(), () -> "every partition assigned and every member committing: " + Members.state(members));
            int coordinator = GroupAdmin.describe(admin, groupId).coordinator().id();
            if (coordinator != victimId) {
                throw new IllegalStateException("group " + groupId + " moved from coordinator " + victimId + " to " + coordinator);
            }
            Waits.parkUntil(System.nanoTime() + BASELINE.toNanos());

            killNs = System.nanoTime();
            victim.kill();
            Waits.until(() -> Members.running(members)
                    && members.stream().allMatch(m -> m.committedSince(killNs)), killNs + RECOVERY_TIMEOUT.toNanos(),
                    () -> "every member's commit acknowledged after the SIGKILL of node " + victimId + ": " + Members.state(members));
            List<GroupMember.Commit> commits = Members.commits(members);
            firstNs = GroupHistory.firstAcknowledgedSince(commits, killNs).orElseThrow();
            allNs = members.stream().mapToLong(m -> GroupHistory.firstAcknowledgedSince(m.commits(), killNs).orElseThrow())
                    .max().orElseThrow();

            victim.launch();
            IsrWatch.await(admin, List.of(topic, GroupAdmin.OFFSETS_TOPIC), IsrSnapshot::fullyInSync,
                    "node " + victimId + " back and every replica in sync", System.nanoTime() + REJOIN_TIMEOUT.toNanos());
            String failure = producer.sendFailure();
            if (failure != null) {
                throw new IllegalStateException("the producer stopped sending: " + failure);
            }
            producer.finish();
            to = GroupAdmin.endOffsets(admin, partitions);
            Map<TopicPartition, Long> end = to;
            long drainNs = System.nanoTime();
            Waits.until(() -> Members.running(members)
                    && GroupHistory.consumedTo(Members.consumed(members), end), drainNs + DRAIN_TIMEOUT.toNanos(),
                    () -> "the group consuming to the end offsets " + end + ": " + Members.state(members));
        } finally {
            members.forEach(GroupMember::close);
        }
        Members.running(members);
        List<GroupMember.Commit> commits = Members.commits(members);
        List<GroupMember.Commit> failed = commits.stream()
                .filter(c -> !c.acknowledged() && c.endNs() - killNs >= 0 && c.startNs() - allNs <= 0).toList();
        Map<String, Long> errors = failed.stream().collect(Collectors.groupingBy(GroupMember.Commit::error, Collectors.counting()));
        GroupHistory.Verdict verdict = GroupHistory.judge(Members.consumed(members), commits, from, to);
        return new Result(victimId, controller, groupId, Members.ms(firstNs - killNs), Members.ms(allNs - killNs), failed.size(), errors, verdict);
    }
}
