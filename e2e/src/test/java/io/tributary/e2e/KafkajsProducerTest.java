package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.E2eSettings;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kafkajs 2.2.4 (a third, independent client implementation) produces with acks=-1, idempotent and
 * not, uncompressed and gzip (the only codec kafkajs ships), and reads the partition's offsets with
 * its admin client; the Java client then reads every record back.
 *
 * <p>kafkajs has no group-less consumer (its consumer always joins a group), so the Java client does
 * the reading here; a kafkajs consumer group is {@link GroupClientsTest}'s.
 *
 * <p>Needs {@code node} on PATH and {@code npm ci} run in {@code e2e/src/test/node}; skipped with a
 * message otherwise, except in CI ({@code TRIBUTARY_E2E_REQUIRE_TOOLS=1}), where that fails.
 */
@ExtendWith(TributaryExtension.class)
class KafkajsProducerTest {
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORD_COUNT = 120;
    /** produce.js sends in batches of this many records. */
    private static final int SCRIPT_BATCH = 25;
    private static Nodes nodes;
    private static Path node;
    private static Path scriptDir;

    @BeforeAll
    static void findNodeAndKafkajs(Nodes classNodes) {
        node = ExternalTools.require("node", "install Node.js 18 or newer");
        scriptDir = E2eSettings.moduleDir().resolve("src/test/node");
        ExternalTools.requireThat(Files.isDirectory(scriptDir.resolve("node_modules/kafkajs")),
                "kafkajs is not installed in " + scriptDir + "; run 'npm ci' there (.ci/run does)");
        nodes = classNodes;
    }

    static Stream<Arguments> producerSettings() {
        return Stream.of(Arguments.of(true, "none"), Arguments.of(true, "gzip"), Arguments.of(false, "none"),
                Arguments.of(false, "gzip"));
    }

    @ParameterizedTest(name = "idempotent={0}, compression={1}")
    @MethodSource("producerSettings")
    void kafkajsProducesAndTheJavaClientReadsEveryRecordBack(boolean idempotent, String compression) {
        String bootstrap = nodes.bootstrap();
        String topic = "kafkajs-" + (idempotent ? "idempotent" : "plain") + "-" + compression + "-" + UUID.randomUUID();
        Clients.createTopic(bootstrap, topic, 1);
        long baseTimestampMs = System.currentTimeMillis() - 60_000;

        CommandRunner.Result result = CommandRunner.run(List.of(node.toString(), "produce.js",
                        "--brokers", bootstrap, "--topic", topic, "--count", Integer.toString(RECORD_COUNT),
                        "--idempotent", Boolean.toString(idempotent), "--compression", compression,
                        "--base-timestamp", Long.toString(baseTimestampMs)),
                scriptDir, new byte[0], SCRIPT_TIMEOUT).requireSuccess();

        List<String> expectedAcks = new ArrayList<>();
        for (int base = 0; base < RECORD_COUNT; base += SCRIPT_BATCH) {
            expectedAcks.add("ack 0 " + base + " " + Math.min(SCRIPT_BATCH, RECORD_COUNT - base));
        }
        expectedAcks.add("offsets 0 0 " + RECORD_COUNT);
        assertThat(result.stdoutLines()).as("what kafkajs was acknowledged, then ListOffsets (stderr: %s)", result.stderr())
                .containsExactlyElementsOf(expectedAcks);

        List<ConsumerRecord<byte[], byte[]>> read = Clients.readToEnd(bootstrap, new TopicPartition(topic, 0), 0, READ_TIMEOUT);
        assertThat(read).as("records the Java client reads").hasSize(RECORD_COUNT);
        for (int i = 0; i < RECORD_COUNT; i++) {
            ConsumerRecord<byte[], byte[]> record = read.get(i);
            String where = "record " + i;
            assertThat(record.offset()).as(where + " offset").isEqualTo(i);
            assertThat(SampleRecord.text(record.key())).as(where + " key").isEqualTo(i % 7 == 3 ? null : "kafkajs-key-" + i);
            assertThat(SampleRecord.text(record.value())).as(where + " value").isEqualTo("kafkajs value " + i);
            assertThat(SampleRecord.headerText(record.headers())).as(where + " headers")
                    .containsExactly("seq=" + i, "origin=kafkajs");
            assertThat(record.timestamp()).as(where + " timestamp").isEqualTo(baseTimestampMs + i);
            assertThat(record.timestampType()).as(where + " timestamp type").isEqualTo(TimestampType.CREATE_TIME);
        }
    }
}
