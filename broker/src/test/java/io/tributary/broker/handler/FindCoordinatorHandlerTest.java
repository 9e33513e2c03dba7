package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.network.ConnectionInfo;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.findcoordinator.CoordinatorType;
import io.tributary.wire.api.findcoordinator.FindCoordinatorCodec;
import io.tributary.wire.api.findcoordinator.FindCoordinatorRequest;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse.Coordinator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * FindCoordinator over images of three brokers (broker 3 reachable only on another listener) and a
 * {@code __consumer_offsets} of three partitions, led by 1, 2 and 3; and over an image without it,
 * with a controller whose answer the test releases.
 */
class FindCoordinatorHandlerTest {

    private static final String LISTENER = "PLAINTEXT";
    private static final TopicId OFFSETS = new TopicId(4, 4);
    /** Group ids whose partitions of a 3-partition topic are 0, 1 and 2 ("a".hashCode() is 97). */
    private static final String ON_0 = "c";
    private static final String ON_1 = "a";
    private static final String ON_2 = "b";

    private final FakeController controller = new FakeController();
    private MetadataImage image = image(withOffsets(1, 2, 3));
    private final FindCoordinatorHandler handler = new FindCoordinatorHandler(() -> image, new ConsumerOffsetsCreator(controller, 3, 3));

    /**
     * Answers a creation a test left waiting: otherwise its 10 s timeout fires during a later test in
     * this JVM and logs a WARN there (CrashRestartTest asserts a restart logs none).
     */
    @AfterEach
    void answerWhatIsStillWaiting() {
        controller.answer.complete(new CreateTopicsResponse(List.of()));
    }

    @Test
    void aGroupIsCoordinatedByTheLeaderOfItsPartitionOfConsumerOffsets() {
        assertThat(List.of(ON_0, ON_1, ON_2)).extracting(g -> InternalTopics.consumerOffsetsPartition(g, 3)).containsExactly(0, 1, 2);
        assertThat(ask(CoordinatorType.GROUP, ON_0, ON_1).coordinators()).containsExactly(
                Coordinator.found(ON_0, 1, "h1", 9091), Coordinator.found(ON_1, 2, "h2", 9092));
        assertThat(controller.requests).as("nothing to create").isEmpty();
    }

    @Test
    void theAnswerFollowsTheLeaderOfThePartition() {
        assertThat(ask(CoordinatorType.GROUP, ON_1).coordinators().get(0).nodeId()).isEqualTo(2);
        image = image(withOffsets(1, 1, 3));
        assertThat(ask(CoordinatorType.GROUP, ON_1).coordinators()).containsExactly(Coordinator.found(ON_1, 1, "h1", 9091));
    }

