package io.tributary.broker;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.Listener;
import io.tributary.broker.handler.ApiVersionsHandler;
import io.tributary.broker.handler.HandlerDispatcher;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.broker.network.NettyServer;
import io.tributary.broker.network.NetworkSettings;
import io.tributary.common.Time;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.RequestReader;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, assembled: network, handlers, partitions, controller. {@link #start} returns once the
 * node serves clients; {@link #close} stops it cleanly and may be called from any thread, any number
 * of times.
 */
public final class Broker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final NettyServer server;
    private final List<NettyServer.Bound> bound;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closing;

    private Broker(BrokerConfig config, NettyServer server, List<NettyServer.Bound> bound) {
        this.config = config;
        this.server = server;
        this.bound = bound;
    }

    public static Broker start(BrokerConfig config) throws Exception {
        long startNs = System.nanoTime();
        Time time = Time.SYSTEM;
        ApiRegistry registry = ApiRegistry.standard();
        HandlerTable table = new HandlerTable(registry)
                .register(ApiVersionsCodec.class, new ApiVersionsHandler(registry));
        RequestReader reader = new RequestReader(registry);
        NettyServer server = new NettyServer(NetworkSettings.from(config), reader::read, new HandlerDispatcher(table, time));
        List<NettyServer.Bound> bound = server.bind(config.clientListeners());
        Broker b = new Broker(config, server, bound);
        log.info("Tributary node {} started in {} ms: listeners {}, log dirs {}", config.nodeId(),
                (System.nanoTime() - startNs) / 1_000_000, bound.stream().map(x -> x.listener().name() + "://" + x.address().getHostString() + ":" + x.address().getPort()).toList(),
                config.logDirs());
        return b;
    }

    public BrokerConfig config() {
        return config;
    }

    public List<NettyServer.Bound> boundListeners() {
        return bound;
    }

    /** {@code host:port} of the first client listener, as a client puts it in {@code bootstrap.servers}. */
    public String bootstrapServers() {
        NettyServer.Bound b = bound.get(0);
        Listener l = b.listener();
        String host = l.bindsAllInterfaces() ? "localhost" : l.host();
        return new Listener(l.name(), host, b.address().getPort()).hostPort();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitStopped();
                return;
            }
            closing = true;
        }
        long startNs = System.nanoTime();
        try {
            server.stopAccepting();
            server.awaitDrained(5_000);
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            log.info("Tributary node {} stopped cleanly in {} ms", config.nodeId(), (System.nanoTime() - startNs) / 1_000_000);
            stopped.countDown();
        }
    }

    /** Blocks until {@link #close} has finished. */
    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
