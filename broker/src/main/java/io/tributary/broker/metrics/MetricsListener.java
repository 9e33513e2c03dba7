package io.tributary.broker.metrics;

import io.tributary.broker.config.Listener;
import io.tributary.broker.http.HttpRouter;
import io.tributary.broker.http.HttpServer;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a node's HTTP listener with its routes: {@code /metrics}, and the console's on a broker. */
public final class MetricsListener {

    private static final Logger log = LoggerFactory.getLogger(MetricsListener.class);

    private MetricsListener() {
    }

    /**
     * Binds {@code listener} when set (with one log line naming the address); empty otherwise.
     *
     * @param more the other routes (the console's), or null
     */
    public static Optional<HttpServer> start(int nodeId, Optional<Listener> listener, BrokerMetrics metrics, Consumer<HttpRouter> more)
            throws InterruptedException {
        if (listener.isEmpty()) {
            return Optional.empty();
        }
        HttpRouter router = new HttpRouter().exact("/metrics", new MetricsRoute(metrics));
        if (more != null) {
            more.accept(router);
        }
        HttpServer http = HttpServer.start(listener.get(), router, "tributary-http");
        log.info("Node {}: HTTP listener bound to http://{}:{} ({})", nodeId, http.address().getHostString(),
                http.address().getPort(), more == null ? "/metrics" : "the console at /, its API at /api/, /metrics");
        return Optional.of(http);
    }
}
