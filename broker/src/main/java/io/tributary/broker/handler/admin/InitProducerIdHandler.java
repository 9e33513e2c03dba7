package io.tributary.broker.handler.admin;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.wire.api.initproducerid.InitProducerIdRequest;
import io.tributary.wire.api.initproducerid.InitProducerIdResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers: a fresh producer id at epoch 0 (Kafka does the same for
 * a non-transactional producer that asks again). Transactions are not implemented, so a
 * transactional id is refused.
 *
 * <p>When no producer id can be had right now (the controller is being elected, the broker is not
 * registered yet, the request to it failed), the answer is {@code COORDINATOR_LOAD_IN_PROGRESS}, as
 * Kafka answers while its producer-id block is not yet available: the clients retry it. Any other
 * error would be fatal to an idempotent producer (the Java client fails every send after an
 * {@code UNKNOWN_SERVER_ERROR} here), for a condition that passes in moments.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest, InitProducerIdResponse> {

    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIdManager ids;

    public InitProducerIdHandler(ProducerIdManager ids) {
        this.ids = ids;
    }

    @Override
    public CompletableFuture<InitProducerIdResponse> handle(RequestContext ctx, InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            return CompletableFuture.completedFuture(failed(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED));
        }
        return ids.nextId().handle((id, error) -> {
            if (error == null) {
                return InitProducerIdResponse.of(id, (short) 0);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            ErrorCode code = cause instanceof ProducerIdManager.AllocationFailedException a ? a.error()
                    : ControllerErrors.toApiError(cause).code();
            if (code != ErrorCode.CLUSTER_AUTHORIZATION_FAILED) {
                log.info("InitProducerId: no producer id block yet ({}: {}); answering COORDINATOR_LOAD_IN_PROGRESS so the client retries",
                        code, cause.getMessage());
                code = ErrorCode.COORDINATOR_LOAD_IN_PROGRESS;
            }
            return failed(code);
        });
    }

    private static InitProducerIdResponse failed(ErrorCode e) {
        return new InitProducerIdResponse(0, e, -1L, (short) -1, -1L, (short) -1);
    }
}
