package io.tributary.broker.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FindCoordinator on one node, with the Java client's own request classes and its transactional
 * producer: the first group lookup creates {@code __consumer_offsets} (even with topic auto-creation
 * off, as in Kafka) and names this broker; a transactional id is refused with an error the producer
 * treats as fatal, so it fails at once instead of retrying until {@code max.block.ms}.
 */
class FindCoordinatorTest {

    @TempDir
    Path dir;

    @Test
    void theFirstGroupLookupCreatesConsumerOffsetsAndNamesThisBroker() throws Exception {
        try (TestBroker b = new TestBroker(dir, Map.of("offsets.topic.num.partitions", "4", "auto.create.topics.enable", "false"));
             RawKafkaClient c = new RawKafkaClient(b.bootstrap());
             Admin admin = b.admin()) {
            FindCoordinatorResponse batched = c.call(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id()).setCoordinatorKeys(List.of("g1", "g2", "g3")))
                    .build((short) 6));
            String port = b.bootstrap().substring(b.bootstrap().lastIndexOf(':') + 1);
            assertThat(batched.data().coordinators()).extracting(FindCoordinatorResponseData.Coordinator::key).containsExactly("g1", "g2", "g3");
            assertThat(batched.data().coordinators()).allSatisfy(co -> {
                assertThat(Errors.forCode(co.errorCode())).isEqualTo(Errors.NONE);
                assertThat(co.nodeId()).isEqualTo(1);
                assertThat(String.valueOf(co.port())).isEqualTo(port);
            });
            assertThat(admin.describeTopics(List.of("__consumer_offsets")).allTopicNames().get().get("__consumer_offsets").partitions())
                    .hasSize(4);

            FindCoordinatorResponse single = c.call(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData().setKey("g1"))
                    .build((short) 0));
            assertThat(single.data().errorCode()).isZero();
            assertThat(single.data().nodeId()).isEqualTo(1);
        }
    }

    @Test
    void aTransactionalProducerFailsAtOnceWithAnAuthorizationError() throws Exception {
        try (TestBroker b = new TestBroker(dir);
             KafkaProducer<String, String> producer = b.producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "txn-1",
                     ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000"))) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }
}
