package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListOffsets: earliest, latest, by timestamp and max timestamp, through the Admin client. */
class ListOffsetsTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfOffsetQuery() throws Exception {
        try (TestBroker b = new TestBroker(dir); Admin admin = b.admin()) {
            admin.createTopics(List.of(new NewTopic("ts", 1, (short) 1))).all().get();
            long base = 1_700_000_000_000L;
            try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
                for (long ts : new long[] {base + 1000, base + 5000, base + 3000}) {
                    c.call(RawKafkaClient.produce("ts", 0, (short) -1, RawKafkaClient.plain(ts, "at " + ts)));
                }
            }
            TopicPartition tp = new TopicPartition("ts", 0);
            assertThat(query(admin, tp, OffsetSpec.earliest()).offset()).isZero();
            assertThat(query(admin, tp, OffsetSpec.latest()).offset()).isEqualTo(3L);
            ListOffsetsResult.ListOffsetsResultInfo byTime = query(admin, tp, OffsetSpec.forTimestamp(base + 2000));
            assertThat(byTime.offset()).isEqualTo(1L);
            assertThat(byTime.timestamp()).isEqualTo(base + 5000);
            ListOffsetsResult.ListOffsetsResultInfo max = query(admin, tp, OffsetSpec.maxTimestamp());
            assertThat(max.offset()).isEqualTo(1L);
            assertThat(max.timestamp()).isEqualTo(base + 5000);
            assertThat(query(admin, tp, OffsetSpec.forTimestamp(base + 9000)).offset()).isEqualTo(-1L);
        }
    }

    private static ListOffsetsResult.ListOffsetsResultInfo query(Admin admin, TopicPartition tp, OffsetSpec spec) throws Exception {
        return admin.listOffsets(Map.of(tp, spec)).partitionResult(tp).get();
    }
}
