package io.tributary.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.wire.api.initproducerid.InitProducerIdRequest;
import io.tributary.wire.api.initproducerid.InitProducerIdResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A producer id that cannot be had right now (no active controller during an election, a refused
 * allocation) is answered with a retriable error, as Kafka answers while its block is not available;
 * the Java client treats UNKNOWN_SERVER_ERROR here as fatal to the idempotent producer.
 */
class InitProducerIdHandlerTest {

    private static final InitProducerIdRequest IDEMPOTENT = new InitProducerIdRequest(null, 60_000, -1L, (short) -1, false, false);

    private static InitProducerIdResponse answer(ControllerChannel controller) {
        InitProducerIdHandler handler = new InitProducerIdHandler(new ProducerIdManager(controller, 1, () -> 1L));
        CompletableFuture<InitProducerIdResponse> f = handler.handle(null, IDEMPOTENT);
        assertThat(f).succeedsWithin(Duration.ofSeconds(5));
        return f.join();
    }

    @Test
    void noControllerIsRetriable() {
        ControllerChannel failing = new ControllerChannel() {
            @Override
            public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
                return CompletableFuture.failedFuture(new IllegalStateException("no active controller"));
            }
        };
        assertThat(answer(failing).error()).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    }

    @Test
    void aRefusedAllocationIsRetriable() {
        ControllerChannel refusing = new ControllerChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
                return CompletableFuture.completedFuture((R) new AllocateProducerIdsResponse(
                        new ApiError(ErrorCode.NOT_CONTROLLER, "not the active controller"), -1L, 0));
            }
        };
        assertThat(answer(refusing).error()).isEqualTo(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
    }

    @Test
    void anAllocatedBlockServesIds() {
        ControllerChannel allocating = new ControllerChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
                return CompletableFuture.completedFuture((R) new AllocateProducerIdsResponse(ApiError.NONE, 7000L, 10));
            }
        };
        InitProducerIdResponse r = answer(allocating);
        assertThat(r.error()).isEqualTo(ErrorCode.NONE);
        assertThat(r.producerId()).isEqualTo(7000L);
    }
}
