package io.tributary.broker.handler;

import io.tributary.broker.network.ConnectionInfo;
import io.tributary.broker.network.Outcome;
import io.tributary.broker.network.RequestDispatcher;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a parsed request through its handler and turns the result into what the connection sends.
 * Every failure inside a handler becomes the codec's {@code UNKNOWN_SERVER_ERROR} response and one
 * ERROR line; only a failure to even encode an answer closes the connection.
 */
public final class HandlerDispatcher implements RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(HandlerDispatcher.class);

    private final HandlerTable table;
    private final Time time;
    private final RequestObserver observer;

    public HandlerDispatcher(HandlerTable table, Time time) {
        this(table, time, RequestObserver.NONE);
    }

    /** @param observer told of every answered request (request metrics) */
    public HandlerDispatcher(HandlerTable table, Time time, RequestObserver observer) {
        this.table = table;
        this.time = time;
        this.observer = observer;
    }

    @Override
    public CompletableFuture<Outcome> dispatch(ParsedRequest.Ok<?, ?> request, ConnectionInfo connection) {
        return run(request, connection);
    }

    private <Q, R> CompletableFuture<Outcome> run(ParsedRequest.Ok<Q, R> ok, ConnectionInfo connection) {
        ApiCodec<Q, R> codec = ok.codec();
        RequestHeader header = ok.header();
        ApiHandler<Q, R> handler = table.handler(codec);
        if (handler == null) {
            // Unreachable while HandlerTableTest holds; kept so a gap cannot hang a client.
            log.error("No handler for {} (API key {}); closing connection {}", codec.name(), codec.apiKey(),
                    connection.connectionId());
            return CompletableFuture.completedFuture(new Outcome.Close("no handler for " + codec.name()));
        }
        if (log.isDebugEnabled()) {
            log.debug("{} v{} correlationId={} clientId={} connection={} from {}", codec.name(), header.apiVersion(),
                    header.correlationId(), header.clientId(), connection.connectionId(), connection.remoteAddress());
        }
        RequestContext ctx = new RequestContext(header, connection, time.milliseconds(), time.nanoseconds());
        CompletableFuture<R> future;
        try {
            future = handler.handle(ctx, ok.body());
            if (future == null) {
                throw new IllegalStateException(handler.getClass().getSimpleName() + " returned no future");
            }
        } catch (Throwable t) {
            future = CompletableFuture.failedFuture(t);
        }
        return future.handle((response, error) -> toOutcome(ok, handler, ctx, response, error));
    }

    private <Q, R> Outcome toOutcome(ParsedRequest.Ok<Q, R> ok, ApiHandler<Q, R> handler, RequestContext ctx,
                                     R response, Throwable error) {
        ApiCodec<Q, R> codec = ok.codec();
        try {
            if (error != null || response == null) {
                log.error("{} v{} correlationId={} from {} failed; answering UNKNOWN_SERVER_ERROR", codec.name(),
                        ctx.header().apiVersion(), ctx.header().correlationId(), ctx.connection().remoteAddress(),
                        error != null ? error : new IllegalStateException("handler completed with null"));
                response = codec.errorResponse(ctx.header(), ok.body(), ErrorCode.UNKNOWN_SERVER_ERROR);
            }
            observe(codec.name(), ok.body(), response, ctx, error != null);
            ApiHandler.ResponseAction action = handler.responseAction(ok.body(), response);
            if (error != null && action != ApiHandler.ResponseAction.SEND) {
                // A client that expects no answer learns of the failure only from the closed connection.
                action = ApiHandler.ResponseAction.CLOSE;
            }
            switch (action) {
                case NONE:
                    return Outcome.NO_RESPONSE;
                case CLOSE:
                    return new Outcome.Close(codec.name() + " failed and its client expects no response");
                default:
                    return new Outcome.Send(codec.encode(ctx.header(), response));
            }
        } catch (Throwable t) {
            log.error("Cannot answer {} correlationId={} from {}; closing the connection", codec.name(),
                    ctx.header().correlationId(), ctx.connection().remoteAddress(), t);
            return new Outcome.Close("cannot encode a response to " + codec.name());
        }
    }

    private void observe(String api, Object request, Object response, RequestContext ctx, boolean failed) {
        try {
            observer.completed(api, request, response, time.nanoseconds() - ctx.receivedNs(), failed);
        } catch (RuntimeException e) {
            // Metrics must never cost a client its answer.
            log.warn("Request metrics failed for {}", api, e);
        }
    }
}
