package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.SampleRequests;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsCodec;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest.Cursor;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsResponse;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest.Builder;
import org.junit.jupiter.api.Test;

class DescribeTopicPartitionsCodecTest {

    private static final short V0 = 0;
    private static final Uuid KAFKA_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    private static final TopicId ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    private final DescribeTopicPartitionsCodec codec = DescribeTopicPartitionsCodec.INSTANCE;

    @Test
    void versionsAreExactlyThoseOfThePinnedClient() {
        assertThat(codec.minVersion()).isEqualTo(ApiKeys.DESCRIBE_TOPIC_PARTITIONS.oldestVersion());
        assertThat(codec.maxVersion()).isEqualTo(ApiKeys.DESCRIBE_TOPIC_PARTITIONS.latestVersion());
        assertThat(codec.apiKey()).isEqualTo(ApiKeys.DESCRIBE_TOPIC_PARTITIONS.id);
    }

    @Test
    void readsTopicsLimitAndCursor() {
        DescribeTopicPartitionsRequest r = KafkaWire.decode(SampleRequests.describeTopicPartitions(), V0);
        assertThat(r).isEqualTo(new DescribeTopicPartitionsRequest(List.of("orders", "payments"), 100, new Cursor("payments", 7)));
    }

    @Test
    void theJavaClientsDefaultRequestAsksForEveryTopicFromTheStartWithLimit2000() {
        DescribeTopicPartitionsRequest r = KafkaWire.decode(new Builder(List.of()).build(V0).data(), V0);
        assertThat(r).isEqualTo(new DescribeTopicPartitionsRequest(List.of(), 2000, null));
    }

    @Test
    void writesPartitionsWithTheirEligibleLeaderReplicasAndTheNextCursor() {
        DescribeTopicPartitionsResponse response = new DescribeTopicPartitionsResponse(0, List.of(
                new DescribeTopicPartitionsResponse.Topic(ErrorCode.NONE, "orders", ID, false, List.of(
                        new DescribeTopicPartitionsResponse.Partition(ErrorCode.NONE, 0, 1, 4, List.of(1, 2, 3), List.of(1),
                                List.of(2), List.of(), List.of(3)),
                        new DescribeTopicPartitionsResponse.Partition(ErrorCode.LEADER_NOT_AVAILABLE, 1, -1, 6, List.of(1, 2, 3),
                                List.of(), List.of(), List.of(2), List.of(1, 2, 3))), 0b1010),
                new DescribeTopicPartitionsResponse.Topic(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "payments", null, false, List.of(),
                        DescribeTopicPartitionsResponse.OPERATIONS_OMITTED)),
                new Cursor("zebra", 0));
        DescribeTopicPartitionsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DescribeTopicPartitionsCodec.API_KEY, V0),
                response), V0, new DescribeTopicPartitionsResponseData());

        assertThat(out.topics()).extracting(DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic::name)
                .containsExactly("orders", "payments");
        DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic orders = out.topics().find("orders");
        assertThat(orders.topicId()).isEqualTo(KAFKA_ID);
        assertThat(orders.topicAuthorizedOperations()).isEqualTo(0b1010);
        DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition p0 = orders.partitions().get(0);
        assertThat(p0.leaderId()).isEqualTo(1);
        assertThat(p0.leaderEpoch()).isEqualTo(4);
        assertThat(p0.isrNodes()).containsExactly(1);
        assertThat(p0.eligibleLeaderReplicas()).containsExactly(2);
        assertThat(p0.lastKnownElr()).isEmpty();
        assertThat(p0.offlineReplicas()).containsExactly(3);
        DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition p1 = orders.partitions().get(1);
        assertThat(p1.errorCode()).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE.code());
        assertThat(p1.eligibleLeaderReplicas()).isEmpty();
        assertThat(p1.lastKnownElr()).containsExactly(2);
        DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic payments = out.topics().find("payments");
        assertThat(payments.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        assertThat(payments.topicId()).isEqualTo(Uuid.ZERO_UUID);
        assertThat(out.nextCursor().topicName()).isEqualTo("zebra");
        assertThat(out.nextCursor().partitionIndex()).isZero();
    }

    @Test
    void aResponseThatReachesTheEndHasANullCursor() {
        DescribeTopicPartitionsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DescribeTopicPartitionsCodec.API_KEY, V0),
                new DescribeTopicPartitionsResponse(0, List.of(), null)), V0, new DescribeTopicPartitionsResponseData());
        assertThat(out.nextCursor()).isNull();
    }

    @Test
    void anErrorResponseNamesEveryRequestedTopic() {
        DescribeTopicPartitionsRequest r = new DescribeTopicPartitionsRequest(List.of("a", "b"), 10, null);
        DescribeTopicPartitionsResponse e = codec.errorResponse(KafkaWire.header(DescribeTopicPartitionsCodec.API_KEY, V0), r,
                ErrorCode.INVALID_REQUEST);
        DescribeTopicPartitionsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DescribeTopicPartitionsCodec.API_KEY, V0), e),
                V0, new DescribeTopicPartitionsResponseData());
        assertThat(out.topics()).extracting(DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic::errorCode)
                .containsExactly(ErrorCode.INVALID_REQUEST.code(), ErrorCode.INVALID_REQUEST.code());
    }

    @Test
    void aRequestWithoutTopicsDecodesAsAllTopics() {
        DescribeTopicPartitionsRequest r = KafkaWire.decode(new DescribeTopicPartitionsRequestData().setResponsePartitionLimit(1), V0);
        assertThat(r.topics()).isEmpty();
        assertThat(r.responsePartitionLimit()).isEqualTo(1);
    }
}
