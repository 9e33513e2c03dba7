package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As in Kafka, a Metadata request that allows auto-creation creates {@code __consumer_offsets} with its
 * own settings ({@code offsets.topic.num.partitions}, {@code offsets.topic.replication.factor} capped at
 * the live brokers) and flags it internal; {@code auto.create.topics.enable=false} turns that
 * off as it does for every topic, and {@code __transaction_state} is never created this way.
 */
class ConsumerOffsetsCreationTest {

    @TempDir
    Path dir;

    private static MetadataResponseData.MetadataResponseTopic ask(TestBroker b, String topic) throws Exception {
        try (RawKafkaClient c = new RawKafkaClient(b.bootstrap())) {
            MetadataResponse r = c.call(new MetadataRequest.Builder(List.of(topic), true).build((short) 12));
            return r.data().topics().find(topic);
        }
    }

    @Test
    void aMetadataRequestCreatesConsumerOffsetsWithItsOwnSettingsCappedAtTheLiveBrokers() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("offsets.topic.num.partitions", "4"));
             Admin admin = b.admin()) {
            MetadataResponseData.MetadataResponseTopic t = ask(b, "__consumer_offsets");
            assertThat(Errors.forCode(t.errorCode())).isEqualTo(Errors.NONE);
            assertThat(t.isInternal()).isTrue();
            assertThat(t.partitions()).hasSize(4).allSatisfy(p -> {
                assertThat(p.replicaNodes()).as("offsets.topic.replication.factor 3, capped at the one live broker").hasSize(1);
                assertThat(p.leaderId()).isEqualTo(1);
            });
            assertThat(admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get().get("__consumer_offsets").isInternal())
                    .as("the admin client sees it flagged internal").isTrue();

            MetadataResponseData.MetadataResponseTopic txn = ask(b, "__transaction_state");
            assertThat(Errors.forCode(txn.errorCode())).as("no transaction coordinator creates it").isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }

    @Test
    void withAutoCreationOffConsumerOffsetsIsNotCreated() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("auto.create.topics.enable", "false"))) {
            MetadataResponseData.MetadataResponseTopic t = ask(b, "__consumer_offsets");
            assertThat(Errors.forCode(t.errorCode())).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
    }
}
