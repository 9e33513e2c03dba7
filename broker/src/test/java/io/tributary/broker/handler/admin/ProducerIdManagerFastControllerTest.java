package io.tributary.broker.handler.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.ControllerCommand;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Reproducer of a broker defect the end-to-end suite hit intermittently (about one fresh node in
 * ten or twenty): the first InitProducerId after a node starts failed with UNKNOWN_SERVER_ERROR, and
 * the Java client's idempotent producer then refused every send ("Unexpected error in
 * InitProducerIdResponse"). The node's log showed a NullPointerException in
 * {@code ProducerIdManager.nextId} ("wait" is null).
 *
 * <p>Cause (fixed): when the controller answered the block allocation before {@code nextId} had
 * attached its clean-up callback, the callback ran at once on the calling thread, cleared the pending
 * refill, and {@code nextId} then waited on null. A controller that answers at once makes it
 * deterministic.
 */
class ProducerIdManagerFastControllerTest {

    @Test
    void firstIdIsServedWhenTheControllerAnswersImmediately() {
        ControllerChannel answersAtOnce = new ControllerChannel() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
                return CompletableFuture.completedFuture((R) new AllocateProducerIdsResponse(ApiError.NONE, 5000L, 1000));
            }
        };
        ProducerIdManager ids = new ProducerIdManager(answersAtOnce, 1, () -> 1L);

        assertThat(ids.nextId()).as("the first producer id, from a block the controller allocated at once")
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(5000L);
        assertThat(ids.nextId()).as("the next id comes from the same block")
                .succeedsWithin(Duration.ofSeconds(5)).isEqualTo(5001L);
    }
}
