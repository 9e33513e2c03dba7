package io.tributary.bench.foundation;

import io.tributary.bench.BenchEnvironment;
import io.tributary.bench.SystemKind;
import io.tributary.bench.load.ConsumeResult;
import io.tributary.bench.load.ConsumeRun;
import io.tributary.bench.load.ProducerPerfResult;
import io.tributary.bench.load.ProducerPerfRun;
import io.tributary.bench.load.TopicAdmin;
import io.tributary.bench.node.BrokerNode;
import io.tributary.bench.node.ProcessProbe;
import io.tributary.bench.profile.FlightRecorder;
import io.tributary.bench.report.Measurements;
import io.tributary.bench.report.Metric;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One round of the foundation scenario: a fresh node of each system, then every phase run against
 * each system in turn (Tributary, then Kafka) before the next phase starts. Pairing the systems phase
 * by phase, seconds apart, means a burst of other work on the shared machine hits both sides of a
 * comparison alike instead of one system's whole round. Phases: produce to 1 and to N (default 6) partitions as
 * fast as acks=all allows, produce at a fixed 5,000 records/s for latency, probe memory, consume both
 * throughput topics, probe memory again. Only one load generator runs at a time; the node not under
 * load sits idle.
 *
 * <p>A system that fails a phase is recorded as failed for the round, its node is stopped, and the
 * other system carries on.
 */
final class FoundationRound {

    static final String TOPIC_1P = "bench-1p";
    static final String TOPIC_LATENCY = "bench-latency";

    private static final double MIB = 1024.0 * 1024.0;
    private static final double GIB = 1024.0 * MIB;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(5);

    /** One system's node in this round, and what the round has measured of it so far. */
    private static final class Participant {
        final BrokerNode node;
        final Path directory;
        boolean failed;
        Duration produceCpu = Duration.ZERO;
        Duration consumeCpu = Duration.ZERO;
        long consumedBytes;

        Participant(BrokerNode node, Path directory) {
            this.node = node;
            this.directory = directory;
        }

        SystemKind system() {
            return node.kind();
        }
    }

    @FunctionalInterface
    private interface Phase {
        void run(Participant participant) throws Exception;
    }

    private final BenchEnvironment environment;
    private final FoundationPlan plan;
    private final Measurements measurements;
    private final String roundName;
    private final List<Participant> participants;
    private final int partitions;
    private final String topicMany;

    /** @param nodes not yet started, in the order each phase visits them */
    FoundationRound(BenchEnvironment environment, FoundationPlan plan, Measurements measurements, String roundName,
                    Map<BrokerNode, Path> nodes) {
        this.environment = environment;
        this.plan = plan;
        this.measurements = measurements;
        this.roundName = roundName;
        this.participants = nodes.entrySet().stream().map(e -> new Participant(e.getKey(), e.getValue())).toList();
        this.partitions = environment.options().partitions();
        this.topicMany = "bench-" + partitions + "p";
    }

    /** Runs every phase; returns true when no system failed. Always stops every node. */
    boolean run() {
        try {
            each(this::start);
            each(p -> {
                ProducerPerfResult result = produce(p, TOPIC_1P, plan.throughputRecords(), plan.throughputWarmup(), -1);
                record(p, FoundationMetrics.PRODUCE_1P_RECORDS, result.recordsPerSec());
                record(p, FoundationMetrics.PRODUCE_1P_MB, result.mbPerSec());
            });
            each(p -> {
                ProducerPerfResult result = produce(p, topicMany, plan.throughputRecords(), plan.throughputWarmup(), -1);
                record(p, FoundationMetrics.produceManyRecords(partitions), result.recordsPerSec());
                record(p, FoundationMetrics.produceManyMb(partitions), result.mbPerSec());
                record(p, FoundationMetrics.CPU_PRODUCE, seconds(p.produceCpu) / (2 * plan.throughputBytes() / GIB));
            });
            each(p -> {
                ProducerPerfResult result = produce(p, TOPIC_LATENCY, plan.latencyRecords(), plan.latencyWarmup(),
                        plan.latencyRecordsPerSec());
                record(p, FoundationMetrics.LATENCY_P50, result.p50Ms());
                record(p, FoundationMetrics.LATENCY_P99, result.p99Ms());
                ProcessProbe.Memory memory = ProcessProbe.memory(p.node.pid());
                record(p, FoundationMetrics.RSS_AFTER_PRODUCE, memory.rssKiB() / 1024.0);
                record(p, FoundationMetrics.HWM_AFTER_PRODUCE, memory.hwmKiB() / 1024.0);
            });
            each(p -> record(p, FoundationMetrics.CONSUME_1P_MB, consume(p, TOPIC_1P).mbPerSec()));
            each(p -> {
                record(p, FoundationMetrics.consumeManyMb(partitions), consume(p, topicMany).mbPerSec());
                record(p, FoundationMetrics.CPU_CONSUME, seconds(p.consumeCpu) / (p.consumedBytes / GIB));
                ProcessProbe.Memory memory = ProcessProbe.memory(p.node.pid());
                record(p, FoundationMetrics.RSS_AFTER_CONSUME, memory.rssKiB() / 1024.0);
                record(p, FoundationMetrics.HWM_AFTER_CONSUME, memory.hwmKiB() / 1024.0);
                if (environment.options().jfr()) {
                    FlightRecorder.dump(p.node.pid(), environment.recording(p.system(), p.directory));
                }
            });
        } finally {
            participants.forEach(p -> p.node.close());
        }
        return participants.stream().noneMatch(p -> p.failed);
    }

