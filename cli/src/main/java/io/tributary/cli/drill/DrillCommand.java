package io.tributary.cli.drill;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Progress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code drill}: the seed's failover experiment, run against the user's cluster. It creates a
 * throwaway topic, produces a numbered stream at a steady rate with the user's acks and idempotence,
 * reads it back, makes the leader of partition 0 fail, and reports the unavailability window, the
 * acknowledged records lost, duplicates and reordering ({@link DrillReport}); then deletes the topic.
 *
 * <p>Phases: every partition acknowledges a first record; half of {@code --duration-ms} of steady traffic; the failure; waiting (up to
 * {@code --recovery-timeout-ms}) for every partition to acknowledge again; the other half; then the
 * producer stops, and the consumer reads up to the end of every partition.
 */
@Command(name = "drill", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Make the leader of a throwaway topic fail under a steady stream, and report the unavailability window,"
                + " acknowledged records lost, duplicates and reordering.",
        footer = {"", "Exit status: 0 passed, 1 the drill could not run (one line on stderr says why),",
                "2 bad command line, 3 an acknowledged record was lost, 4 a partition did not",
                "recover within --recovery-timeout-ms. Without --kill-command the drill signals",
                "the leader's node through ./tributary dev's pid files (--dev-data-dir).", "Full reference: docs/cli.md#drill"})
