package io.tributary.broker.handler.admin;

import io.tributary.broker.controller.ControllerChannel;
import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Hands out producer ids from blocks the controller allocates (so ids stay unique across brokers
 * and restarts). One block at a time; while a new block is on its way, callers wait on that one
 * request rather than sending their own.
 */
public final class ProducerIdManager {

    /** A refusal from the controller, carried to the InitProducerId answer. */
    public static final class AllocationFailedException extends RuntimeException {
        private final ErrorCode error;

        AllocationFailedException(ErrorCode error, String message) {
            super(message);
            this.error = error;
        }

        public ErrorCode error() {
            return error;
        }
    }

    private final ControllerChannel controller;
    private final int brokerId;
    private final LongSupplier brokerEpoch;
    private long next;            // guarded by this
    private long end;             // guarded by this; exclusive
    private CompletableFuture<Void> refill; // guarded by this

    public ProducerIdManager(ControllerChannel controller, int brokerId, LongSupplier brokerEpoch) {
        this.controller = controller;
        this.brokerId = brokerId;
        this.brokerEpoch = brokerEpoch;
    }

    public CompletableFuture<Long> nextId() {
        CompletableFuture<Void> wait;
        synchronized (this) {
            if (next < end) {
                return CompletableFuture.completedFuture(next++);
            }
            if (refill == null) {
                CompletableFuture<Void> r = controller.allocateProducerIds(new AllocateProducerIdsRequest(brokerId, brokerEpoch.getAsLong()))
                        .thenAccept(resp -> {
                            if (!resp.error().isSuccess()) {
                                throw new AllocationFailedException(resp.error().code(), resp.error().message());
                            }
                            if (resp.producerIdLen() <= 0) {
                                throw new AllocationFailedException(ErrorCode.UNKNOWN_SERVER_ERROR, "the controller allocated an empty block");
                            }
                            synchronized (this) {
                                next = resp.producerIdStart();
                                end = resp.producerIdStart() + resp.producerIdLen();
                            }
                        });
                refill = r;
                r.whenComplete((v, e) -> {
                    synchronized (this) {
                        refill = null;
                    }
                });
            }
            wait = refill;
        }
        return wait.thenCompose(v -> nextId());
    }
}
