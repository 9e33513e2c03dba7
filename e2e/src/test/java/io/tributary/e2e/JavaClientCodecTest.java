package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.TributaryExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Java client, with its default producer settings (idempotent, acks=all), against one
 * node: each compression codec carries keys, headers and explicit timestamps there and back.
 * Runs against an external cluster too ({@code -Dtributary.e2e.bootstrap}).
 */
@ExtendWith(TributaryExtension.class)
class JavaClientCodecTest {
    private static final int RECORD_COUNT = 300;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static Nodes nodes;

    @BeforeAll
    static void shareOneNode(Nodes classNodes) {
        nodes = classNodes;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Codec.class)
    void defaultProducerAndAssignedConsumerRoundTripEveryField(Codec codec) {
        String bootstrap = nodes.bootstrap();
        String topic = "codec-" + codec.configName() + "-" + UUID.randomUUID();
        Clients.createTopic(bootstrap, topic, 1);
        List<SampleRecord> sent = SampleRecord.generate(codec.configName(), RECORD_COUNT,
                System.currentTimeMillis() - 60_000);

        List<RecordMetadata> acks;
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap, Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec.configName(),
                // A short linger makes multi-record batches, so the codec compresses something real.
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            acks = SampleRecord.produceAll(producer, topic, 0, sent);
        }

        assertThat(acks).extracting(RecordMetadata::offset)
                .as("offsets acknowledged to the producer")
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, RECORD_COUNT).boxed().toList());
        assertThat(acks).extracting(RecordMetadata::timestamp)
                .as("CreateTime timestamps acknowledged to the producer")
                .containsExactlyElementsOf(sent.stream().map(SampleRecord::timestampMs).toList());

        SampleRecord.assertReadBack(Clients.readToEnd(bootstrap, new TopicPartition(topic, 0), 0, READ_TIMEOUT),
                sent, 0);
    }
}
