package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.console.Console;
import io.tributary.broker.http.HttpServer;
import io.tributary.broker.metrics.BrokerMetrics;
import io.tributary.broker.metrics.MetricsListener;
import java.net.InetSocketAddress;
import java.util.function.Supplier;

/**
 * A node's HTTP listener ({@code http.listener}), when it is set: {@code /metrics}, and on a node
 * with partitions the console's pages and API. It starts after the client listeners are bound, so
 * the advertised endpoints can carry its address, and it closes with the network.
 */
final class NodeHttp {

    private volatile HttpServer http;
    private Console console;

    /**
     * Starts the listener when {@code http.listener} is set.
     *
     * @param console makes the console for a node with partitions; null for a controller-only node
     */
    void start(BrokerConfig config, BrokerMetrics metrics, Supplier<Console> console) throws InterruptedException {
        if (console != null && config.httpListener().isPresent()) {
            this.console = console.get();
        }
        Console c = this.console;
        http = MetricsListener.start(config.nodeId(), config.httpListener(), metrics, c == null ? null : c::register).orElse(null);
    }

    /** The address the listener bound, or null when {@code http.listener} is not set or it has not started. */
    InetSocketAddress address() {
        HttpServer h = http;
        return h == null ? null : h.address();
    }

    void close() {
        if (http != null) {
            http.close();
        }
        if (console != null) {
            console.close();
        }
    }
}
