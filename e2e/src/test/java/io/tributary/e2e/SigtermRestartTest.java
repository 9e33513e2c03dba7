package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clean stop (SIGTERM) and restart: the node exits by itself within the harness's bound, comes back
 * with every record, and its log says it found a clean shutdown for the partition, so it trusted its
 * checkpoints instead of scanning the log again, and had nothing to warn about.
 */
@ExtendWith(TributaryExtension.class)
class SigtermRestartTest {
    private static final String TOPIC = "sigterm-restart";
    private static final Pattern PARTITION_LINE =
            Pattern.compile("(?<![\\w-])" + Pattern.quote(TOPIC + "-0") + "(?![\\w-])");
    /** The level column of the broker's log pattern. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ (WARN|ERROR) ");
    private static final Pattern CLEAN = Pattern.compile("(?i)(?<!un)clean shutdown");

    @Test
    void sigtermStopsCleanlyAndTheRestartNeedsNoRecovery(Nodes nodes) {
        TributaryNode node = nodes.start();
        Clients.createTopic(node.bootstrap(), TOPIC, 1);
        List<SampleRecord> sent = SampleRecord.generate("sigterm", 200, System.currentTimeMillis() - 60_000);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(node.bootstrap(),
                Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, Codec.LZ4.configName()))) {
            SampleRecord.produceAll(producer, TOPIC, 0, sent);
        }

        node.stop();
        assertThat(node.exitCode().orElseThrow()).as("exit code after SIGTERM").isIn(0, 143);
        node.restart();

        SampleRecord.assertReadBack(Clients.readToEnd(node.bootstrap(), new TopicPartition(TOPIC, 0), 0,
                Duration.ofSeconds(60)), sent, 0);
        List<String> partitionLines = node.log().linesSinceLastLaunchMatching(PARTITION_LINE).stream()
                // Paths are left out: a checkout directory may itself be named "...shutdown...".
                .filter(line -> line.replaceAll("/\\S+", "").toLowerCase(java.util.Locale.ROOT).contains("shutdown")).toList();
        assertThat(partitionLines).as("lines of the restarted node about how " + TOPIC + "-0 was shut down")
                .singleElement().satisfies(line -> assertThat(CLEAN.matcher(line).find())
                        .as("says clean shutdown: %s", line).isTrue());
        assertThat(node.log().linesSinceLastLaunchMatching(WARN_OR_ERROR))
                .as("WARN and ERROR lines after a clean stop and restart (nothing went wrong)").isEmpty();
    }
}
