package io.tributary.broker.cluster;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.broker.net.client.NetworkClientException;
import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.ClientCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An admin API a broker of a cluster forwards to the active controller as it came (CreateTopics,
 * DeleteTopics, CreatePartitions, IncrementalAlterConfigs, AlterConfigs): the controller checks and
 * commits it; this broker answers with the controller's answer once its own image shows the change
 * ({@link ControllerCatchUp}), so the client's next Metadata request here sees it.
 *
 * <p>When no answer comes within the request's timeout (no active controller, or it went away after
 * the request may have reached it), every item gets {@code REQUEST_TIMED_OUT}, which clients retry;
 * a retried CreateTopics may then report {@code TOPIC_ALREADY_EXISTS}, exactly as with Kafka's
 * forwarding brokers.
 */
public final class ForwardingHandler<Q, R> implements ApiHandler<Q, R> {

    private static final Logger log = LoggerFactory.getLogger(ForwardingHandler.class);

    private final ClientCodec<Q, R> client;
    private final ApiCodec<Q, R> server;
    private final ControllerClient controller;
    private final ControllerCatchUp catchUp;
    private final ToLongFunction<Q> timeoutMs;
    private final long defaultTimeoutMs;

    /**
     * @param timeoutMs        the request's own timeout (its {@code timeoutMs} field), or -1 for APIs without one
     * @param defaultTimeoutMs the deadline when the request names none ({@code controller.socket.timeout.ms})
     */
    public ForwardingHandler(ClientCodec<Q, R> client, ApiCodec<Q, R> server, ControllerClient controller, ControllerCatchUp catchUp,
                             ToLongFunction<Q> timeoutMs, long defaultTimeoutMs) {
        this.client = client;
        this.server = server;
        this.controller = controller;
        this.catchUp = catchUp;
        this.timeoutMs = timeoutMs;
        this.defaultTimeoutMs = defaultTimeoutMs;
    }

    @Override
    public CompletableFuture<R> handle(RequestContext ctx, Q request) {
        long asked = timeoutMs.applyAsLong(request);
        // A timeout of 0 asks Kafka not to wait for the change to show (it is made all the same): the controller's
        // answer is still awaited, within the default deadline, but not this broker's catch-up.
        boolean catchUpWanted = asked != 0;
        long timeout = asked > 0 ? asked : defaultTimeoutMs;
        long startNs = System.nanoTime();
        return controller.send(client, request, timeout)
                .thenCompose(response -> {
                    if (!catchUpWanted) {
                        return CompletableFuture.completedFuture(response);
                    }
                    long leftMs = Math.max(1, timeout - (System.nanoTime() - startNs) / 1_000_000L);
                    return catchUp.await(leftMs).thenApply(v -> response);
                })
                .exceptionally(error -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    log.info("{} from {} could not be forwarded to the active controller: {}", client.name(), ctx.clientId(),
                            cause.getMessage());
                    ErrorCode code = cause instanceof NetworkClientException n && n.retriable()
                            ? ErrorCode.REQUEST_TIMED_OUT : ErrorCode.UNKNOWN_SERVER_ERROR;
                    return server.errorResponse(ctx.header(), request, code);
                });
    }
}
