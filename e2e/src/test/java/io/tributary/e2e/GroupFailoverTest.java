package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Committed offsets survive the loss of their coordinator, on three broker processes (each also a
 * controller voter) with {@code __consumer_offsets} replicated three times: a SIGKILL of the
 * coordinator's broker while three official Java consumers commit after every poll, and a full
 * cluster restart (SIGTERM to all, then start all).
 *
 * <p>The cluster is shared; each test starts by bringing back any node an earlier test killed, so the
 * tests do not depend on their order.
 */
@ExtendWith(TributaryExtension.class)
class GroupFailoverTest {
    private static final int OFFSETS_PARTITIONS = 6;
    private static final int PARTITIONS = 6;
    private static final int MEMBERS = 3;
    private static final Duration BOUND = Duration.ofSeconds(60);
    /** Commits acknowledged before the coordinator's broker is killed, so that it dies mid-stream. */
    private static final int COMMITS_BEFORE_KILL = 50;
    /** Group names tried in search of one that the controller does not coordinate. */
    private static final int GROUP_NAMES_TRIED = 30;
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static TributaryCluster cluster;

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        // The harness sets group.initial.rebalance.delay.ms=0, so that a group's first rebalance does not wait 3 s.
        cluster = classNodes.cluster(3, Map.of("offsets.topic.num.partitions", String.valueOf(OFFSETS_PARTITIONS))).start();
    }

    @BeforeEach
    void bringBackKilledNodes() {
        cluster.restartAll();
    }

    /**
     * A producer writes with acks=all while three consumers of one group each commit after every poll;
     * the broker that coordinates the group (not the active controller, unless the controller leads every
     * offsets partition) is SIGKILLed. Then one member leaves, so that the group rebalances on the
     * new coordinator and the partitions move to members that read their committed offsets from it.
     * Every record is consumed, no member ever receives a record below an acknowledged commit of its
     * partition (the only redeliveries are after the last acknowledged commit), every partition handed
     * over on the new coordinator resumes exactly at its last acknowledged commit, and in the end the
     * group's committed offsets are the log ends. The time from the SIGKILL to the first acknowledged
     * commit after it is printed, not asserted.
     */
    @Test
    void sigkillOfTheCoordinatorsBrokerLosesNoAcknowledgedCommitAndSkipsNoRecord() throws Exception {
        String topic = "group-failover-" + UUID.randomUUID();
        Clients.createTopic(cluster.bootstrap(), topic, PARTITIONS, (short) 3, Map.of("min.insync.replicas", "2"));
        cluster.awaitTopics(Map.of(topic, PARTITIONS));
        // The quorum's own answer, not the brokers' Metadata: Kafka's brokers name a random broker there.
        int[] active = {-1};
        await("the quorum names an active controller").atMost(BOUND).pollInterval(Duration.ofMillis(50))
                .until(() -> (active[0] = cluster.activeControllerFromQuorum()) >= 0);
        int controller = active[0];
        // A group coordinated by another broker than the controller makes this a broker failover only. After a
        // full restart every offsets partition may be led by the controller (no preferred election has run
        // yet); then the controller's broker goes, and the quorum elects a new controller as well.
        String group = null;
        int coordinator = -1;
        for (int i = 0; i < GROUP_NAMES_TRIED && (group == null || coordinator == controller); i++) {
            String candidate = "failover-" + i + "-" + UUID.randomUUID();
            int named = GroupCoordinators.coordinatorOf(cluster.node(controller).bootstrap(), candidate, BOUND);
            if (group == null || named != controller) {
                group = candidate;
                coordinator = named;
            }
        }
        cluster.awaitTopics(Map.of("__consumer_offsets", OFFSETS_PARTITIONS));

        CommitJournal journal = new CommitJournal();
        JavaWriter writer = new JavaWriter(cluster.bootstrap(), topic, PARTITIONS, "all");
        List<CommittingConsumer> members = new ArrayList<>();
        for (int m = 0; m < MEMBERS; m++) {
            members.add(new CommittingConsumer("member" + m, cluster.bootstrap(), group, topic, journal));
        }
        boolean writerFinished = false;
        try {
            writer.start();
            members.forEach(CommittingConsumer::start);
            await("every partition assigned and " + COMMITS_BEFORE_KILL + " commits acknowledged").atMost(BOUND)
                    .pollInterval(Duration.ofMillis(20))
                    .failFast("a member failed", () -> members.stream().anyMatch(c -> c.failure() != null))
                    .until(() -> journal.owners().size() == PARTITIONS && journal.ackedCommitCount() >= COMMITS_BEFORE_KILL);

            TributaryNode victim = cluster.node(coordinator);
            Map<TopicPartition, Long> ackedAtKill = ackedCommits(journal, topic);
            Instant killedAt = Instant.now();
            long killedAtNs = System.nanoTime();
            victim.kill();
            await("a commit acknowledged after the SIGKILL of the coordinator, " + victim).atMost(BOUND)
                    .pollInterval(Duration.ofMillis(5)).until(() -> journal.firstAckedStartedAfter(killedAtNs).isPresent());
            CommitJournal.AckedCommit first = journal.firstAckedStartedAfter(killedAtNs).orElseThrow();
            // Asked of a survivor: the killed broker may have been the controller.
            int newCoordinator = GroupCoordinators.coordinatorOf(cluster.running().get(0).bootstrap(), group, BOUND);
            // A figure for issue 13 (target: at most 2 s), printed rather than asserted: a loaded machine is slower.
            System.out.printf("group %s: first commit acknowledged %d ms after the SIGKILL of its coordinator, node %d%s; "
                    + "the coordinator is now node %d%n", group, (first.returnedNs() - killedAtNs) / 1_000_000, coordinator,
                    coordinator == controller ? " (also the active controller)" : "", newCoordinator);
            assertThat(newCoordinator).as("the new coordinator").isNotEqualTo(coordinator);
            printTakeOver(group, killedAt, cluster.node(newCoordinator));
            awaitEveryPartitionCommittedPast(journal, ackedAtKill, members, "after the SIGKILL");

            // One member leaves: the group rebalances on the new coordinator, and every partition resumes from there.
            CommittingConsumer leaver = members.remove(0);
            long leftAtNs = System.nanoTime();
            leaver.stop();
            assertThat(leaver.failure()).as("%s", leaver).isNull();
            await("the remaining members own every partition").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> journal.owners().size() == PARTITIONS && !journal.owners().containsValue(leaver.name()));
            awaitEveryPartitionCommittedPast(journal, ackedCommits(journal, topic), members, "after " + leaver.name() + " left");

            writer.finish();
            writerFinished = true;
            assertThat(writer.errors()).as("the producer's errors; %s", writer.state()).isEmpty();
            Map<TopicPartition, Long> ends = GroupOffsets.logEnds(cluster.bootstrap(), topic, PARTITIONS);
            await("the group commits the log end of every partition " + ends).atMost(BOUND).pollInterval(Duration.ofMillis(20))
                    .until(() -> ackedCommits(journal, topic).equals(ends));
            for (CommittingConsumer member : members) {
                member.stop();
                assertThat(member.failure()).as("%s", member).isNull();
            }

            assertThat(journal.violations()).as("lost acknowledged commits or skipped records").isEmpty();
            for (TopicPartition partition : ends.keySet()) {
                assertThat(journal.firstNeverConsumed(partition, ends.get(partition))).as("first offset of %s never consumed", partition)
                        .isEqualTo(-1);
            }
            List<CommitJournal.ResumePoint> handedOver = journal.resumePoints().stream()
                    .filter(r -> r.atNs() - leftAtNs > 0).toList();
            assertThat(handedOver).as("partitions handed over when %s left", leaver.name()).isNotEmpty();
            // A commit that failed may still have been applied, and then a partition resumes past the last acknowledged one.
            if (members.stream().noneMatch(m -> m.commitFailedAfter(leftAtNs)) && !leaver.commitFailedAfter(leftAtNs)) {
                assertThat(handedOver).as("every partition handed over resumes at its last acknowledged commit")
                        .allSatisfy(r -> assertThat(r.firstOffset()).as("%s", r).isEqualTo(r.ackedCommitThen()));
            } else {
                System.out.printf("a commit failed after %s left, so a hand-over may resume past the last acknowledged commit: %s %s%n",
                        leaver.name(), leaver, members);
            }
            assertThat(GroupOffsets.committedOffsets(cluster.bootstrap(), group))
                    .as("the group's committed offsets, fetched from the new coordinator").isEqualTo(ends);
            System.out.printf("group %s: %d records delivered, %d of them again (after the last acknowledged commit); "
                    + "%d partitions handed over after %s left, resuming at %s%n", group, journal.deliveries(), journal.redeliveries(),
                    handedOver.size(), leaver.name(), handedOver.stream().map(r -> r.partition().partition() + "@" + r.firstOffset()
                            + " (acked " + r.ackedCommitThen() + ")").toList());
        } finally {
            if (!writerFinished) {
                writer.finish();
            }
            for (CommittingConsumer member : members) {
                if (member.failure() == null) {
                    member.stop();
                }
            }
        }
    }

    /**
     * A member commits offsets in its generation with metadata, and leaves; every node is stopped with
     * SIGTERM and started again. The offsets are fetched back with their metadata, and a new member
     * that may not reset ({@code auto.offset.reset=none}) reads exactly the records after them.
     */
    @Test
    void commitsAreFetchedBackAfterAFullClusterRestart() throws Exception {
        String topic = "group-restart-" + UUID.randomUUID();
        String group = "restart-" + UUID.randomUUID();
        int partitions = 3;
        int perPartition = 30;
        Clients.createTopic(cluster.bootstrap(), topic, partitions, (short) 3, Map.of("min.insync.replicas", "2"));
        cluster.awaitTopics(Map.of(topic, partitions));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap())) {
            for (int p = 0; p < partitions; p++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, (p + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        commits.put(new TopicPartition(topic, 0), new OffsetAndMetadata(10, "before the restart, p0"));
        commits.put(new TopicPartition(topic, 1), new OffsetAndMetadata(25, "before the restart, p1"));
        commits.put(new TopicPartition(topic, 2), new OffsetAndMetadata(perPartition, ""));
        try (KafkaConsumer<byte[], byte[]> member = groupConsumer(group, "earliest")) {
            member.subscribe(List.of(topic));
            await("the member is assigned every partition").atMost(BOUND).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        member.poll(Duration.ofMillis(100));
                        return member.assignment().size() == partitions;
                    });
            member.commitSync(commits);
        }
        assertThat(GroupOffsets.committed(cluster.bootstrap(), group)).as("the commits before the restart").isEqualTo(commits);

        cluster.stopAll();
        cluster.restartAll();

        await("the commits are fetched back after the restart").atMost(BOUND).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> GroupOffsets.committed(cluster.bootstrap(), group).equals(commits));
        Map<Integer, List<Long>> read = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> member = groupConsumer(group, "none")) {
            member.subscribe(List.of(topic));
            int expected = (perPartition - 10) + (perPartition - 25);
            int[] count = {0};
            await("the new member reads the " + expected + " records after the commits").atMost(BOUND).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : member.poll(Duration.ofMillis(100))) {
                            read.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record.offset());
                            count[0]++;
                        }
                        return count[0] >= expected;
                    });
        }
        assertThat(read).as("offsets the new member read, by partition").isEqualTo(Map.of(
                0, offsets(10, perPartition), 1, offsets(25, perPartition)));
    }

    /**
     * The new coordinator's log lines about the group's offsets partition since its launch (its election
     * and the load), beside the time of the SIGKILL: where the failover time went, for the reader of a slow run.
     */
    private static void printTakeOver(String group, Instant killedAt, TributaryNode newCoordinator) {
        Pattern partition = Pattern.compile("__consumer_offsets-" + Utils.abs(group.hashCode()) % OFFSETS_PARTITIONS + "\\b");
        // Node log lines start with an ISO-8601 UTC time to the millisecond, so a string comparison orders them.
        String since = LOG_TIME.format(killedAt);
        List<String> lines = newCoordinator.log().linesSinceLastLaunchMatching(partition).stream()
                .filter(line -> line.length() >= since.length() && line.substring(0, since.length()).compareTo(since) >= 0).toList();
        System.out.printf("SIGKILL at %s; node %d on the group's offsets partition since:%n  %s%n", since, newCoordinator.nodeId(),
                String.join("\n  ", lines));
    }

    private static void awaitEveryPartitionCommittedPast(CommitJournal journal, Map<TopicPartition, Long> before,
                                                         List<CommittingConsumer> members, String when) {
        await("every partition's acknowledged commit moves past " + before + " " + when).atMost(BOUND)
                .pollInterval(Duration.ofMillis(20))
                .failFast("a member failed: " + members, () -> members.stream().anyMatch(c -> c.failure() != null))
                .until(() -> before.keySet().stream().allMatch(p -> journal.ackedCommit(p) > before.get(p)));
    }

    private static Map<TopicPartition, Long> ackedCommits(CommitJournal journal, String topic) {
        Map<TopicPartition, Long> acked = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition partition = new TopicPartition(topic, p);
            acked.put(partition, journal.ackedCommit(partition));
        }
        return acked;
    }

    private static KafkaConsumer<byte[], byte[]> groupConsumer(String group, String autoOffsetReset) {
        return new KafkaConsumer<>(CommittingConsumer.groupConfig(cluster.bootstrap(), group, "restart-member", autoOffsetReset),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<Long> offsets(long from, long to) {
        List<Long> list = new ArrayList<>();
        for (long o = from; o < to; o++) {
            list.add(o);
        }
        return list;
    }
}
