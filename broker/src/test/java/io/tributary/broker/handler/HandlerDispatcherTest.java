package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.network.ConnectionInfo;
import io.tributary.broker.network.Outcome;
import io.tributary.common.Time;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HandlerDispatcherTest {

    private final ApiRegistry registry = ApiRegistry.standard();
    private final ConnectionInfo conn = new ConnectionInfo(1, "PLAINTEXT", new InetSocketAddress("127.0.0.1", 1));
    private final ApiVersionsCodec codec = (ApiVersionsCodec) registry.codec(ApiVersionsCodec.API_KEY);
    private final ParsedRequest.Ok<ApiVersionsRequest, ApiVersionsResponse> request = new ParsedRequest.Ok<>(
            new RequestHeader(ApiVersionsCodec.API_KEY, (short) 3, 42, "c"), new ApiVersionsRequest("x", "1"), codec);

    private Outcome run(ApiHandler<ApiVersionsRequest, ApiVersionsResponse> h) {
        HandlerTable t = new HandlerTable(registry).register(ApiVersionsCodec.class, h);
        return new HandlerDispatcher(t, Time.SYSTEM).dispatch(request, conn).join();
    }

    private static int errorCodeOf(Outcome o) {
        // ApiVersions v3 response: size, correlation id, then int16 error code (header v0 for ApiVersions).
        var b = ((RecordsSlice.Buffer) ((Outcome.Send) o).frame().chunks().get(0)).bytes();
        return b.getShort(b.position() + 8);
    }

    @Test
    void aHandlerThatThrowsGetsUnknownServerError() {
        Outcome o = run((ctx, q) -> {
            throw new IllegalStateException("boom");
        });
        assertThat(o).isInstanceOf(Outcome.Send.class);
        assertThat(errorCodeOf(o)).isEqualTo(-1);
    }

    @Test
    void aFailedFutureGetsUnknownServerError() {
        Outcome o = run((ctx, q) -> CompletableFuture.failedFuture(new RuntimeException("async boom")));
        assertThat(errorCodeOf(o)).isEqualTo(-1);
    }

    @Test
    void theRealHandlerAnswersWithNoError() {
        Outcome o = run(new ApiVersionsHandler(registry));
        assertThat(errorCodeOf(o)).isEqualTo(0);
    }

    @Test
    void noResponseAndCloseActionsAreHonoured() {
        Outcome none = run(new ApiHandler<>() {
            @Override
            public CompletableFuture<ApiVersionsResponse> handle(RequestContext ctx, ApiVersionsRequest q) {
                return CompletableFuture.completedFuture(ApiVersionsResponse.of(registry.advertised()));
            }

            @Override
            public ResponseAction responseAction(ApiVersionsRequest q, ApiVersionsResponse r) {
                return ResponseAction.NONE;
            }
        });
        assertThat(none).isEqualTo(Outcome.NO_RESPONSE);
        Outcome closeOnFailure = run(new ApiHandler<>() {
            @Override
            public CompletableFuture<ApiVersionsResponse> handle(RequestContext ctx, ApiVersionsRequest q) {
                throw new RuntimeException("fails, but the client expects nothing");
            }

            @Override
            public ResponseAction responseAction(ApiVersionsRequest q, ApiVersionsResponse r) {
                return ResponseAction.NONE;
            }
        });
        assertThat(closeOnFailure).isInstanceOf(Outcome.Close.class);
    }
}
