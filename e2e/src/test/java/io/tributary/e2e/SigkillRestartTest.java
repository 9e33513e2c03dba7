package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records acknowledged by the broker survive a SIGKILL: produce with every codec, kill the node
 * before anything is consumed, restart it on the same directory, and read every record back with
 * its key, value, headers and timestamp, in order, exactly once. Then the recovered log takes new
 * appends at the next offsets.
 */
@ExtendWith(TributaryExtension.class)
class SigkillRestartTest {
    private static final int RECORD_COUNT = 200;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void everyAcknowledgedRecordOfEveryCodecSurvivesSigkillAndRestart(Nodes nodes) {
        TributaryNode node = nodes.start();
        long baseTimestampMs = System.currentTimeMillis() - 60_000;
        Map<Codec, List<SampleRecord>> sent = new LinkedHashMap<>();
        for (Codec codec : Codec.values()) {
            String topic = topic(codec);
            Clients.createTopic(node.bootstrap(), topic, 1);
            List<SampleRecord> records = SampleRecord.generate("kill-" + codec.configName(), RECORD_COUNT, baseTimestampMs);
            try (KafkaProducer<byte[], byte[]> producer = Clients.producer(node.bootstrap(), Map.of(
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, codec.configName(), ProducerConfig.LINGER_MS_CONFIG, 20))) {
                SampleRecord.produceAll(producer, topic, 0, records);
            }
            sent.put(codec, records);
        }
        long pidBefore = node.pid();

        node.kill();
        assertThat(node.exitCode()).as("exit code after SIGKILL").hasValue(137);
        node.restart();

        assertThat(node.pid()).as("the restarted node is a new process").isNotEqualTo(pidBefore);
        for (Codec codec : Codec.values()) {
            TopicPartition partition = new TopicPartition(topic(codec), 0);
            SampleRecord.assertReadBack(Clients.readToEnd(node.bootstrap(), partition, 0, READ_TIMEOUT),
                    sent.get(codec), 0);
        }

        // The recovered log still takes appends, at the offsets after the recovered ones.
        List<SampleRecord> more = SampleRecord.generate("after-restart", 50, System.currentTimeMillis());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(node.bootstrap(), Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, Codec.ZSTD.configName()))) {
            assertThat(SampleRecord.produceAll(producer, topic(Codec.ZSTD), 0, more).get(0).offset())
                    .as("first offset appended after recovery").isEqualTo(RECORD_COUNT);
        }
        List<SampleRecord> all = new ArrayList<>(sent.get(Codec.ZSTD));
        all.addAll(more);
        SampleRecord.assertReadBack(Clients.readToEnd(node.bootstrap(), new TopicPartition(topic(Codec.ZSTD), 0), 0,
                READ_TIMEOUT), all, 0);
    }

    /**
     * After a crash the restarted node reopens its partitions; it must not tell the operator that a
     * partition it is about to load (and then serves) is unknown and may be removed by hand. A SIGKILL
     * loses nothing the process wrote, so there is nothing about the partition worth a WARN or ERROR.
     */
    @Test
    void restartAfterSigkillDoesNotWarnAboutItsOwnPartitions(Nodes nodes) {
        TributaryNode node = nodes.start();
        String topic = "sigkill-warnings";
        Clients.createTopic(node.bootstrap(), topic, 1);
        List<SampleRecord> records = SampleRecord.generate("warnings", 20, System.currentTimeMillis());
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(node.bootstrap())) {
            SampleRecord.produceAll(producer, topic, 0, records);
        }

        node.kill();
        node.restart();

        SampleRecord.assertReadBack(Clients.readToEnd(node.bootstrap(), new TopicPartition(topic, 0), 0, READ_TIMEOUT),
                records, 0);
        Pattern partition = Pattern.compile("(?<![\\w-])" + Pattern.quote(topic + "-0") + "(?![\\w-])");
        assertThat(node.log().linesSinceLastLaunch())
                .as("WARN or ERROR lines of the restarted node about %s-0, which it loads and serves", topic)
                .filteredOn(line -> WARN_OR_ERROR.matcher(line).find() && partition.matcher(line).find())
                .isEmpty();
    }

    /** The level column of the broker's log pattern. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\S+ (WARN|ERROR) ");

    private static String topic(Codec codec) {
        return "sigkill-" + codec.configName();
    }
}
