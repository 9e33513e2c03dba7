package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.GroupSampleRequests;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.offsetcommit.OffsetCommitCodec;
import io.tributary.wire.api.offsetcommit.OffsetCommitRequest;
import io.tributary.wire.api.offsetcommit.OffsetCommitResponse;
import io.tributary.wire.api.offsetdelete.OffsetDeleteCodec;
import io.tributary.wire.api.offsetdelete.OffsetDeleteRequest;
import io.tributary.wire.api.offsetdelete.OffsetDeleteResponse;
import io.tributary.wire.api.offsetfetch.OffsetFetchCodec;
import io.tributary.wire.api.offsetfetch.OffsetFetchRequest;
import io.tributary.wire.api.offsetfetch.OffsetFetchResponse;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OffsetCommit, OffsetFetch and OffsetDelete at every version kafka-clients 4.3.1 has. */
class GroupOffsetCodecsTest {

    private static final Uuid KAFKA_ID = GroupSampleRequests.ORDERS_ID;
    private static final TopicId ORDERS_ID = new TopicId(KAFKA_ID.getMostSignificantBits(), KAFKA_ID.getLeastSignificantBits());

    /** The topic as a request at {@code version} names it, and as the response must name it back. */
    private static TopicRef orders(short version, short topicIdVersion) {
        return version >= topicIdVersion ? new TopicRef(null, ORDERS_ID) : TopicRef.byName("orders");
    }

    @Test
    void versionsAreExactlyThoseOfThePinnedClient() {
        assertThat(OffsetCommitCodec.INSTANCE.minVersion()).isEqualTo(ApiKeys.OFFSET_COMMIT.oldestVersion());
        assertThat(OffsetCommitCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.OFFSET_COMMIT.latestVersion());
        assertThat(OffsetFetchCodec.INSTANCE.minVersion()).isEqualTo(ApiKeys.OFFSET_FETCH.oldestVersion());
        assertThat(OffsetFetchCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.OFFSET_FETCH.latestVersion());
        assertThat(OffsetDeleteCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.OFFSET_DELETE.latestVersion());
        assertThat(List.of(OffsetCommitCodec.INSTANCE.apiKey(), OffsetFetchCodec.INSTANCE.apiKey(), OffsetDeleteCodec.INSTANCE.apiKey()))
                .containsExactly(ApiKeys.OFFSET_COMMIT.id, ApiKeys.OFFSET_FETCH.id, ApiKeys.OFFSET_DELETE.id);
    }

    @ParameterizedTest
    @ValueSource(shorts = {2, 3, 4, 5, 6, 7, 8, 9, 10})
    void offsetCommitRoundTrip(short version) {
        OffsetCommitRequest r = KafkaWire.decode(GroupSampleRequests.offsetCommit(version), version);
        TopicRef orders = orders(version, OffsetCommitCodec.TOPIC_ID_VERSION);
        assertThat(r).isEqualTo(new OffsetCommitRequest("payments", 7, "m-1", version >= 7 ? "instance-1" : null,
                version <= 4 ? 86_400_000L : -1L, List.of(new OffsetCommitRequest.Topic(orders, List.of(
                        new OffsetCommitRequest.Partition(0, 42L, version >= 6 ? 3 : -1, "m"),
                        new OffsetCommitRequest.Partition(2, 7L, -1, null))))));

        RequestHeader header = KafkaWire.header(OffsetCommitCodec.API_KEY, version);
        OffsetCommitResponse response = new OffsetCommitResponse(5, List.of(new OffsetCommitResponse.Topic(orders, List.of(
                new OffsetCommitResponse.Partition(0, ErrorCode.NONE), new OffsetCommitResponse.Partition(2, ErrorCode.OFFSET_METADATA_TOO_LARGE)))));
        OffsetCommitResponseData d = KafkaWire.parse(OffsetCommitCodec.INSTANCE.encode(header, response), version, new OffsetCommitResponseData());
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 3 ? 5 : 0);
        assertThat(d.topics().get(0).name()).isEqualTo(version >= 10 ? "" : "orders");
        assertThat(d.topics().get(0).topicId()).isEqualTo(version >= 10 ? KAFKA_ID : Uuid.ZERO_UUID);
        assertThat(d.topics().get(0).partitions().get(1).errorCode()).isEqualTo(ErrorCode.OFFSET_METADATA_TOO_LARGE.code());

