package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.CommandRunner;
import io.tributary.e2e.harness.ExternalTools;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * kcat (librdkafka, a client written independently of the Java one) against one node: it produces
 * with keys and {@code -H} headers under every codec and reads its own records back with
 * {@code -C -o beginning -e}; the Java client reads what kcat wrote, and kcat reads what the Java
 * client wrote. Skipped with a message when kcat is not installed, except in CI
 * ({@code TRIBUTARY_E2E_REQUIRE_TOOLS=1}), where that fails.
 */
@ExtendWith(TributaryExtension.class)
class KcatTest {
    private static final Duration KCAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final int RECORD_COUNT = 50;
    /** Tab-separated: offset, key, headers (k=v,k=v), timestamp, value. */
    private static final String FORMAT = "%o\\t%k\\t%h\\t%T\\t%s\\n";
    private static Nodes nodes;
    private static Path kcat;

    @BeforeAll
    static void findKcat(Nodes classNodes) {
        kcat = ExternalTools.require("kcat", "install it with 'apt-get install -y kcat' (.ci/run does)");
        nodes = classNodes;
    }

    static Stream<Arguments> codecsAndIdempotence() {
        return Stream.of(Arguments.of(Codec.NONE, false), Arguments.of(Codec.GZIP, true),
                Arguments.of(Codec.SNAPPY, false), Arguments.of(Codec.LZ4, true), Arguments.of(Codec.ZSTD, true));
    }

    @ParameterizedTest(name = "{0}, idempotent={1}")
    @MethodSource("codecsAndIdempotence")
    void kcatProducesWithKeysAndHeadersAndBothKcatAndJavaReadItBack(Codec codec, boolean idempotent) {
        String bootstrap = nodes.bootstrap();
        String topic = "kcat-" + codec.configName() + "-" + UUID.randomUUID();
        Clients.createTopic(bootstrap, topic, 1);
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < RECORD_COUNT; i++) {
            input.append("key-").append(i).append(':').append("value ").append(i).append(" from kcat\n");
        }
        long beforeMs = System.currentTimeMillis();
        kcat(input.toString(), "-P", "-b", bootstrap, "-t", topic, "-p", "0", "-K:",
                "-H", "origin=kcat", "-H", "codec=" + codec.configName(), "-z", codec.configName(),
                "-X", "enable.idempotence=" + idempotent, "-X", "acks=all");
        long afterMs = System.currentTimeMillis();

        List<String> lines = kcatConsume(bootstrap, topic);
        assertThat(lines).as("records kcat reads back").hasSize(RECORD_COUNT);
        for (int i = 0; i < RECORD_COUNT; i++) {
            String[] fields = lines.get(i).split("\t", -1);
            assertThat(fields).as("kcat line %s: %s", i, lines.get(i)).hasSize(5);
            assertThat(fields[0]).as("offset").isEqualTo(Integer.toString(i));
            assertThat(fields[1]).as("key").isEqualTo("key-" + i);
            assertThat(fields[2]).as("headers").isEqualTo("origin=kcat,codec=" + codec.configName());
            assertThat(Long.parseLong(fields[3])).as("timestamp").isBetween(beforeMs - 1000, afterMs + 1000);
            assertThat(fields[4]).as("value").isEqualTo("value " + i + " from kcat");
        }

        List<ConsumerRecord<byte[], byte[]>> read = Clients.readToEnd(bootstrap, new TopicPartition(topic, 0), 0, READ_TIMEOUT);
        assertThat(read).as("records the Java client reads").hasSize(RECORD_COUNT);
        for (int i = 0; i < RECORD_COUNT; i++) {
            ConsumerRecord<byte[], byte[]> record = read.get(i);
            assertThat(record.offset()).as("offset").isEqualTo(i);
            assertThat(SampleRecord.text(record.key())).as("key").isEqualTo("key-" + i);
            assertThat(SampleRecord.text(record.value())).as("value").isEqualTo("value " + i + " from kcat");
            assertThat(SampleRecord.headerText(record.headers())).as("headers")
                    .containsExactly("origin=kcat", "codec=" + codec.configName());
            assertThat(record.timestamp()).as("timestamp kcat set").isBetween(beforeMs - 1000, afterMs + 1000);
        }
    }

    @Test
    void kcatReadsWhatTheJavaClientProduced() {
        String bootstrap = nodes.bootstrap();
        String topic = "java-to-kcat-" + UUID.randomUUID();
        Clients.createTopic(bootstrap, topic, 1);
        List<SampleRecord> sent = SampleRecord.generate("java", RECORD_COUNT, System.currentTimeMillis() - 60_000);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            SampleRecord.produceAll(producer, topic, 0, sent);
        }

        List<String> lines = kcatConsume(bootstrap, topic);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            SampleRecord record = sent.get(i);
            // kcat prints a null key as nothing, and headers as k=v joined by commas.
            expected.add(i + "\t" + (record.key() == null ? "" : record.key()) + "\t"
                    + String.join(",", SampleRecord.headerText(record.headers())) + "\t" + record.timestampMs()
                    + "\t" + record.value());
        }
        assertThat(lines).as("what kcat reads of the Java client's records").containsExactlyElementsOf(expected);
    }

    private static List<String> kcatConsume(String bootstrap, String topic) {
        return kcat("", "-C", "-b", bootstrap, "-t", topic, "-p", "0", "-o", "beginning", "-e", "-f", FORMAT)
                .stdoutLines();
    }

    private static CommandRunner.Result kcat(String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(kcat.toString());
        command.addAll(List.of(args));
        return CommandRunner.run(command, Path.of(System.getProperty("java.io.tmpdir")),
                stdin.getBytes(StandardCharsets.UTF_8), KCAT_TIMEOUT).requireSuccess();
    }
}
