package io.tributary.bench.failover;

import io.tributary.bench.cluster.BenchCluster;
import io.tributary.bench.cluster.Waits;
import io.tributary.bench.load.Ack;
import io.tributary.bench.load.SteadyProducer;
import io.tributary.bench.node.ClusterMember;
import io.tributary.bench.replication.IsrSnapshot;
import io.tributary.bench.replication.IsrWatch;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.PreferredLeaderNotAvailableException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One failover run against a running cluster: the steady producer starts; after {@link #BASELINE} of
 * normal acknowledgements the victim gets its signal (SIGSTOP is held past the session timeout by
 * {@link #STOP_PAST_SESSION}, and at least {@link #STOP_PAST_MOVE} past the moment its leaderships moved,
 * waiting at most {@link #STOP_MARGIN} past the session for that; then SIGCONT); once describeTopics shows it leads nothing and every partition has
 * acknowledged a record since, the victim is launched again (SIGKILL, SIGTERM) and awaited back in every
 * ISR it hosts; then the cluster settles (all ISRs full; preferred leaders restored through ElectLeaders
 * when they are not back by themselves, and which was the case is recorded) and the producer stops. The
 * run's records are read back and the figures computed by {@link FailoverAnalysis}. Every wait is
 * bounded; a bound passed throws with what was seen, and the session reports the run as failed.
 */
final class FailoverRun {

    /** How long normal acknowledgements are watched before the signal: the stall figure's baseline. */
    static final Duration BASELINE = Duration.ofSeconds(3);
    /**
     * SIGSTOP is held at least this much past the system's broker.session.timeout.ms: the "held
     * past the session timeout". Kept short because a client with requests waiting on the frozen
     * leader (the Java producer waits up to request.timeout.ms for them) acknowledges nothing until the
     * process resumes and answers: a longer hold only measures the hold.
     */
    static final Duration STOP_PAST_SESSION = Duration.ofMillis(500);
    /** ... and at least this much past the moment describeTopics showed its leaderships moved (the fencing happened). */
    static final Duration STOP_PAST_MOVE = Duration.ofMillis(200);
    /** How long past the session timeout the hold waits for the leaderships to move before it gives up waiting. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(5);
    /** The stall window runs from the signal to this long after every partition acknowledged again. */
    static final Duration AFTER_RECOVERY = Duration.ofSeconds(1);
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    /**
     * The figures of one run, in milliseconds from the signal unless named otherwise.
     *
     * @param leadersMovedMs when describeTopics first showed every partition the victim led under another leader
     * @param failoverMs     per partition the victim led, its first acknowledgement by a newer leader
     * @param stallMs        the longest acknowledgement gap of the partitions other brokers led, after the signal
     * @param stallBeforeMs  the same over {@link #BASELINE} before the signal
     * @param rejoinMs       from the relaunch (SIGKILL, SIGTERM) or SIGCONT until back in every ISR it hosts
     * @param exitMs         SIGTERM only: until the process exited
     * @param preferredBack  whether every preferred leader was back without an ElectLeaders request
     */
    record Result(Signal signal, int victim, double leadersMovedMs, Map<TopicPartition, Double> failoverMs, double stallMs, double stallBeforeMs,
                  double rejoinMs, OptionalDouble exitMs, boolean preferredBack, FailoverAnalysis.Integrity integrity) {

        double slowestFailoverMs() {
            return failoverMs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }

    private final BenchCluster cluster;
    private final Admin admin;
    private final List<String> topics;
    private final List<TopicPartition> partitions;
    private final long sessionTimeoutMs;

    FailoverRun(BenchCluster cluster, Admin admin, List<String> topics, List<TopicPartition> partitions, long sessionTimeoutMs) {
        this.cluster = cluster;
        this.admin = admin;
        this.topics = List.copyOf(topics);
        this.partitions = List.copyOf(partitions);
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    Result run(Signal signal, int victimId, String tag) throws Exception {
        ClusterMember victim = cluster.member(victimId);
        Map<TopicPartition, Long> from = endOffsets();
        List<Ack> acks;
        List<TopicPartition> led;
        long baselineNs;
        long signalNs;
        long recoveredNs;
        long leadersMovedNs;
        long resumeNs;
        long rejoinedNs;
        OptionalDouble exitMs = OptionalDouble.empty();
        boolean preferredBack;
        try (SteadyProducer producer = new SteadyProducer(cluster.bootstrap(), partitions, "failover-" + tag)) {
            long startNs = System.nanoTime();
            producer.start();
            Waits.until(() -> producer.allAckedSince(startNs), startNs + STEADY_TIMEOUT.toNanos(),
                    () -> "every partition acknowledging a record; silent: " + producer.silentSince(startNs));
            baselineNs = System.nanoTime();
            Waits.parkUntil(baselineNs + BASELINE.toNanos()); // an observation window, not a wait for a condition
            IsrSnapshot before = IsrWatch.snapshot(admin, topics);
            led = ledBy(before, victimId);
            if (led.isEmpty()) {
                throw new IllegalStateException("node " + victimId + " leads nothing: " + before);
            }

            CompletableFuture<Long> exited = null;
            signalNs = System.nanoTime();
            switch (signal) {
                case SIGKILL -> victim.kill();
                case SIGTERM -> {
                    victim.terminate();
                    exited = CompletableFuture.supplyAsync(() -> awaitExit(victim));
                }
                case SIGSTOP -> victim.pause();
            }
            long movedNs = -1;
            if (signal == Signal.SIGSTOP) {
                long sessionEndNs = signalNs + TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMs);
                long holdEndNs = sessionEndNs + STOP_PAST_SESSION.toNanos();
                try {
                    movedNs = awaitMoved(victimId, sessionEndNs + STOP_MARGIN.toNanos());
                    holdEndNs = Math.max(holdEndNs, movedNs + STOP_PAST_MOVE.toNanos());
                } catch (TimeoutException e) {
                    // Not moved while the victim was stopped: the wait below, after SIGCONT, will say so if it never does.
                    holdEndNs = sessionEndNs + STOP_MARGIN.toNanos();
                }
                Waits.parkUntil(holdEndNs);
                victim.resume();
            }
            resumeNs = System.nanoTime();
            if (movedNs < 0) {
                movedNs = awaitMoved(victimId, resumeNs + RECOVERY_TIMEOUT.toNanos());
            }
            leadersMovedNs = movedNs;
            long ackedSinceNs = Math.max(movedNs, resumeNs);
            Waits.until(() -> producer.allAckedSince(ackedSinceNs), ackedSinceNs + RECOVERY_TIMEOUT.toNanos(),
                    () -> "every partition acknowledging after the leaders moved; silent: " + producer.silentSince(ackedSinceNs));
            recoveredNs = System.nanoTime();
            if (exited != null) {
                exitMs = OptionalDouble.of(ms(exited.get(EXIT_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS) - signalNs));
            }
            if (signal != Signal.SIGSTOP) {
                victim.launch();
                resumeNs = System.nanoTime();
            }
            rejoinedNs = IsrWatch.await(admin, topics, s -> s.inEveryIsr(victimId), "node " + victimId + " back in every ISR",
                    resumeNs + REJOIN_TIMEOUT.toNanos());
            preferredBack = settle();
            String failure = producer.sendFailure();
            if (failure != null) {
                throw new IllegalStateException("the producer stopped sending: " + failure);
            }
            acks = producer.finish();
        }
        Map<TopicPartition, List<ReadBack.Stored>> stored = ReadBack.read(cluster.bootstrap(), from, endOffsets(), READ_TIMEOUT);
        Map<TopicPartition, List<Ack>> byPartition = acks.stream().collect(Collectors.groupingBy(Ack::partition));

        Map<TopicPartition, Double> failoverMs = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
        for (TopicPartition partition : led) {
            OptionalLong first = FailoverAnalysis.firstAckByNewLeaderNs(byPartition.getOrDefault(partition, List.of()),
                    stored.get(partition), signalNs);
            if (first.isEmpty()) {
                throw new IllegalStateException(partition + ": no record acknowledged in a leader epoch newer than the "
                        + "victim's after the signal, though the run recovered; " + epochSummary(
                        byPartition.getOrDefault(partition, List.of()), stored.get(partition), signalNs));
            }
            failoverMs.put(partition, ms(first.getAsLong() - signalNs));
        }
        List<TopicPartition> others = partitions.stream().filter(p -> !led.contains(p)).toList();
        double stallMs = ms(FailoverAnalysis.longestAckGapNs(byPartition, others, signalNs, recoveredNs + AFTER_RECOVERY.toNanos()));
        double stallBeforeMs = ms(FailoverAnalysis.longestAckGapNs(byPartition, others, baselineNs, signalNs));
        return new Result(signal, victimId, ms(leadersMovedNs - signalNs), failoverMs, stallMs, stallBeforeMs, ms(rejoinedNs - resumeNs), exitMs, preferredBack,
                FailoverAnalysis.integrity(acks, stored));
    }

    /**
     * Waits until every replica is in sync and, when some preferred leader is not back by itself (neither
     * system's automatic rebalance runs more often than every 300 s by default), asks for a preferred
     * election and waits for it; returns whether the preferred leaders were back without asking.
     */
    private boolean settle() throws Exception {
        long deadlineNs = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        IsrWatch.await(admin, topics, IsrSnapshot::fullyInSync, "every replica in sync", deadlineNs);
        IsrSnapshot now = IsrWatch.snapshot(admin, topics);
        Set<TopicPartition> notPreferred = notPreferred(now);
        if (notPreferred.isEmpty()) {
            return true;
        }
        while (true) {
            try {
                admin.electLeaders(ElectionType.PREFERRED, notPreferred(IsrWatch.snapshot(admin, topics))).all()
                        .get(30, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException e) {
                // The ISR the bench saw can shrink again before the controller elects (a resumed or
                // restarted broker dropped once more on a loaded machine): wait for it to be whole and ask again.
                if (!(e.getCause() instanceof PreferredLeaderNotAvailableException) || System.nanoTime() > deadlineNs) {
                    throw e;
                }
                IsrWatch.await(admin, topics, IsrSnapshot::fullyInSync, "every replica in sync", deadlineNs);
            }
        }
        IsrWatch.await(admin, topics, s -> s.fullyInSync() && notPreferred(s).isEmpty(), "every preferred leader back", deadlineNs);
        return false;
    }

    static Set<TopicPartition> notPreferred(IsrSnapshot snapshot) {
        return snapshot.partitions().entrySet().stream()
                .filter(e -> e.getValue().replicas().isEmpty() || e.getValue().leader() != e.getValue().replicas().get(0))
                .map(e -> topicPartition(e.getKey())).collect(Collectors.toSet());
    }

    static List<TopicPartition> ledBy(IsrSnapshot snapshot, int nodeId) {
        List<TopicPartition> led = new ArrayList<>();
        snapshot.partitions().forEach((name, state) -> {
            if (state.leader() == nodeId) {
                led.add(topicPartition(name));
            }
        });
        return led;
    }

    static TopicPartition topicPartition(String name) {
        int dash = name.lastIndexOf('-');
        return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }

    /** What the read-back and the producer saw of one partition, for a failure message. */
    private static String epochSummary(List<Ack> acks, List<ReadBack.Stored> stored, long signalNs) {
        Map<Integer, Long> recordsByEpoch = new java.util.TreeMap<>(stored.stream()
                .collect(Collectors.groupingBy(ReadBack.Stored::leaderEpoch, Collectors.counting())));
        List<Ack> after = acks.stream().filter(a -> a.acknowledged() && a.ackNs() - signalNs >= 0).toList();
        return "records read back by leader epoch " + recordsByEpoch + "; " + after.size() + " acknowledged after the signal"
                + (after.isEmpty() ? "" : ", offsets " + after.stream().mapToLong(Ack::offset).min().orElse(-1) + " to "
                + after.stream().mapToLong(Ack::offset).max().orElse(-1));
    }

    /** When describeTopics first showed {@code victimId} leading nothing and every partition led. */
    private long awaitMoved(int victimId, long deadlineNs) throws TimeoutException, InterruptedException {
        return IsrWatch.await(admin, topics, s -> s.leadsNothing(victimId) && everyPartitionLed(s),
                "node " + victimId + " leading nothing, every partition led", deadlineNs);
    }

    private static boolean everyPartitionLed(IsrSnapshot snapshot) {
        return snapshot.partitions().values().stream().allMatch(p -> p.leader() >= 0);
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static long awaitExit(ClusterMember victim) {
        try {
            if (!victim.awaitExit(EXIT_TIMEOUT)) {
                throw new IllegalStateException("node " + victim.nodeId() + " did not exit within " + EXIT_TIMEOUT.toSeconds()
                        + " s of SIGTERM");
            }
            return System.nanoTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