        OffsetCommitResponse failed = OffsetCommitCodec.INSTANCE.errorResponse(header, r, ErrorCode.NOT_COORDINATOR);
        assertThat(failed.topics().get(0).topic()).isEqualTo(orders);
        assertThat(failed.topics().get(0).partitions()).containsExactly(new OffsetCommitResponse.Partition(0, ErrorCode.NOT_COORDINATOR),
                new OffsetCommitResponse.Partition(2, ErrorCode.NOT_COORDINATOR));
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void offsetFetchReadsOneGroupBeforeV8AndManyFrom(short version) {
        OffsetFetchRequest r = KafkaWire.decode(GroupSampleRequests.offsetFetch(version), version);
        assertThat(r.requireStable()).isEqualTo(version >= 7);
        OffsetFetchRequest.Group payments = new OffsetFetchRequest.Group("payments", version >= 9 ? "m-1" : null, version >= 9 ? 5 : -1,
                List.of(new OffsetFetchRequest.Topic(orders(version, OffsetFetchCodec.TOPIC_ID_VERSION), List.of(0, 2))));
        if (version >= 8) {
            assertThat(r.groups()).containsExactly(payments, new OffsetFetchRequest.Group("orders", null, -1, null));
            assertThat(r.groups().get(1).allTopics()).isTrue();
        } else {
            assertThat(r.groups()).containsExactly(payments);
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 3, 4, 5, 6, 7})
    void offsetFetchWritesOneGroupAsTopLevelFieldsBeforeV8(short version) {
        RequestHeader header = KafkaWire.header(OffsetFetchCodec.API_KEY, version);
        OffsetFetchResponse response = new OffsetFetchResponse(3, List.of(new OffsetFetchResponse.Group("payments", ErrorCode.NONE, List.of(
                new OffsetFetchResponse.Topic(TopicRef.byName("orders"), List.of(
                        new OffsetFetchResponse.Partition(0, 42L, 3, "m", ErrorCode.NONE),
                        OffsetFetchResponse.Partition.none(2, ErrorCode.NONE)))))));
        OffsetFetchResponseData d = KafkaWire.parse(OffsetFetchCodec.INSTANCE.encode(header, response), version, new OffsetFetchResponseData());
        OffsetFetchResponseData.OffsetFetchResponsePartition p0 = d.topics().get(0).partitions().get(0);
        assertThat(d.topics().get(0).name()).isEqualTo("orders");
        assertThat(p0.committedOffset()).isEqualTo(42L);
        assertThat(p0.committedLeaderEpoch()).isEqualTo(version >= 5 ? 3 : -1);
        assertThat(p0.metadata()).isEqualTo("m");
        assertThat(d.topics().get(0).partitions().get(1).committedOffset()).isEqualTo(-1L);
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 3 ? 3 : 0);

