package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Asks the other brokers' HTTP listeners for what only they know ({@code /api/node}), all at once,
 * each with a short timeout ({@link #TIMEOUT_MS}), at most {@link #PEERS_MAX} of them: the console
 * answers within about that timeout even when a broker is gone, and says which broker it could not
 * reach and why. A broker's HTTP address is the {@value #LISTENER_NAME} endpoint it registered with
 * the controller beside its Kafka listeners; Kafka clients never see it, since every Kafka response
 * names only the endpoints of the listener the client came in on.
 */
final class PeerFetcher implements AutoCloseable {

    /** The name of the endpoint a broker registers for its HTTP listener. */
    static final String LISTENER_NAME = "HTTP";
    static final long TIMEOUT_MS = 500;
    static final int PEERS_MAX = 32;

    /** One broker's answer: its JSON, or why there is none. */
    record Answer(int brokerId, JsonNode body, String error) {
        boolean reached() {
            return body != null;
        }
    }

    private final int nodeId;
    private final ExecutorService executor;
    private final HttpClient client;

    PeerFetcher(int nodeId) {
        this.nodeId = nodeId;
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "tributary-console-peers");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS)).executor(executor)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * GETs {@code path} from every registered broker but this one, fenced ones too (a fenced broker may
     * be alive and catching up); {@code self} answers for this broker without a round trip. Sorted by
     * broker id.
     */
    TreeMap<Integer, Answer> fetchAll(MetadataImage image, String path, JsonNode self) throws InterruptedException {
        TreeMap<Integer, Answer> out = new TreeMap<>();
        List<Integer> ids = new ArrayList<>();
        List<CompletableFuture<Answer>> calls = new ArrayList<>();
        for (BrokerRegistration b : image.brokers().values()) {
            if (b.brokerId() == nodeId) {
                continue;
            }
            if (ids.size() >= PEERS_MAX) {
                out.put(b.brokerId(), new Answer(b.brokerId(), null, "not asked: the console asks at most " + PEERS_MAX + " brokers"));
                continue;
            }
            ids.add(b.brokerId());
            calls.add(fetch(b, path));
        }
        long deadlineNs = System.nanoTime() + (TIMEOUT_MS + 200) * 1_000_000L;
        for (int i = 0; i < ids.size(); i++) {
            Answer a = Waits.await(calls.get(i), deadlineNs);
            out.put(ids.get(i), a != null ? a : new Answer(ids.get(i), null, "no answer within " + TIMEOUT_MS + " ms"));
        }
        if (self != null) {
            out.put(nodeId, new Answer(nodeId, self, null));
        }
        return out;
    }

    /** GETs {@code path} from one broker. */
    CompletableFuture<Answer> fetch(BrokerRegistration b, String path) {
        Optional<BrokerEndpoint> http = b.endpoint(LISTENER_NAME);
        if (http.isEmpty()) {
            return CompletableFuture.completedFuture(new Answer(b.brokerId(), null, "it registered no HTTP listener (http.listener)"));
        }
        URI uri = URI.create("http://" + hostForUri(http.get().host()) + ":" + http.get().port() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(TIMEOUT_MS)).GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((r, e) -> {
            if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new Answer(b.brokerId(), null, "unreachable at " + uri.getAuthority() + ": "
                        + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
            }
            if (r.statusCode() != 200) {
                return new Answer(b.brokerId(), null, "answered HTTP " + r.statusCode() + " for " + path);
            }
            try {
                return new Answer(b.brokerId(), ConsoleJson.parse(r.body()), null);
            } catch (java.io.IOException bad) {
                return new Answer(b.brokerId(), null, "answered something that is not JSON: " + bad.getMessage());
            }
        });
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
