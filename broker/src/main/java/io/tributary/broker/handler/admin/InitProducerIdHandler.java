package io.tributary.broker.handler.admin;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.ControllerErrors;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.wire.api.initproducerid.InitProducerIdRequest;
import io.tributary.wire.api.initproducerid.InitProducerIdResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * InitProducerId for idempotent producers: a fresh producer id at epoch 0 (Kafka does the same for
 * a non-transactional producer that asks again). Transactions are not implemented, so a
 * transactional id is refused.
 */
public final class InitProducerIdHandler implements ApiHandler<InitProducerIdRequest, InitProducerIdResponse> {

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
            if (cause instanceof ProducerIdManager.AllocationFailedException a) {
                return failed(a.error());
            }
            return failed(ControllerErrors.toApiError(cause).code());
        });
    }

    private static InitProducerIdResponse failed(ErrorCode e) {
        return new InitProducerIdResponse(0, e, -1L, (short) -1, -1L, (short) -1);
    }
}