    private void start(Participant p) throws Exception {
        progress(p, "starting a fresh node in " + p.directory);
        p.node.start();
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(TOPIC_1P, 1);
        topics.put(topicMany, partitions);
        topics.put(TOPIC_LATENCY, 1);
        TopicAdmin.awaitReadyAndCreate(p.node.bootstrapServers(), topics, ADMIN_TIMEOUT);
        if (environment.options().jfr()) {
            FlightRecorder.start(p.node.pid(), p.directory);
        }
    }

    /** Runs a phase against every system still in the round, in order. */
    private void each(Phase phase) {
        for (Participant p : participants) {
            if (p.failed) {
                continue;
            }
            try {
                phase.run(p);
                if (!p.node.isAlive()) {
                    throw new IOException(p.system().displayName() + " node died; log tail:\n" + p.node.logTail(30));
                }
            } catch (Exception e) {
                p.failed = true;
                String reason = measurements.fail(p.system(), roundName, e);
                progress(p, "FAILED: " + reason);
                if (p.node.isAlive()) {
                    System.out.println("bench: node log tail:\n" + p.node.logTail(20));
                }
                p.node.close();
            }
        }
    }

    private ProducerPerfResult produce(Participant p, String topic, long records, long warmup, double rate)
            throws IOException, InterruptedException {
        ProducerPerfRun run = new ProducerPerfRun(p.node.bootstrapServers(), topic, records, warmup, plan.recordSizeBytes(), rate);
        Duration cpuBefore = ProcessProbe.cpuTime(p.node.pid());
        ProducerPerfResult result = run.run(environment.clients(), p.directory.resolve("producer-" + topic + ".log"), PRODUCE_TIMEOUT);
        if (rate < 0) {
            p.produceCpu = p.produceCpu.plus(ProcessProbe.cpuTime(p.node.pid()).minus(cpuBefore));
        }
        progress(p, String.format(Locale.ROOT, "produce %s%s: %,.0f records/s, %.1f MB/s, p50 %d ms, p99 %d ms",
                topic, rate > 0 ? " at " + Math.round(rate) + " records/s" : "",
                result.recordsPerSec(), result.mbPerSec(), result.p50Ms(), result.p99Ms()));
        return result;
    }

    private ConsumeResult consume(Participant p, String topic) throws IOException, InterruptedException {
        Duration cpuBefore = ProcessProbe.cpuTime(p.node.pid());
        ConsumeResult result = new ConsumeRun(p.node.bootstrapServers(), topic, plan.throughputRecords())
                .run(environment.clients(), p.directory.resolve("consumer-" + topic + ".log"), CONSUME_TIMEOUT);
        p.consumeCpu = p.consumeCpu.plus(ProcessProbe.cpuTime(p.node.pid()).minus(cpuBefore));
        p.consumedBytes += result.bytes();
        progress(p, String.format(Locale.ROOT, "consume %s: %,.0f records/s, %.1f MB/s",
                topic, result.recordsPerSec(), result.mbPerSec()));
        return result;
    }

    private void record(Participant p, Metric metric, double value) {
        measurements.add(metric, p.system(), value);
    }

    private void progress(Participant p, String message) {
        System.out.println("bench: " + roundName + " " + p.system().displayName() + ": " + message);
    }

    private static double seconds(Duration cpu) {
        return cpu.toNanos() / 1e9;
    }
}
