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
import java.util.Locale;
import java.util.Map;

/**
 * One round of the foundation scenario against one system, on a fresh node: create the topics, produce
 * to 1 and to 6 partitions as fast as acks=all allows, produce at a fixed 5,000 records/s for latency,
 * probe the broker's memory, consume both throughput topics, probe again. The phases run one after the
 * other, never overlapping, so each one has both cores (minus whatever else the machine is doing).
 */
final class FoundationRound {

    static final String TOPIC_1P = "bench-1p";
    static final String TOPIC_6P = "bench-6p";
    static final String TOPIC_LATENCY = "bench-latency";

    private static final double MIB = 1024.0 * 1024.0;
    private static final double GIB = 1024.0 * MIB;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CONSUME_TIMEOUT = Duration.ofMinutes(5);

    private final BenchEnvironment environment;
    private final FoundationPlan plan;
    private final Measurements measurements;
    private final String roundName;

    FoundationRound(BenchEnvironment environment, FoundationPlan plan, Measurements measurements, String roundName) {
        this.environment = environment;
        this.plan = plan;
        this.measurements = measurements;
        this.roundName = roundName;
    }

    /** Runs the round; any failure propagates, and the caller records it and stops the node. */
    void run(BrokerNode node, Path directory) throws Exception {
        SystemKind system = node.kind();
        node.start();
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(TOPIC_1P, 1);
        topics.put(TOPIC_6P, 6);
        topics.put(TOPIC_LATENCY, 1);
        TopicAdmin.awaitReadyAndCreate(node.bootstrapServers(), topics, ADMIN_TIMEOUT);
        if (environment.options().jfr()) {
            FlightRecorder.start(node.pid(), directory);
        }

        Duration cpuBefore = ProcessProbe.cpuTime(node.pid());
        ProducerPerfResult p1 = produce(node, TOPIC_1P, directory, plan.throughputRecords(), plan.throughputWarmup(), -1);
        record(system, FoundationMetrics.PRODUCE_1P_RECORDS, p1.recordsPerSec());
        record(system, FoundationMetrics.PRODUCE_1P_MB, p1.mbPerSec());
        ProducerPerfResult p6 = produce(node, TOPIC_6P, directory, plan.throughputRecords(), plan.throughputWarmup(), -1);
        record(system, FoundationMetrics.PRODUCE_6P_RECORDS, p6.recordsPerSec());
        record(system, FoundationMetrics.PRODUCE_6P_MB, p6.mbPerSec());
        Duration cpuProduce = ProcessProbe.cpuTime(node.pid()).minus(cpuBefore);
        record(system, FoundationMetrics.CPU_PRODUCE, cpuSeconds(cpuProduce) / (2 * plan.throughputBytes() / GIB));

        ProducerPerfResult latency = produce(node, TOPIC_LATENCY, directory, plan.latencyRecords(), plan.latencyWarmup(),
                plan.latencyRecordsPerSec());
        record(system, FoundationMetrics.LATENCY_P50, latency.p50Ms());
        record(system, FoundationMetrics.LATENCY_P99, latency.p99Ms());

        ProcessProbe.Memory afterProduce = ProcessProbe.memory(node.pid());
        record(system, FoundationMetrics.RSS_AFTER_PRODUCE, afterProduce.rssKiB() / 1024.0);
        record(system, FoundationMetrics.HWM_AFTER_PRODUCE, afterProduce.hwmKiB() / 1024.0);

        Duration cpuBeforeConsume = ProcessProbe.cpuTime(node.pid());
        ConsumeResult c1 = consume(node, TOPIC_1P, directory);
        record(system, FoundationMetrics.CONSUME_1P_MB, c1.mbPerSec());
        ConsumeResult c6 = consume(node, TOPIC_6P, directory);
        record(system, FoundationMetrics.CONSUME_6P_MB, c6.mbPerSec());
        Duration cpuConsume = ProcessProbe.cpuTime(node.pid()).minus(cpuBeforeConsume);
        record(system, FoundationMetrics.CPU_CONSUME, cpuSeconds(cpuConsume) / ((c1.bytes() + c6.bytes()) / GIB));

        ProcessProbe.Memory afterConsume = ProcessProbe.memory(node.pid());
        record(system, FoundationMetrics.RSS_AFTER_CONSUME, afterConsume.rssKiB() / 1024.0);
        record(system, FoundationMetrics.HWM_AFTER_CONSUME, afterConsume.hwmKiB() / 1024.0);
        if (!node.isAlive()) {
            throw new IOException(system.displayName() + " node died during the round; log tail:\n" + node.logTail(30));
        }
        if (environment.options().jfr()) {
            FlightRecorder.dump(node.pid(), environment.recording(system, directory));
        }
    }

    private ProducerPerfResult produce(BrokerNode node, String topic, Path directory, long records, long warmup, double rate)
            throws IOException, InterruptedException {
        ProducerPerfRun run = new ProducerPerfRun(node.bootstrapServers(), topic, records, warmup, plan.recordSizeBytes(), rate);
        ProducerPerfResult result = run.run(environment.clients(), directory.resolve("producer-" + topic + ".log"), PRODUCE_TIMEOUT);
        progress(node, String.format(Locale.ROOT, "produce %s%s: %,.0f records/s, %.1f MB/s, p50 %d ms, p99 %d ms",
                topic, rate > 0 ? " at " + Math.round(rate) + " records/s" : "",
                result.recordsPerSec(), result.mbPerSec(), result.p50Ms(), result.p99Ms()));
        return result;
    }

    private ConsumeResult consume(BrokerNode node, String topic, Path directory) throws IOException, InterruptedException {
        ConsumeResult result = new ConsumeRun(node.bootstrapServers(), topic, plan.throughputRecords())
                .run(environment.clients(), directory.resolve("consumer-" + topic + ".log"), CONSUME_TIMEOUT);
        progress(node, String.format(Locale.ROOT, "consume %s: %,.0f records/s, %.1f MB/s",
                topic, result.recordsPerSec(), result.mbPerSec()));
        return result;
    }

    private void record(SystemKind system, Metric metric, double value) {
        measurements.add(metric, system, value);
    }

    private void progress(BrokerNode node, String message) {
        System.out.println("bench: " + roundName + " " + node.kind().displayName() + ": " + message);
    }

    private static double cpuSeconds(Duration cpu) {
        return cpu.toNanos() / 1e9;
    }
}