        OffsetFetchRequest request = KafkaWire.decode(GroupSampleRequests.offsetFetch(version), version);
        OffsetFetchResponseData failed = KafkaWire.parse(OffsetFetchCodec.INSTANCE.encode(header,
                OffsetFetchCodec.INSTANCE.errorResponse(header, request, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS)), version,
                new OffsetFetchResponseData());
        assertThat(failed.errorCode()).as("top-level error, v2+").isEqualTo(version >= 2 ? ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code() : 0);
        assertThat(failed.topics().get(0).partitions()).extracting(OffsetFetchResponseData.OffsetFetchResponsePartition::errorCode)
                .containsOnly(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS.code());
    }

    @Test
    void offsetFetchV1CarriesTheGroupErrorOnPartitionsWithoutOne() {
        OffsetFetchResponse response = new OffsetFetchResponse(0, List.of(new OffsetFetchResponse.Group("payments", ErrorCode.NOT_COORDINATOR,
                List.of(new OffsetFetchResponse.Topic(TopicRef.byName("orders"), List.of(OffsetFetchResponse.Partition.none(0, ErrorCode.NONE),
                        OffsetFetchResponse.Partition.none(1, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)))))));
        OffsetFetchResponseData d = KafkaWire.parse(OffsetFetchCodec.INSTANCE.encode(KafkaWire.header(OffsetFetchCodec.API_KEY, (short) 1),
                response), (short) 1, new OffsetFetchResponseData());
        assertThat(d.topics().get(0).partitions()).extracting(OffsetFetchResponseData.OffsetFetchResponsePartition::errorCode)
                .containsExactly(ErrorCode.NOT_COORDINATOR.code(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @ParameterizedTest
    @ValueSource(shorts = {8, 9, 10})
    void offsetFetchWritesEveryGroupFromV8(short version) {
        RequestHeader header = KafkaWire.header(OffsetFetchCodec.API_KEY, version);
        TopicRef orders = orders(version, OffsetFetchCodec.TOPIC_ID_VERSION);
        OffsetFetchResponse response = new OffsetFetchResponse(0, List.of(
                new OffsetFetchResponse.Group("payments", ErrorCode.NONE, List.of(new OffsetFetchResponse.Topic(orders,
                        List.of(new OffsetFetchResponse.Partition(0, 42L, 3, null, ErrorCode.NONE))))),
                new OffsetFetchResponse.Group("orders", ErrorCode.GROUP_ID_NOT_FOUND, List.of())));
        OffsetFetchResponseData d = KafkaWire.parse(OffsetFetchCodec.INSTANCE.encode(header, response), version, new OffsetFetchResponseData());
        assertThat(d.groups()).extracting(OffsetFetchResponseData.OffsetFetchResponseGroup::groupId).containsExactly("payments", "orders");
        OffsetFetchResponseData.OffsetFetchResponseTopics t = d.groups().get(0).topics().get(0);
        assertThat(t.name()).isEqualTo(version >= 10 ? "" : "orders");
        assertThat(t.topicId()).isEqualTo(version >= 10 ? KAFKA_ID : Uuid.ZERO_UUID);
        assertThat(t.partitions().get(0).committedOffset()).isEqualTo(42L);
        assertThat(t.partitions().get(0).committedLeaderEpoch()).isEqualTo(3);
        assertThat(t.partitions().get(0).metadata()).isNull();
        assertThat(d.groups().get(1).errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());

        OffsetFetchRequest request = KafkaWire.decode(GroupSampleRequests.offsetFetch(version), version);
        OffsetFetchResponse failed = OffsetFetchCodec.INSTANCE.errorResponse(header, request, ErrorCode.NOT_COORDINATOR);
        assertThat(failed.groups()).extracting(OffsetFetchResponse.Group::groupId).containsExactly("payments", "orders");
        assertThat(failed.groups()).allSatisfy(g -> assertThat(g.error()).isEqualTo(ErrorCode.NOT_COORDINATOR));
        assertThat(failed.groups().get(1).topics()).as("a request for every topic names none").isEmpty();
    }

    @Test
    void offsetDeleteRoundTrip() {
        short v0 = 0;
        OffsetDeleteRequest r = KafkaWire.decode(GroupSampleRequests.offsetDelete(), v0);
        assertThat(r).isEqualTo(new OffsetDeleteRequest("payments", List.of(new OffsetDeleteRequest.Topic("orders", List.of(0, 2)))));
        RequestHeader header = KafkaWire.header(OffsetDeleteCodec.API_KEY, v0);
        OffsetDeleteResponseData d = KafkaWire.parse(OffsetDeleteCodec.INSTANCE.encode(header, new OffsetDeleteResponse(ErrorCode.NONE, 1,
                List.of(new OffsetDeleteResponse.Topic("orders", List.of(new OffsetDeleteResponse.Partition(0, ErrorCode.NONE),
                        new OffsetDeleteResponse.Partition(2, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)))))), v0, new OffsetDeleteResponseData());
        assertThat(d.throttleTimeMs()).isEqualTo(1);
        assertThat(d.topics().find("orders").partitions().find(2).errorCode()).isEqualTo(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC.code());
        OffsetDeleteResponse failed = OffsetDeleteCodec.INSTANCE.errorResponse(header, r, ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(failed).isEqualTo(new OffsetDeleteResponse(ErrorCode.GROUP_ID_NOT_FOUND, 0, List.of()));
    }
}
