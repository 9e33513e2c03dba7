package io.tributary.broker.metrics;

import io.tributary.broker.config.Listener;
import io.tributary.broker.http.HttpRouter;
import io.tributary.broker.http.HttpServer;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a node's HTTP listener with its routes: {@code /metrics} today, the console next. */
public final class MetricsListener {

    private static final Logger log = LoggerFactory.getLogger(MetricsListener.class);

    private MetricsListener() {
    }

    /** Binds {@code listener} when set (with one log line naming the address); empty otherwise. */
    public static Optional<HttpServer> start(int nodeId, Optional<Listener> listener, BrokerMetrics metrics) throws InterruptedException {
        if (listener.isEmpty()) {
            return Optional.empty();
        }
        HttpRouter router = new HttpRouter().exact("/metrics", new MetricsRoute(metrics));
        HttpServer http = HttpServer.start(listener.get(), router, "tributary-http");
        log.info("Node {}: HTTP listener bound to http://{}:{} (/metrics)", nodeId, http.address().getHostString(),
                http.address().getPort());
        return Optional.of(http);
    }
}
