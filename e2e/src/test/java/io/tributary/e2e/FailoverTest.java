package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Leader failover under load, on three brokers (each also a controller voter). For each way a broker
 * can go (SIGKILL, SIGTERM, SIGSTOP past the session timeout then SIGCONT) the test lays out fresh
 * topics as {@link FailoverLayout} says, so that the {@code victim} leads A-0, B-1 and C-0. Three
 * independent clients write to every C partition continuously, each with acks=all and idempotence: the
 * official Java producer, kcat (librdkafka) and kafkajs (see {@link ContinuousWriter} and its
 * subclasses), while a consumer reads C throughout. The victim goes; every partition it led must move
 * to a member of the ISR it had, and every writer must carry on with no error it could not retry. Once
 * the victim is back and the writers have stopped, C read from the beginning holds every record each
 * writer was acknowledged exactly once, at its acknowledged offset, in the order written, and nothing
 * else ({@link FailoverChecks}); the reader that ran throughout saw no gap and no offset going
 * backwards. An acks=1 run counts the acknowledged records each writer lost to a SIGKILL of the leader
 * (printed, not asserted).
 *
 * <p>kcat and node are optional on a developer's machine (the Java writer runs alone, with a message)
 * and required in CI ({@code TRIBUTARY_E2E_REQUIRE_TOOLS=1}), where a missing one fails the test.
 */
