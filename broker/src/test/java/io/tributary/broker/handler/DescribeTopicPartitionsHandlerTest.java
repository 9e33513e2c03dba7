package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.image.ImageSteps;
import io.tributary.broker.network.ConnectionInfo;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsCodec;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest.Cursor;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsResponse;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsResponse.Partition;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsResponse.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DescribeTopicPartitions over an image of three brokers (3 fenced) and the topics "alpha" (1 partition),
 * "orders" (3: one with an ELR, one leaderless with only a last known ELR, one whose leader has no
 * endpoint on the request's listener), "zeta" (2) and {@code __consumer_offsets} (1).
 */
class DescribeTopicPartitionsHandlerTest {

    private static final String LISTENER = "PLAINTEXT";
    private static final TopicId ORDERS = new TopicId(2, 2);

    private final MetadataImage image = image(
            new ClusterIdRecord("test-cluster"),
            broker(1, false, LISTENER), broker(2, false, LISTENER), broker(3, true, LISTENER), broker(4, false, "INTERNAL"),
            new TopicRecord("alpha", new TopicId(1, 1)),
            new PartitionRecord(new TopicId(1, 1), 0, List.of(1, 2), List.of(1, 2), 1, 0, 0),
            new TopicRecord("orders", ORDERS),
            new PartitionRecord(ORDERS, 0, List.of(1, 2, 3), List.of(1), 1, 3, 7, List.of(2, 3), List.of()),
            new PartitionRecord(ORDERS, 1, List.of(2, 3, 1), List.of(), -1, 5, 9, List.of(), List.of(3)),
            new PartitionRecord(ORDERS, 2, List.of(4, 1), List.of(4, 1), 4, 1, 1),
            new TopicRecord("zeta", new TopicId(3, 3)),
            new PartitionRecord(new TopicId(3, 3), 0, List.of(2), List.of(2), 2, 0, 0),
            new PartitionRecord(new TopicId(3, 3), 1, List.of(1), List.of(1), 1, 0, 0),
            new TopicRecord("__consumer_offsets", new TopicId(4, 4)),
            new PartitionRecord(new TopicId(4, 4), 0, List.of(1), List.of(1), 1, 0, 0));

    private final DescribeTopicPartitionsHandler handler = new DescribeTopicPartitionsHandler(() -> image, 2000);

    private static RegisterBrokerRecord broker(int id, boolean fenced, String listener) {
        return new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1), List.of(new BrokerEndpoint(listener, "h" + id, 9092, "PLAINTEXT")),
                null, fenced);
    }

    private static MetadataImage image(MetadataRecord... records) {
        return ImageSteps.of(records);
    }

    private static DescribeTopicPartitionsResponse ask(DescribeTopicPartitionsHandler h, List<String> topics, int limit, Cursor cursor) {
        RequestContext ctx = new RequestContext(new RequestHeader(DescribeTopicPartitionsCodec.API_KEY, (short) 0, 1, "test"),
                new ConnectionInfo(1, LISTENER, null), 0, 0);
        return h.handle(ctx, new DescribeTopicPartitionsRequest(topics, limit, cursor)).join();
    }

    private DescribeTopicPartitionsResponse ask(List<String> topics, int limit, Cursor cursor) {
        return ask(handler, topics, limit, cursor);
    }

    private static List<String> partitionNames(DescribeTopicPartitionsResponse r) {
        List<String> out = new ArrayList<>();
        for (Topic t : r.topics()) {
            for (Partition p : t.partitions()) {
                out.add(t.name() + "-" + p.partitionIndex());
            }
        }
        return out;
    }

    @Test
    void showsTheEligibleLeaderReplicasTheLastKnownElrAndWhatMetadataShows() {
        Topic orders = ask(List.of("orders"), 2000, null).topics().get(0);
        assertThat(orders.error()).isEqualTo(ErrorCode.NONE);
        assertThat(orders.topicId()).isEqualTo(ORDERS);
        assertThat(orders.isInternal()).isFalse();
        assertThat(orders.topicAuthorizedOperations()).isEqualTo(AuthorizedOperations.TOPIC);
        assertThat(orders.partitions()).containsExactly(
                new Partition(ErrorCode.NONE, 0, 1, 3, List.of(1, 2, 3), List.of(1), List.of(2, 3), List.of(), List.of(3)),
                new Partition(ErrorCode.LEADER_NOT_AVAILABLE, 1, -1, 5, List.of(2, 3, 1), List.of(), List.of(), List.of(3), List.of(3)),
                new Partition(ErrorCode.LISTENER_NOT_FOUND, 2, 4, 1, List.of(4, 1), List.of(4, 1), List.of(), List.of(), List.of()));
    }

    @Test
    void everyTopicInNameOrderWhenNoneIsNamed() {
        DescribeTopicPartitionsResponse r = ask(List.of(), 2000, null);
        assertThat(r.topics()).extracting(Topic::name).containsExactly("__consumer_offsets", "alpha", "orders", "zeta");
        assertThat(r.topics().get(0).isInternal()).isTrue();
        assertThat(r.nextCursor()).isNull();
    }

    @Test
    void namedTopicsInNameOrderAndMissingOnesWithAnErrorInTheirPlace() {
        DescribeTopicPartitionsResponse r = ask(List.of("zeta", "nope", "alpha", "bad/name"), 2000, null);
        assertThat(r.topics()).extracting(Topic::name).containsExactly("alpha", "bad/name", "nope", "zeta");
        assertThat(r.topics()).extracting(Topic::error).containsExactly(ErrorCode.NONE, ErrorCode.INVALID_TOPIC_EXCEPTION,
                ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NONE);
        assertThat(r.topics().get(2).topicId()).isEqualTo(TopicId.ZERO);
        assertThat(r.topics().get(2).partitions()).isEmpty();
    }

    @Test
    void pagesThroughEveryPartitionExactlyOnceWithTheCursor() {
        List<String> all = partitionNames(ask(List.of(), 2000, null));
        assertThat(all).hasSize(7);
        for (int limit = 1; limit <= 8; limit++) {
            List<String> seen = new ArrayList<>();
            Cursor cursor = null;
            int pages = 0;
            do {
                DescribeTopicPartitionsResponse r = ask(List.of(), limit, cursor);
                List<String> page = partitionNames(r);
                assertThat(page.size()).as("limit %d", limit).isBetween(1, limit);
                seen.addAll(page);
                cursor = r.nextCursor();
                pages++;
                assertThat(pages).as("pages at limit %d", limit).isLessThanOrEqualTo(7);
            } while (cursor != null);
            assertThat(seen).as("limit %d", limit).isEqualTo(all);
        }
    }

    @Test
    void theCursorPointsIntoATopicOrAtTheStartOfTheNextOne() {
        DescribeTopicPartitionsResponse r = ask(List.of(), 3, null);
        assertThat(partitionNames(r)).containsExactly("__consumer_offsets-0", "alpha-0", "orders-0");
        assertThat(r.nextCursor()).isEqualTo(new Cursor("orders", 1));

        r = ask(List.of(), 2, new Cursor("orders", 1));
        assertThat(partitionNames(r)).containsExactly("orders-1", "orders-2");
        assertThat(r.nextCursor()).as("the topic is done: the next one, from partition 0").isEqualTo(new Cursor("zeta", 0));
    }

    @Test
    void theBrokersLimitCapsTheClientsLimit() {
        DescribeTopicPartitionsHandler small = new DescribeTopicPartitionsHandler(() -> image, 2);
        DescribeTopicPartitionsResponse r = ask(small, List.of(), 2000, null);
        assertThat(partitionNames(r)).containsExactly("__consumer_offsets-0", "alpha-0");
        assertThat(r.nextCursor()).isEqualTo(new Cursor("orders", 0));
        assertThatThrownBy(() -> new DescribeTopicPartitionsHandler(() -> image, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLimitBelowOneStillMakesProgress() {
        DescribeTopicPartitionsResponse r = ask(List.of("orders"), 0, null);
        assertThat(partitionNames(r)).containsExactly("orders-0");
        assertThat(r.nextCursor()).isEqualTo(new Cursor("orders", 1));
    }

    @Test
    void missingTopicsTakeNoRoomButACursorMayPointAtOne() {
        DescribeTopicPartitionsResponse r = ask(List.of("alpha", "beta", "zeta"), 1, null);
        assertThat(r.topics()).extracting(Topic::name).containsExactly("alpha");
        assertThat(r.nextCursor()).isEqualTo(new Cursor("beta", 0));
        r = ask(List.of("alpha", "beta", "zeta"), 1, r.nextCursor());
        assertThat(r.topics()).extracting(Topic::name).containsExactly("beta", "zeta");
        assertThat(r.topics().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(r.nextCursor()).isEqualTo(new Cursor("zeta", 1));
    }

    @Test
    void aCursorOutsideTheNamedTopicsOrNegativeRefusesTheRequest() {
        DescribeTopicPartitionsResponse r = ask(List.of("alpha", "zeta"), 10, new Cursor("orders", 0));
        assertThat(r.topics()).extracting(Topic::error).containsExactly(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST);
        assertThat(r.nextCursor()).isNull();
        r = ask(List.of("orders"), 10, new Cursor("orders", -1));
        assertThat(r.topics()).extracting(Topic::error).containsExactly(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void aCursorPastTheLastPartitionOfItsTopicMovesOn() {
        DescribeTopicPartitionsResponse r = ask(List.of(), 10, new Cursor("orders", 3));
        assertThat(partitionNames(r)).containsExactly("zeta-0", "zeta-1");
    }
}
