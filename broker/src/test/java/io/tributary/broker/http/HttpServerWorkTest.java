package io.tributary.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.broker.config.Listener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A route that waits on other brokers (the console's fan-out) runs on a work thread of its own: while
 * it waits, a scrape and another broker's question to this one are answered at once.
 */
class HttpServerWorkTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aRouteWaitingOnPeersDelaysNoLocalRoute() throws Exception {
        CountDownLatch peersAnswered = new CountDownLatch(1);
        CountDownLatch fanOutStarted = new CountDownLatch(1);
        HttpRoute fanOut = new HttpRoute() {
            @Override
            public HttpReply handle(FullHttpRequest request) throws InterruptedException {
                fanOutStarted.countDown();
                assertThat(peersAnswered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                return HttpReply.text(HttpResponseStatus.OK, "gathered");
            }

            @Override
            public boolean waitsOnPeers() {
                return true;
            }
        };
        HttpRoute local = r -> HttpReply.text(HttpResponseStatus.OK, "local");
        HttpRouter router = new HttpRouter().exact("/metrics", local).prefix("/api/", fanOut).prefix("/api/node/", local);
        try (HttpServer server = HttpServer.start(new Listener("HTTP", "127.0.0.1", 0), router, "test-http")) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
            String base = "http://127.0.0.1:" + server.address().getPort();
            CompletableFuture<HttpResponse<String>> gathering = client.sendAsync(get(base + "/api/cluster"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fanOutStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            // The fan-out is holding its thread: the local routes still answer.
            assertThat(client.send(get(base + "/metrics"), HttpResponse.BodyHandlers.ofString()).body()).contains("local");
            assertThat(client.send(get(base + "/api/node/x"), HttpResponse.BodyHandlers.ofString()).body()).contains("local");
            assertThat(gathering).isNotDone();

            peersAnswered.countDown();
            HttpResponse<String> gathered = gathering.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(gathered.statusCode()).isEqualTo(200);
            assertThat(gathered.body()).contains("gathered");
        } finally {
            peersAnswered.countDown();
        }
    }

    private static HttpRequest get(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(WAIT).GET().build();
    }
}