public final class DrillCommand extends ClientCommand {
    static final long RECORDS_MAX = 10_000_000;
    private static final long TICK_MS = 100;
    private static final long METADATA_TIMEOUT_MS = 2_000;
    private static final long KILL_COMMAND_TIMEOUT_MS = 60_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--topic", paramLabel = "NAME", description = "The throwaway topic (default: tributary-drill-<time>); it must not exist.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1", description = "Partitions of the topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "R", description = "Replicas of each partition (default: 3, or the brokers if fewer).")
    Integer replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "M", description = "The topic's min.insync.replicas (default: 2 with 3 replicas or more, else 1).")
    Integer minInsyncReplicas;

    @Option(names = "--acks", paramLabel = "all|1|0", defaultValue = "all", description = "The producer's acks (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = "--idempotence", arity = "0..1", paramLabel = "true|false", fallbackValue = "true",
            description = "The producer's enable.idempotence (default: true with acks=all, else false).")
    Boolean idempotence;

    @Option(names = "--rate", paramLabel = "RECORDS/S", defaultValue = "200", description = "Records sent per second (default: ${DEFAULT-VALUE}).")
    double ratePerSec;

    @Option(names = "--duration-ms", paramLabel = "MS", defaultValue = "10000",
            description = "Steady traffic: half before the failure, half after every partition recovers (default: ${DEFAULT-VALUE}).")
    long durationMs;

    @Option(names = "--recovery-timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "How long every partition may take to acknowledge again after the failure (default: ${DEFAULT-VALUE}).")
    long recoveryTimeoutMs;

    @Option(names = "--kill-command", paramLabel = "COMMAND",
            description = "Makes the broker fail, run with sh -c; {broker}, {host}, {port} and {signal} are replaced,"
                    + " e.g. 'ssh {host} sudo systemctl kill -s {signal} tributary'.")
    String killCommand;

    @Option(names = "--signal", paramLabel = "KILL|TERM", defaultValue = "KILL",
            description = "KILL (a crash) or TERM (a clean stop) (default: ${DEFAULT-VALUE}).")
    Failure.Signal signal;

    @Option(names = "--dev-data-dir", paramLabel = "DIR", defaultValue = "data/dev",
            description = "Where ./tributary dev keeps its nodes, without --kill-command (default: ${DEFAULT-VALUE}).")
    Path devDataDir;

    @Option(names = "--keep-topic", description = "Leave the topic in place afterwards, to look at it.")
    boolean keepTopic;

    @Override
    protected int execute() throws Exception {
        String acksValue = validate();
        Failure failure = failure();
        int brokers = admin().describeCluster().nodes().get(connection.timeoutMs(), TimeUnit.MILLISECONDS).size();
        if (brokers < 2) {
            throw new CliException("the cluster has " + brokers + " broker; a failover drill needs at least 2");
        }
        int replicas = replicationFactor != null ? replicationFactor : Math.min(3, brokers);
        if (replicas < 2 || replicas > brokers) {
            throw new CliException("--replication-factor " + replicas + " must be between 2 and the cluster's " + brokers + " brokers");
        }
        int minIsr = minInsyncReplicas != null ? minInsyncReplicas : replicas >= 3 ? 2 : 1;
        if (minIsr < 1 || minIsr > replicas) {
            throw new CliException("--min-insync-replicas " + minIsr + " must be between 1 and the replication factor " + replicas);
        }
        boolean idempotent = idempotence != null ? idempotence : "all".equals(acksValue);
        String name = topic != null ? topic : "tributary-drill-" + Instant.now().toEpochMilli();
        DrillReport.Setup setup = new DrillReport.Setup(name, partitions, replicas, minIsr, acksValue, idempotent, ratePerSec);

        admin().createTopics(List.of(new NewTopic(name, partitions, (short) replicas)
                .configs(Map.of("min.insync.replicas", Integer.toString(minIsr))))).all().get(connection.timeoutMs(), TimeUnit.MILLISECONDS);
        DrillReport report;
        boolean deleted = false;
        try (Progress progress = Progress.onStderr()) {
            awaitFullIsr(name, replicas, progress);
            report = run(setup, failure, progress);
        } finally {
            if (!keepTopic) {
                deleted = deleteTopic(name);
            }
        }
        report = new DrillReport(report.setup(), report.failed(), report.windows(), report.leadersAfter(), report.accounting(),
                report.sent(), report.sendFailures(), report.firstSendError(), deleted);
        output.print(out(), report.json(), report.table());
        return report.exitStatus();
    }

    /** Checks the options that need no cluster; returns acks as the producer takes it. */
    private String validate() {
        String acksValue = switch (acks) {
            case "all", "-1" -> "all";
            case "1", "0" -> acks;
            default -> throw new ParameterException(spec.commandLine(), "--acks must be all, -1, 1 or 0, got '" + acks + "'");
        };
        if (Boolean.TRUE.equals(idempotence) && !"all".equals(acksValue)) {
            throw new ParameterException(spec.commandLine(), "--idempotence needs --acks all (Kafka's producer refuses acks=" + acksValue + " with it)");
        }
        if (partitions < 1) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, got " + partitions);
        }
        if (!(ratePerSec > 0) || durationMs < 2 || recoveryTimeoutMs < 1) {
            throw new ParameterException(spec.commandLine(), "--rate, --duration-ms and --recovery-timeout-ms must be positive");
        }
        if (recordsMax() > RECORDS_MAX) {
            throw new ParameterException(spec.commandLine(), "--rate x (--duration-ms + --recovery-timeout-ms) allows " + recordsMax()
                    + " records; the drill keeps each in memory, so at most " + RECORDS_MAX);
        }
        return acksValue;
    }

    private long recordsMax() {
        return (long) Math.ceil(ratePerSec * (durationMs + recoveryTimeoutMs) / 1000.0) + 1;
    }

    private Failure failure() {
        if (killCommand != null) {
            return new Failure.Command(killCommand, signal, KILL_COMMAND_TIMEOUT_MS);
        }
        if (Failure.DevNode.present(devDataDir)) {
            return new Failure.DevNode(devDataDir, signal);
        }
        throw new CliException("say how to make a broker fail: --kill-command 'COMMAND' ({broker}, {host}, {port}, {signal} are"
                + " replaced), or run the drill next to ./tributary dev (no dev pid files in " + devDataDir + ")");
    }

    private DrillReport run(DrillReport.Setup setup, Failure failure, Progress progress) throws Exception {
        try (Traffic traffic = new Traffic(setup.topic(), partitions, ratePerSec, recordsMax(), producerProperties(setup), consumerProperties())) {
            traffic.start();
            long halfMs = durationMs / 2;
            if (!waitFor(traffic, progress, "first acknowledgements", connection.timeoutMs(), () -> traffic.everyPartitionAckedSince(0))) {
                throw new CliException("not every partition of '" + setup.topic() + "' acknowledged a record within " + connection.timeoutMs()
                        + " ms, before any failure" + Optional.ofNullable(traffic.firstSendError())
                                .map(e -> ": " + Errors.oneLine(e, connection.bootstrap())).orElse(""));
            }
            long steadyFromMs = traffic.nowMs();
            waitFor(traffic, progress, "steady traffic", halfMs + TICK_MS, () -> traffic.nowMs() - steadyFromMs >= halfMs);

            Map<Integer, Node> leaders = leaders(setup.topic(), connection.timeoutMs());
            Node victim = leaders.get(0);
            if (victim == null) {
                throw new CliException("partition 0 of '" + setup.topic() + "' has no leader; the cluster is not healthy enough for a drill");
            }
            Map<Integer, Integer> leadersBefore = new TreeMap<>();
            leaders.forEach((p, n) -> leadersBefore.put(p, n == null ? -1 : n.id()));
            long failedAtMs = traffic.nowMs();
            failure.fail(victim.id(), victim.host(), victim.port());
            long killedMs = traffic.nowMs();

            long[] newLeaderAtMs = {-1};
            waitFor(traffic, progress, "failover of broker " + victim.id(), recoveryTimeoutMs, () -> {
                if (newLeaderAtMs[0] < 0) {
                    if (leaderOfPartitionZero(setup.topic()).filter(id -> id != victim.id()).isPresent()) {
                        newLeaderAtMs[0] = traffic.nowMs();
                    }
                }
                return newLeaderAtMs[0] >= 0 && traffic.everyPartitionAckedSince(killedMs);
            });
            boolean recovered = traffic.everyPartitionAckedSince(killedMs);
            if (recovered) {
                long resumeMs = traffic.nowMs();
                waitFor(traffic, progress, "steady traffic after the failover", halfMs + TICK_MS, () -> traffic.nowMs() - resumeMs >= halfMs);
            }
            progress.update("drill: stopping the producer, waiting for its last answers", System.currentTimeMillis());
            traffic.stopProducing();
            Map<Integer, Long> endOffsets = endOffsets(setup.topic());
            if (!waitFor(traffic, progress, "reading to the end", connection.timeoutMs(), () -> traffic.consumedUpTo(endOffsets))) {
                throw new CliException("the consumer did not read up to the end of '" + setup.topic() + "' (offsets " + endOffsets + ") within "
                        + connection.timeoutMs() + " ms" + Optional.ofNullable(traffic.consumerError())
                                .map(e -> ": " + Errors.oneLine(e, connection.bootstrap())).orElse(""));
            }
            Map<Integer, Integer> leadersAfter = new TreeMap<>();
            leaders(setup.topic(), connection.timeoutMs()).forEach((p, n) -> leadersAfter.put(p, n == null ? -1 : n.id()));

            List<Ledger.Ack> acks = traffic.acks();
            List<Integer> partitionIds = new ArrayList<>(leadersBefore.keySet());
            DrillReport.Failed failed = new DrillReport.Failed(victim.id(), failure.describe(victim.id(), victim.host(), victim.port()),
                    failedAtMs, killedMs - failedAtMs, leadersBefore,
                    newLeaderAtMs[0] < 0 ? Optional.empty() : Optional.of(newLeaderAtMs[0] - failedAtMs), failure.bringBack(victim.id()));
            return new DrillReport(setup, failed, Windows.of(Ledger.ackTimesByPartition(acks), partitionIds, failedAtMs), leadersAfter,
                    Ledger.account(acks, traffic.reads()), traffic.sent(), traffic.failed(),
                    Optional.ofNullable(traffic.firstSendError()).map(e -> Errors.oneLine(e, connection.bootstrap())), false);
        }
    }

    /**
     * Polls {@code done} every {@value #TICK_MS} ms, redrawing the progress line, for at most
     * {@code boundMs}; whether it came true. The sleep paces a poll of a condition that has a bound.
     */
    private static boolean waitFor(Traffic traffic, Progress progress, String phase, long boundMs, BooleanSupplier done)
            throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(boundMs);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs >= 0) {
                return false;
            }
            progress.update(String.format("drill: %s, %.1f s: %d sent, %d acknowledged, %d failed, %d consumed", phase,
                    traffic.nowMs() / 1000.0, traffic.sent(), traffic.acknowledgedCount(), traffic.failed(), traffic.readCount()),
                    System.currentTimeMillis());
            Thread.sleep(TICK_MS);
        }
        return true;
    }

    private Properties producerProperties(DrillReport.Setup setup) {
        Properties own = new Properties();
        own.put("client.id", "tributary-drill-producer");
        own.put("acks", setup.acks());
        own.put("enable.idempotence", Boolean.toString(setup.idempotence()));
        // Every record leaves at once, so an acknowledgement's time is close to the write's.
        own.put("linger.ms", "0");
        own.put("max.block.ms", Integer.toString(connection.timeoutMs()));
        // A record the cluster cannot take before the recovery deadline fails rather than holding up the report.
        int requestTimeoutMs = Integer.parseInt(connection.baseProperties().getProperty("request.timeout.ms"));
        own.put("delivery.timeout.ms", Long.toString(Math.max(recoveryTimeoutMs, requestTimeoutMs)));
        return clientProperties(own);
    }

    private Properties consumerProperties() {
        Properties own = new Properties();
        own.put("client.id", "tributary-drill-consumer");
        own.put("enable.auto.commit", "false");
        own.put("auto.offset.reset", "earliest");
        return clientProperties(own);
    }

    /** Partition to leader (null where there is none), from one broker's metadata. */
    private Map<Integer, Node> leaders(String name, long timeoutMs) throws Exception {
        TopicDescription description = admin().describeTopics(List.of(name), new DescribeTopicsOptions().timeoutMs((int) timeoutMs))
                .allTopicNames().get(timeoutMs + TICK_MS, TimeUnit.MILLISECONDS).get(name);
        Map<Integer, Node> leaders = new TreeMap<>();
        for (TopicPartitionInfo p : description.partitions()) {
            leaders.put(p.partition(), p.leader() == null || p.leader().isEmpty() ? null : p.leader());
        }
        return leaders;
    }

    /** The leader of partition 0 as one broker's metadata tells it now; empty if none, or no broker answered in time. */
    private Optional<Integer> leaderOfPartitionZero(String name) {
        try {
            return Optional.ofNullable(leaders(name, METADATA_TIMEOUT_MS).get(0)).map(Node::id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            // In the middle of a failover a broker may not answer: the next tick asks again.
            return Optional.empty();
        }
    }

    /** Waits until every partition of the new topic has a leader and all its replicas in the ISR. */
    private void awaitFullIsr(String name, int replicas, Progress progress) throws Exception {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connection.timeoutMs());
        while (true) {
            try {
                TopicDescription d = admin().describeTopics(List.of(name)).allTopicNames()
                        .get(connection.timeoutMs(), TimeUnit.MILLISECONDS).get(name);
                if (d.partitions().size() == partitions && d.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty() && p.isr().size() == replicas)) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                // The topic is not in every broker's metadata yet: ask again.
            }
            if (System.nanoTime() - deadlineNs >= 0) {
                throw new CliException("topic '" + name + "' did not get a leader and " + replicas + " in-sync replicas per partition within "
                        + connection.timeoutMs() + " ms");
            }
            progress.update("drill: waiting for '" + name + "' to be fully replicated", System.currentTimeMillis());
            Thread.sleep(TICK_MS);
        }
    }

    private Map<Integer, Long> endOffsets(String name) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(name, p), OffsetSpec.latest());
        }
        Map<Integer, Long> ends = new TreeMap<>();
        admin().listOffsets(request).all().get(connection.timeoutMs(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
        return ends;
    }

    /** Deletes the topic; false (and one line on stderr) if the cluster would not. */
    private boolean deleteTopic(String name) {
        try {
            admin().deleteTopics(List.of(name)).all().get(connection.timeoutMs(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.err.println("tributary: could not delete topic '" + name + "': " + Errors.oneLine(e, connection.bootstrap()));
            return false;
        }
    }
}
