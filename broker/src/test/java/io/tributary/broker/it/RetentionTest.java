package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ProduceResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention by time and by size deletes whole segments and moves the log start offset clients see. */
class RetentionTest {

    @TempDir
    Path dir;

    private static final int SEGMENT_BYTES = 1024 * 1024;

    private static String bigValue() {
        char[] c = new char[400 * 1024];
        Arrays.fill(c, 'x');
        return new String(c);
    }

    /** Writes {@code batches} batches of ~400 KiB, each with {@code timestampMs}; segments of 1 MiB hold two each. */
    private static void fill(TestBroker b, String topic, int batches, long timestampMs) throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            for (int i = 0; i < batches; i++) {
                ProduceResponse r = c.call(RawKafkaClient.produce(topic, 0, (short) -1, RawKafkaClient.plain(timestampMs, bigValue())));
                assertThat(r.data().responses().iterator().next().partitionResponses().get(0).errorCode()).isEqualTo(Errors.NONE.code());
            }
        }
    }

    private static long earliest(Admin admin, String topic) throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        return admin.listOffsets(Map.of(tp, OffsetSpec.earliest())).partitionResult(tp).get().offset();
    }

    @Test
    void retentionByTimeDeletesOldSegments() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("log.retention.check.interval.ms", "100")); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("old", 1, (short) 1).configs(Map.of("segment.bytes", Integer.toString(SEGMENT_BYTES)))))
                    .all().get();
            long twoDaysAgo = System.currentTimeMillis() - Duration.ofDays(2).toMillis();
            fill(b, "old", 6, twoDaysAgo);
            fill(b, "old", 1, System.currentTimeMillis());
            assertThat(earliest(admin, "old")).isZero();
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "old");
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry("retention.ms",
                    Long.toString(Duration.ofDays(1).toMillis())), AlterConfigOp.OpType.SET)))).all().get();
            await().atMost(Duration.ofSeconds(20)).until(() -> earliest(admin, "old") >= 6);
            TopicPartition tp = new TopicPartition("old", 0);
            assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset()).isEqualTo(7L);
        }
    }

    @Test
    void retentionBySizeKeepsTheNewestSegments() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("log.retention.check.interval.ms", "100")); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("big", 1, (short) 1).configs(Map.of(
                    "segment.bytes", Integer.toString(SEGMENT_BYTES), "retention.bytes", Integer.toString(SEGMENT_BYTES)))))
                    .all().get();
            fill(b, "big", 8, System.currentTimeMillis());
            await().atMost(Duration.ofSeconds(20)).until(() -> earliest(admin, "big") > 0);
            var log = b.broker.replicaManager().partition(new io.tributary.common.TopicPartition("big", 0)).log();
            await().atMost(Duration.ofSeconds(20)).until(() -> log.sizeInBytes() <= 2L * SEGMENT_BYTES);
            assertThat(earliest(admin, "big")).isEqualTo(log.logStartOffset());
        }
    }
}
