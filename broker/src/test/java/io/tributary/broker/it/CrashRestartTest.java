package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * After a crash (no clean shutdown: the metadata log is replayed batch by batch, the partition logs
 * recovered) the node serves everything it acknowledged and has nothing to warn about.
 */
class CrashRestartTest {

    @TempDir
    Path dir;

    @Test
    void aCrashedNodeRecoversWithoutWarnings() throws Exception {
        // Two recovery threads, so the two partitions are recovered in parallel.
        try (TestBroker b = new TestBroker(dir, Map.of("num.recovery.threads.per.data.dir", "2"))) {
            try (Admin admin = b.admin()) {
                admin.createTopics(List.of(new NewTopic("kept", 2, (short) 1), new NewTopic("dropped", 1, (short) 1))).all().get();
                admin.deleteTopics(List.of("dropped")).all().get();
            }
            try (KafkaProducer<String, String> p = b.producer()) {
                for (int i = 0; i < 10; i++) {
                    p.send(new ProducerRecord<>("kept", i % 2, "k", "v" + i)).get();
                }
            }
            b.broker.halt();

            Logger root = (Logger) LoggerFactory.getLogger("io.tributary");
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.start();
            root.addAppender(captured);
            try {
                b.start();
            } finally {
                root.detachAppender(captured);
            }
            assertThat(captured.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("dropped-0"));
            try (Admin admin = b.admin()) {
                TopicPartition tp = new TopicPartition("kept", 0);
                assertThat(admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset()).isEqualTo(5L);
                assertThat(admin.listTopics().names().get()).containsExactly("kept");
            }
            try (KafkaProducer<String, String> p = b.producer()) {
                assertThat(p.send(new ProducerRecord<>("kept", 1, "k", "after")).get().offset()).isEqualTo(5L);
            }
        }
    }
}
