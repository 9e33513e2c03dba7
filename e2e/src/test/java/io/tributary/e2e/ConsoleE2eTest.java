package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console in a real browser (the system's headless Chromium, driven by playwright-core from
 * {@code src/test/node/console.js}) on three broker processes: the page draws every replica of a
 * topic, then the broker leading partition 0 is SIGKILLed, and the page, served by a broker that
 * stays up, shows that broker fenced and unreachable, its leaderships moved to brokers of the old
 * ISR, and the election and fencing in its timeline; then the topic and group views draw.
 *
 * <p>With {@code -Dtributary.console.screenshots=DIR} the script saves the four pictures that
 * README and {@code docs/console.md} show. Needs {@code node}, {@code npm ci} in
 * {@code src/test/node}, and {@code chromium} (Debian's package); skipped without them, failed
 * instead under {@code TRIBUTARY_E2E_REQUIRE_TOOLS=1} (CI).
 */
@ExtendWith(TributaryExtension.class)
class ConsoleE2eTest {

    private static final String TOPIC = "orders";
    private static final String GROUP = "billing";
    private static final int PARTITIONS = 6;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void thePageShowsLeadersMovingWhenALeaderIsKilled(Nodes nodes) throws Exception {
        Path node = ExternalTools.require("node", "install Node.js 18 or newer");
        Path chromium = ExternalTools.require("chromium", "install Debian's chromium: apt-get install -y chromium");
        Path scriptDir = E2eSettings.moduleDir().resolve("src/test/node");
        ExternalTools.requireThat(Files.isDirectory(scriptDir.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in " + scriptDir + "; run 'npm ci' there (.ci/run does)");

        TributaryCluster cluster = nodes.cluster(3, Map.of("http.listener", "http://127.0.0.1:0",
                "offsets.topic.num.partitions", "3", "group.initial.rebalance.delay.ms", "0")).start();
        Clients.createTopic(cluster.bootstrap(), TOPIC, PARTITIONS, (short) 3, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(cluster.bootstrap(), Map.of("acks", "all"))) {
            for (int i = 0; i < 600; i++) {
                producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, ("order-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        int victim;
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            victim = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC)
                    .partitions().get(0).leader().id();
        }
        TributaryNode witness = cluster.running().stream().filter(n -> n.nodeId() != victim).findFirst().orElseThrow();
        String url = "http://127.0.0.1:" + MetricsScrape.httpPort(witness);

        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread member = new Thread(() -> consume(cluster.bootstrap(), consuming), "console-e2e-consumer");
        member.start();
        Thread writer = new Thread(() -> produce(cluster.bootstrap(), consuming), "console-e2e-producer");
        writer.start();
        try {
            List<String> command = new ArrayList<>(List.of(node.toString(), "console.js", url, TOPIC, String.valueOf(PARTITIONS),
                    String.valueOf(victim), GROUP));
            String shots = System.getProperty("tributary.console.screenshots");
            if (shots != null && !shots.isBlank()) {
                Path dir = Path.of(shots).toAbsolutePath();
                Files.createDirectories(dir);
                command.add(dir.toString());
            }
            ProcessBuilder pb = new ProcessBuilder(command).directory(scriptDir.toFile()).redirectErrorStream(true);
            pb.environment().put("CHROMIUM", chromium.toString());
            Process browser = pb.start();
            // The script bounds each of its waits; this bounds the whole, so a hung browser fails the test instead of stalling it.
            CompletableFuture.runAsync(browser::destroyForcibly,
                    CompletableFuture.delayedExecutor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            List<String> output = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream in = browser.getOutputStream()) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.add(line);
                    if (line.equals("ready")) {
                        cluster.node(victim).kill();
                        in.write("killed\n".getBytes(StandardCharsets.UTF_8));
                        in.close();
                    }
                }
            } finally {
                if (!browser.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                }
            }
            assertThat(browser.exitValue()).as("console.js said:\n" + String.join("\n", output)).isZero();
            assertThat(output).as("the page saw broker " + victim + " killed").contains("ready");
            assertThat(output.get(output.size() - 1)).startsWith("{\"ok\":true");
            System.out.println("console e2e: " + output.get(output.size() - 1));
        } finally {
            consuming.set(false);
            member.join(30_000);
            writer.join(30_000);
        }
    }

    /** A steady trickle of records (about 100 a second), so the topic view has throughput to show. */
    private static void produce(String bootstrap, AtomicBoolean running) {
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap, Map.of("acks", "all", "linger.ms", 5))) {
            for (long i = 0; running.get(); i++) {
                producer.send(new ProducerRecord<>(TOPIC, ("order-" + i).getBytes(StandardCharsets.UTF_8)));
                Thread.sleep(10); // pacing the load, not waiting for a condition
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("console e2e producer stopped: " + e);
        }
    }

    /** A group member that reads and commits part of the topic, so the group view shows members, assignments and lag. */
    private static void consume(String bootstrap, AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.CLIENT_ID_CONFIG, "billing-1",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            boolean committed = false;
            while (running.get()) {
                int read = consumer.poll(Duration.ofMillis(200)).count();
                if (!committed && read > 0) {
                    // One commit of what the first poll returned, so the lag stays visible in the picture.
                    Map<TopicPartition, OffsetAndMetadata> offsets = new java.util.HashMap<>();
                    for (TopicPartition tp : consumer.assignment()) {
                        offsets.put(tp, new OffsetAndMetadata(consumer.position(tp)));
                    }
                    consumer.commitSync(offsets, Duration.ofSeconds(20));
                    committed = true;
                }
            }
        } catch (RuntimeException e) {
            System.out.println("console e2e consumer stopped: " + e);
        }
    }
}