@ExtendWith(TributaryExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverTest {
    private static final int PARTITIONS = FailoverLayout.PARTITIONS;
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    /** Records each writer has acknowledged on every C partition before the victim goes, and on C-0 after it is back. */
    private static final int WARMUP_ACKS = 100;
    private static TributaryCluster cluster;
    private static Optional<Path> kcat;
    private static Optional<Path> node;
    private static Path scriptDir;

    enum Failure { SIGKILL, SIGTERM, SIGSTOP }

    @BeforeAll
    static void startCluster(Nodes classNodes) {
        kcat = optionalTool(ExternalTools.find("kcat"), "kcat is not on PATH (apt-get install -y kcat)");
        scriptDir = E2eSettings.moduleDir().resolve("src/test/node");
        node = optionalTool(ExternalTools.find("node").filter(n -> Files.isDirectory(scriptDir.resolve("node_modules/kafkajs"))),
                "node or kafkajs is missing (install Node.js 18 or newer, and run 'npm ci' in " + scriptDir + ")");
        cluster = classNodes.cluster(3, Map.of()).start();
    }

    /** The tool if present; if not, a failure in CI, and elsewhere a message that the test runs without it. */
    private static Optional<Path> optionalTool(Optional<Path> tool, String missing) {
        if (tool.isEmpty()) {
            ExternalTools.requireThat(!E2eSettings.toolsRequired(), missing);
            System.out.println("FailoverTest: " + missing + "; running without that client");
        }
        return tool;
    }

    @Test
    @Order(1)
    void sigkillOfTheLeaderMovesLeadershipWithinTheIsrAndLosesNoAcknowledgedRecord() {
        Outcome outcome = runScenario("kill", Failure.SIGKILL, "all");
        outcome.assertEveryWriterExactlyOnceInOrder();
    }

    @Test
    @Order(2)
    void sigtermOfTheLeaderMovesLeadershipWithinTheIsrAndLosesNoAcknowledgedRecord() {
        Outcome outcome = runScenario("term", Failure.SIGTERM, "all");
        outcome.assertEveryWriterExactlyOnceInOrder();
    }

    @Test
    @Order(3)
    void sigstopOfTheLeaderPastItsSessionThenSigcontMakesItAFollowerWithTheNewLeadersLog() {
        Outcome outcome = runScenario("stop", Failure.SIGSTOP, "all");
        outcome.assertEveryWriterExactlyOnceInOrder();
    }

    @Test
    @Order(4)
    void acksOneSigkillOfTheLeaderCountsLostAcknowledgedRecords() {
        Outcome outcome = runScenario("acks1", Failure.SIGKILL, "1");
        for (ContinuousWriter writer : outcome.writers()) {
            System.out.printf("FAILOVER acks=1 SIGKILL %s: %d acknowledged, %d lost, %d read twice or more, %d producer errors%n",
                    writer, writer.acknowledged(), FailoverChecks.lost(writer, outcome.read()),
                    FailoverChecks.duplicated(writer, outcome.read()), writer.errors().size());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private List<ContinuousWriter> writers(String topic, String acks) {
        List<ContinuousWriter> writers = new ArrayList<>();
        writers.add(new JavaWriter(cluster.bootstrap(), topic, PARTITIONS, acks));
        kcat.ifPresent(path -> writers.add(new KcatWriter(path, cluster.bootstrap(), topic, PARTITIONS, acks)));
        node.ifPresent(path -> writers.add(new KafkajsWriter(path, scriptDir, cluster.bootstrap(), topic, PARTITIONS, acks)));
        return writers;
    }

    private Outcome runScenario(String suffix, Failure failure, String acks) {
        long scenarioStartNs = System.nanoTime();
        int controller = cluster.activeController();
        FailoverLayout layout = FailoverLayout.around(cluster, suffix);
        layout.create(cluster);
        Map<TopicPartition, List<Integer>> ledByVictim = layout.ledByVictim(cluster);
        TopicPartition c0 = new TopicPartition(layout.topicC(), 0);
        assertThat(ledByVictim.keySet()).as("partitions victim %s leads", layout.victim()).contains(c0).hasSize(3);

        List<TopicPartition> cPartitions = layout.cPartitions();
        TributaryNode victimNode = cluster.node(layout.victim());
        String label = failure + " acks=" + acks + " (victim " + layout.victim() + ", controller " + controller + ")";
        ThroughoutReader reader = new ThroughoutReader(cluster.bootstrap(), cPartitions);
        List<ContinuousWriter> writers = writers(layout.topicC(), acks);
        reader.start();
        try {
            writers.forEach(ContinuousWriter::start);
            awaitWriters(label + ": warm-up, " + WARMUP_ACKS + " acks on every C partition", writers,
                    w -> cPartitions.stream().allMatch(tp -> w.ackCount(tp.partition()) >= WARMUP_ACKS));
            writers.forEach(w -> assertThat(w.errors()).as("%s, %s: errors before the failure", label, w).isEmpty());
            long steadyNs = System.nanoTime();

            long signalNs = System.nanoTime();
            CompletableFuture<Long> stopping = null;
            switch (failure) {
                case SIGKILL -> victimNode.kill();
                case SIGTERM -> stopping = CompletableFuture.supplyAsync(() -> {
                    victimNode.stop(); // returns once the process exited
                    return System.nanoTime();
                });
                case SIGSTOP -> {
                    // SIGSTOP goes through a kill(1) process, which a loaded machine may start late, and the
                    // leader acknowledges until it lands: time the failover from when the kernel reports the
                    // process stopped, so that an acknowledgement counted after it cannot be the old leader's.
                    victimNode.pause();
                    System.out.printf("FAILOVER %s: SIGSTOP took %d ms to land%n", label, ms(System.nanoTime() - signalNs));
                    signalNs = System.nanoTime();
                }
            }
            long failedNs = signalNs;
            Map<TopicPartition, Integer> newLeaders = layout.awaitLeadersMovedOffVictim(cluster, label, ledByVictim.keySet());
            long leadersMovedNs = System.nanoTime();
            long exitedNs = stopping == null ? 0 : stopping.join();
            ledByVictim.forEach((tp, isr) -> assertThat(newLeaders.get(tp))
                    .as("%s: new leader of %s, ISR before was %s", label, tp, isr).isIn(isr));

            awaitWriters(label + ": every C partition acknowledges records sent after the failure", writers,
                    w -> cPartitions.stream().allMatch(tp -> w.firstAckOfRecordSentAfterNs(tp.partition(), failedNs) > 0));
            for (ContinuousWriter w : writers) {
                long firstAckNs = w.firstAckOfRecordSentAfterNs(0, failedNs);
                System.out.printf("FAILOVER %s %s: signal -> leaders moved (both survivors' Metadata) %d ms; signal -> first C-0 ack "
                                + "of a record sent after the signal %s ms;%s longest gap between acks on C-0 %d ms, C-1 %d ms, "
                                + "C-2 %d ms; %d other client messages (retried failures, notices)%n",
                        label, w, ms(leadersMovedNs - failedNs), firstAckNs > 0 ? Long.toString(ms(firstAckNs - failedNs)) : "none",
                        failure == Failure.SIGTERM ? " SIGTERM -> process exited " + ms(exitedNs - failedNs) + " ms;" : "",
                        ms(w.longestAckGapNs(0, steadyNs)), ms(w.longestAckGapNs(1, steadyNs)), ms(w.longestAckGapNs(2, steadyNs)),
                        w.noticeCount());
            }
            if (acks.equals("all")) {
                writers.forEach(w -> assertNoErrors(label + ": after the failure", w));
            }

            switch (failure) {
                case SIGKILL, SIGTERM -> victimNode.restart();
                case SIGSTOP -> victimNode.resume();
            }
            long backNs = System.nanoTime();
            layout.awaitVictimBackInEveryIsr(cluster, label);
            System.out.printf("FAILOVER %s: victim back -> in every ISR %d ms%n", label, ms(System.nanoTime() - backNs));
            Map<ContinuousWriter, Integer> c0Acks = new HashMap<>();
            writers.forEach(w -> c0Acks.put(w, w.ackCount(0)));
            awaitWriters(label + ": the writers go on after the victim rejoined", writers,
                    w -> w.ackCount(0) >= c0Acks.get(w) + WARMUP_ACKS);
            if (failure == Failure.SIGSTOP) {
                for (ContinuousWriter w : writers) {
                    long firstAckNs = w.firstAckOfRecordSentAfterNs(0, backNs);
                    System.out.printf("FAILOVER %s %s: SIGCONT -> first C-0 ack of a record sent after it %d ms; longest gap between "
                            + "acks on C-0 after SIGCONT %d ms%n", label, w, ms(firstAckNs - backNs), ms(w.longestAckGapNs(0, backNs)));
                }
            }
        } finally {
            if (failure == Failure.SIGSTOP && victimNode.isAlive()) {
                try {
                    victimNode.resume();
                } catch (RuntimeException | AssertionError ignored) {
                    // not paused (any more)
                }
            }
            writers.forEach(ContinuousWriter::finish);
        }
        long writersStoppedNs = System.nanoTime();
        if (acks.equals("all")) {
            writers.forEach(w -> assertNoErrors(label + ": by the time it stopped", w));
        }

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read = new HashMap<>();
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(cluster.bootstrap())) {
            ends = consumer.endOffsets(cPartitions, READ_TIMEOUT);
        }
        for (TopicPartition tp : cPartitions) {
            read.put(tp.partition(), Clients.readToEnd(cluster.bootstrap(), tp, 0, READ_TIMEOUT));
        }
        await(label + ": the reader that ran throughout reached every end offset " + ends).atMost(BOUND)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> cPartitions.stream().allMatch(tp -> reader.position(tp.partition()) >= ends.get(tp))
                        || reader.error() != null);
        reader.finish();
        assertThat(reader.error()).as("%s: the reader's error", label).isNull();
        assertThat(reader.anomalies()).as("%s: gaps or offsets going backwards seen by the reader that ran throughout", label)
                .isEmpty();
        for (TopicPartition tp : cPartitions) {
            assertThat(reader.values(tp.partition())).as("%s: what the reader that ran throughout saw of %s", label, tp)
                    .containsExactlyElementsOf(read.get(tp.partition()).stream().map(r -> FailoverChecks.text(r.value())).toList());
        }
        FailoverChecks.assertOnlyWritersRecords(label, read, writers);
        if (acks.equals("all")) {
            layout.assertLogsMatchBelowHighWatermark(cluster, label);
        }
        System.out.printf("FAILOVER %s: scenario took %d ms (writers stopped at %d ms), %s%n", label,
                ms(System.nanoTime() - scenarioStartNs), ms(writersStoppedNs - scenarioStartNs),
                writers.stream().map(w -> w + " " + w.acknowledged() + " acks").collect(Collectors.joining(", ")));
        return new Outcome(label, writers, read);
    }

    /** Waits until {@code condition} holds for every writer, or one of them fails. */
    private static void awaitWriters(String what, List<ContinuousWriter> writers, Predicate<ContinuousWriter> condition) {
        try {
            await(what).atMost(BOUND).pollInterval(Duration.ofMillis(10))
                    .until(() -> writers.stream().allMatch(condition) || writers.stream().anyMatch(ContinuousWriter::failed));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + BOUND.toSeconds() + " s; the writers:\n" + writers.stream()
                    .map(w -> (condition.test(w) ? "done: " : "NOT DONE: ") + w.state()).collect(Collectors.joining("\n")), e);
        }
    }

    private static void assertNoErrors(String when, ContinuousWriter writer) {
        assertThat(writer.errors()).as("%s: errors it could not retry; %s", when, writer.state()).isEmpty();
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }

    /** What the writers were acknowledged and what C holds afterwards. */
    record Outcome(String label, List<ContinuousWriter> writers, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> read) {
        void assertEveryWriterExactlyOnceInOrder() {
            writers.forEach(w -> FailoverChecks.assertExactlyOnceInOrder(label, w, read));
        }
    }
}
