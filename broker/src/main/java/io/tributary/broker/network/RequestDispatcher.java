package io.tributary.broker.network;

import io.tributary.wire.ParsedRequest;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a parsed request and says what to send back. Called on the connection's event loop; it must
 * not block there, so anything slow (fsync, a controller round trip) completes the future later,
 * from any thread. The future never completes exceptionally: a failure becomes an error response.
 */
@FunctionalInterface
public interface RequestDispatcher {

    CompletableFuture<Outcome> dispatch(ParsedRequest.Ok<?, ?> request, ConnectionInfo connection);
}
