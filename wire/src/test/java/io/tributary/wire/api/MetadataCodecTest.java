package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.metadata.MetadataRequest;
import io.tributary.wire.api.metadata.MetadataResponse;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.requests.MetadataRequest.Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataCodecTest {

    private static final Uuid KAFKA_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    private static final TopicId ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    private final MetadataCodec codec = new MetadataCodec();

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 4, 9, 12, 13})
    void allTopicsIsAFlagWhateverTheVersionCallsIt(short version) {
        // v0 says "all topics" with an empty list, later versions with a null one (as the Java client's builder does).
        MetadataRequestData all = version == 0 ? new MetadataRequestData().setTopics(List.of())
                : Builder.allTopics().build(version).data();
        MetadataRequest r = KafkaWire.decode(all, version);
        assertThat(r.allTopics()).isTrue();
        assertThat(r.topics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 4, 12})
    void anEmptyListFromV1MeansNoTopics(short version) {
        MetadataRequest r = KafkaWire.decode(new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(version < 4), version);
        assertThat(r.allTopics()).isFalse();
        assertThat(r.topics()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 3, 4, 8, 13})
    void readsNamedTopicsAndAutoCreation(short version) {
        MetadataRequestData d = new MetadataRequestData().setAllowAutoTopicCreation(version < 4)
                .setIncludeTopicAuthorizedOperations(version >= 8);
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("orders"));
        MetadataRequest r = KafkaWire.decode(d, version);
        assertThat(r.topics()).containsExactly(TopicRef.byName("orders"));
        // Before v4 auto-creation was implied by the request itself; from v4 this client turned it off.
        assertThat(r.allowAutoTopicCreation()).isEqualTo(version < 4);
        assertThat(r.includeTopicAuthorizedOperations()).isEqualTo(version >= 8);
    }

    @Test
    void readsTopicIdsFromV10() {
        MetadataRequestData d = new MetadataRequestData();
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setTopicId(KAFKA_ID).setName(null));
        MetadataRequest r = KafkaWire.decode(d, (short) 12);
        assertThat(r.topics()).containsExactly(new TopicRef(null, ID));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 5, 7, 8, 9, 10, 11, 12, 13})
    void encodesResponsesThatKafkaClientsParse(short version) {
        MetadataResponse response = new MetadataResponse(5,
                List.of(new MetadataResponse.Broker(1, "broker-1", 9092, "rack-a"), new MetadataResponse.Broker(2, "broker-2", 9092, null)),
                "cluster-xyz", 1,
                List.of(new MetadataResponse.Topic(ErrorCode.NONE, "orders", ID, false, List.of(
                                new MetadataResponse.Partition(ErrorCode.NONE, 0, 1, 7, List.of(1, 2), List.of(1, 2), List.of()),
                                new MetadataResponse.Partition(ErrorCode.LEADER_NOT_AVAILABLE, 1, -1, 8, List.of(2, 1), List.of(), List.of(2))),
                                0b1111_1000),
                        new MetadataResponse.Topic(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "missing", TopicId.ZERO, false, List.of(),
                                MetadataResponse.OPERATIONS_OMITTED)),
                0b1000, ErrorCode.NONE);

        ResponseFrame frame = codec.encode(KafkaWire.header(MetadataCodec.API_KEY, version), response);
        MetadataResponseData d = KafkaWire.parse(frame, version, new MetadataResponseData());

        assertThat(d.brokers()).hasSize(2);
        assertThat(d.brokers().find(1).host()).isEqualTo("broker-1");
        assertThat(d.brokers().find(1).rack()).isEqualTo(version >= 1 ? "rack-a" : null);
        assertThat(d.clusterId()).isEqualTo(version >= 2 ? "cluster-xyz" : null);
        assertThat(d.controllerId()).isEqualTo(version >= 1 ? 1 : -1);
        MetadataResponseData.MetadataResponseTopic orders = d.topics().find("orders");
        assertThat(orders.topicId()).isEqualTo(version >= 10 ? KAFKA_ID : Uuid.ZERO_UUID);
        MetadataResponseData.MetadataResponsePartition p0 = orders.partitions().get(0);
        assertThat(p0.leaderId()).isEqualTo(1);
        assertThat(p0.leaderEpoch()).isEqualTo(version >= 7 ? 7 : -1);
        assertThat(p0.replicaNodes()).containsExactly(1, 2);
        assertThat(p0.isrNodes()).containsExactly(1, 2);
        MetadataResponseData.MetadataResponsePartition p1 = orders.partitions().get(1);
        assertThat(p1.errorCode()).isEqualTo(ErrorCode.LEADER_NOT_AVAILABLE.code());
        assertThat(p1.offlineReplicas()).isEqualTo(version >= 5 ? List.of(2) : List.of());
        assertThat(d.topics().find("missing").errorCode()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
        if (version >= 8) {
            assertThat(orders.topicAuthorizedOperations()).isEqualTo(0b1111_1000);
        }
        assertThat(d.clusterAuthorizedOperations()).isEqualTo(version >= 8 && version <= 10 ? 0b1000 : Integer.MIN_VALUE);
    }

    @Test
    void errorResponseAnswersEveryRequestedTopic() {
        MetadataRequestData d = new MetadataRequestData();
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("a"));
        d.topics().add(new MetadataRequestData.MetadataRequestTopic().setName("b"));
        MetadataRequest r = KafkaWire.decode(d, (short) 9);
        MetadataResponse e = codec.errorResponse(KafkaWire.header(MetadataCodec.API_KEY, (short) 9), r, ErrorCode.UNKNOWN_SERVER_ERROR);
        assertThat(e.topics()).extracting(MetadataResponse.Topic::name).containsExactly("a", "b");
        assertThat(e.topics()).allSatisfy(t -> assertThat(t.error()).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR));
        MetadataResponseData parsed = KafkaWire.parse(codec.encode(KafkaWire.header(MetadataCodec.API_KEY, (short) 9), e),
                (short) 9, new MetadataResponseData());
        assertThat(parsed.topics()).hasSize(2);
    }
}