    @Test
    void eachKeyOfABatchIsAnsweredOnItsOwn() {
        image = image(withOffsets(1, -1, 3));
        List<Coordinator> answer = ask(CoordinatorType.GROUP, ON_0, ON_1, ON_2).coordinators();
        assertThat(answer.get(0)).isEqualTo(Coordinator.found(ON_0, 1, "h1", 9091));
        assertThat(answer.get(1).error()).as("leaderless partition").isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(answer.get(1).nodeId()).isEqualTo(-1);
        assertThat(answer.get(1).errorMessage()).contains("__consumer_offsets-1");
        assertThat(answer.get(2).error()).as("leader without an endpoint on this listener").isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void theFirstLookupCreatesConsumerOffsetsOnceAndIsAnsweredWhenItExists() {
        image = image(new ArrayList<>(brokers()));
        CompletableFuture<FindCoordinatorResponse> first = handler.handle(ctx(), new FindCoordinatorRequest(CoordinatorType.GROUP, List.of(ON_0)));
        CompletableFuture<FindCoordinatorResponse> second = handler.handle(ctx(), new FindCoordinatorRequest(CoordinatorType.GROUP, List.of(ON_2)));
        assertThat(controller.requests).as("one creation for both lookups").hasSize(1);
        CreateTopicsRequest.Topic asked = controller.requests.get(0).topics().get(0);
        assertThat(asked.name()).isEqualTo("__consumer_offsets");
        assertThat(asked.numPartitions()).isEqualTo(3);
        assertThat(asked.replicationFactor()).as("3 asked, capped at the 3 live brokers").isEqualTo((short) 3);
        assertThat(first).isNotDone();

        image = image(withOffsets(2, 3, 1));
        controller.answer.complete(new CreateTopicsResponse(List.of(new CreateTopicsResponse.TopicResult("__consumer_offsets", OFFSETS,
                ApiError.NONE, 3, 3, List.of()))));
        assertThat(first.join().coordinators()).containsExactly(Coordinator.found(ON_0, 2, "h2", 9092));
        assertThat(second.join().coordinators()).containsExactly(Coordinator.found(ON_2, 1, "h1", 9091));
    }

    @Test
    void aFailedCreationAnswersCoordinatorNotAvailableAndTheNextLookupTriesAgain() {
        image = image(new ArrayList<>(brokers()));
        CompletableFuture<FindCoordinatorResponse> first = handler.handle(ctx(), new FindCoordinatorRequest(CoordinatorType.GROUP, List.of(ON_0)));
        controller.answer.complete(new CreateTopicsResponse(List.of(CreateTopicsResponse.TopicResult.failed("__consumer_offsets",
                ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR, "no live broker")))));
        assertThat(first.join().coordinators()).singleElement().satisfies(c -> {
            assertThat(c.error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
            assertThat(c.nodeId()).isEqualTo(-1);
        });
        controller.answer = new CompletableFuture<>();
        handler.handle(ctx(), new FindCoordinatorRequest(CoordinatorType.GROUP, List.of(ON_0)));
        assertThat(controller.requests).hasSize(2);
    }

    @Test
    void transactionalIdsAreRefusedAsInitProducerIdRefusesThemAndUnknownTypesAreInvalid() {
        assertThat(ask(CoordinatorType.TRANSACTION, "txn-1", "txn-2").coordinators()).extracting(Coordinator::key, Coordinator::error)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("txn-1", ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED),
                        org.assertj.core.groups.Tuple.tuple("txn-2", ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED));
        assertThat(ask(CoordinatorType.UNKNOWN, "x").coordinators().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(ask(CoordinatorType.SHARE, "x").coordinators().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(controller.requests).as("no topic is created for them").isEmpty();
    }

    private FindCoordinatorResponse ask(CoordinatorType type, String... keys) {
        return handler.handle(ctx(), new FindCoordinatorRequest(type, List.of(keys))).join();
    }

    private static RequestContext ctx() {
        return new RequestContext(new RequestHeader(FindCoordinatorCodec.API_KEY, (short) 6, 1, "test"), new ConnectionInfo(1, LISTENER, null), 0, 0);
    }

    private static List<MetadataRecord> brokers() {
        return List.of(broker(1, LISTENER), broker(2, LISTENER), broker(3, "INTERNAL"));
    }

    /** The brokers, and {@code __consumer_offsets} with these leaders of partitions 0, 1, 2 (-1 for none). */
    private static List<MetadataRecord> withOffsets(int... leaders) {
        List<MetadataRecord> records = new ArrayList<>(brokers());
        records.add(new TopicRecord("__consumer_offsets", OFFSETS));
        for (int p = 0; p < leaders.length; p++) {
            List<Integer> replicas = leaders[p] < 0 ? List.of(1) : List.of(leaders[p]);
            records.add(new PartitionRecord(OFFSETS, p, replicas, leaders[p] < 0 ? List.of() : replicas, leaders[p], 1, 1));
        }
        return records;
    }

    private static RegisterBrokerRecord broker(int id, String listener) {
        return new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1), List.of(new BrokerEndpoint(listener, "h" + id, 9090 + id, "PLAINTEXT")),
                null, false);
    }

    private static MetadataImage image(List<MetadataRecord> records) {
        MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
        delta.replayAll(new ArrayList<>(records));
        return delta.apply(0);
    }

    /** A controller that records CreateTopics requests and answers them when the test completes {@link #answer}. */
    private static final class FakeController implements ControllerChannel {
        final List<CreateTopicsRequest> requests = new ArrayList<>();
        CompletableFuture<CreateTopicsResponse> answer = new CompletableFuture<>();

        @Override
        @SuppressWarnings("unchecked")
        public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
            requests.add((CreateTopicsRequest) command);
            return (CompletableFuture<R>) answer;
        }
    }
}
