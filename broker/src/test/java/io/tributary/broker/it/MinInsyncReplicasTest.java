package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code min.insync.replicas} on a live topic, as Kafka 4.1+ applies it (KIP-966, strict min ISR): with
 * fewer replicas in sync than it asks for, acks=all is refused with NOT_ENOUGH_REPLICAS before anything is
 * written, acks=1 is written but the high watermark stays put (consumers do not see it), and lowering
 * the setting again releases the high watermark to the log end, all without restarting the partition.
 */
class MinInsyncReplicasTest {

    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;
    TestBroker b;
    Admin admin;

    @BeforeEach
    void start() throws Exception {
        b = TestBroker.withTopic(dir, "t");
        admin = b.admin();
    }

    @AfterEach
    void stop() {
        admin.close();
        b.close();
    }

    private void setMinInsync(int n) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "t");
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                new ConfigEntry("min.insync.replicas", String.valueOf(n)), AlterConfigOp.OpType.SET)))).all().get();
    }

    private long highWatermark() throws Exception {
        return admin.listOffsets(Map.of(TP, OffsetSpec.latest())).partitionResult(TP).get().offset();
    }

    private static ProduceResponse produce(RawKafkaClient c, short acks, String value) throws Exception {
        return c.call(RawKafkaClient.produce("t", 0, acks, RawKafkaClient.plain(System.currentTimeMillis(), value)));
    }

    @Test
    void aTopicWithFewerReplicasInSyncThanItAsksForRefusesAcksAllAndHoldsItsHighWatermark() throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            assertThat(ProduceLifetimeTest.only(produce(c, (short) -1, "before")).baseOffset()).isZero();
            assertThat(highWatermark()).isEqualTo(1);

            setMinInsync(2);
            // The config reaches the partition through the metadata image; acks=all says when it has.
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Errors.forCode(ProduceLifetimeTest.only(produce(c, (short) -1, "refused")).errorCode()) == Errors.NOT_ENOUGH_REPLICAS);
            var written = ProduceLifetimeTest.only(produce(c, (short) 1, "acks-1"));
            assertThat(Errors.forCode(written.errorCode())).isEqualTo(Errors.NONE);
            assertThat(written.baseOffset()).as("refused acks=all writes wrote nothing").isEqualTo(1);
            assertThat(highWatermark()).as("held below the acks=1 record while the ISR is under min.insync.replicas").isEqualTo(1);
            assertThat(ProduceLifetimeTest.readAll(b.bootstrap(), "t")).as("what a consumer sees")
                    .containsOnlyKeys(0L);

            setMinInsync(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> highWatermark() == 2);
            assertThat(ProduceLifetimeTest.readAll(b.bootstrap(), "t")).containsOnlyKeys(0L, 1L).containsEntry(1L, "acks-1");
            assertThat(ProduceLifetimeTest.only(produce(c, (short) -1, "after")).baseOffset()).isEqualTo(2);
        }
    }
}
