package io.tributary.broker.cluster;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.controller.ControllerChannel;
import io.tributary.broker.handler.ControllerIdView;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.broker.net.client.ControllerClient;
import io.tributary.common.Time;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.wire.api.SecurityProtocol;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationRequest;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker role of a cluster node: how it follows the active controller. It fetches the metadata
 * ({@link MetadataFetcher}) until it has caught up, lets the node attach its partitions to the image,
 * then registers and heartbeats ({@link BrokerLifecycleManager}) until the controller unfences it.
 * It also gives the handlers their way to the controller: forwarding ({@link #requests()},
 * {@link #catchUp()}), the {@link ControllerChannel} for auto-created topics and producer ids, and
 * the controller id clients are told.
 *
 * <p>Threads: {@code tributary-controller-client-1} (the connections' event loop),
 * {@code tributary-metadata-<id>} (applies metadata; the partitions follow the image on it); heartbeats
 * tick on the node's scheduler.
 *
 * <p>Lifecycle: {@link #start} once → {@link #controlledShutdown} (optional) → {@link #close}.
 */
public final class ClusterBrokerRole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterBrokerRole.class);

    private final BrokerConfig config;
    private final int nodeId;
    private final MetadataPublisher publisher;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Throwable> onFatal;
    private final Time time;
    private final ControllerConnections connections;
    private final OffsetWaiters waiters;
    private final ControllerCatchUp catchUp;
    private final RemoteControllerChannel channel;
    private final MetadataFetcher fetcher;
    private final UUID incarnationId = UUID.randomUUID();
    private final OptionalLong previousBrokerEpoch;
    private volatile boolean attached;
    private volatile BrokerLifecycleManager lifecycle;

    /**
     * @param previousBrokerEpoch the epoch saved at the last clean shutdown ({@link PreviousBrokerEpoch}), if any
     * @param onFatal             told when this broker cannot go on (the controller refuses it for good)
     */
    public ClusterBrokerRole(BrokerConfig config, MetadataPublisher publisher, ScheduledExecutorService scheduler,
                             OptionalLong previousBrokerEpoch, Time time, Consumer<Throwable> onFatal) {
        this.config = config;
        this.time = time;
        this.nodeId = config.nodeId();
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.previousBrokerEpoch = previousBrokerEpoch;
        this.onFatal = onFatal;
        this.connections = new ControllerConnections(config);
        this.waiters = new OffsetWaiters(publisher::image, scheduler);
        publisher.onPublished(waiters::published);
        this.catchUp = new ControllerCatchUp(nodeId, connections.requests(), waiters);
        this.channel = new RemoteControllerChannel(connections.requests(), catchUp);
        this.fetcher = new MetadataFetcher(nodeId, connections.metadata(), publisher, publisher::image);
    }

    public ControllerChannel channel() {
        return channel;
    }

    public ControllerClient requests() {
        return connections.requests();
    }

    public ControllerCatchUp catchUp() {
        return catchUp;
    }

    public ControllerIdView controllerIdView() {
        return ControllerIdView.activeOrLowestBroker(connections::activeControllerId);
    }

    public long brokerEpoch() {
        BrokerLifecycleManager l = lifecycle;
        return l == null ? -1 : l.brokerEpoch();
    }

    /** The metadata offset this broker reports: -1 until its partitions follow the image, so it is not unfenced before. */
    long appliedOffset() {
        return attached ? publisher.image().lastAppliedOffset() : -1;
    }

    /**
     * Starts following the controller. Once the metadata has caught up, {@code attach} runs on the
     * metadata thread with the image (the node opens its partitions and checks the cluster id, which it
     * returns); then this broker registers with {@code endpoints}. Completes when the controller first
     * unfences it; fails if {@code attach} throws.
     */
    public CompletableFuture<Void> start(List<BrokerEndpoint> endpoints, Function<MetadataImage, String> attach) {
        // The continuation is attached before the first fetch goes out, so it runs on the metadata thread
        // right when the broker catches up, before any later batch is applied.
        CompletableFuture<Void> unfenced = fetcher.caughtUp().thenCompose(image -> {
            String clusterId = attach.apply(image);
            attached = true;
            List<BrokerRegistrationRequest.Listener> listeners = endpoints.stream()
                    .map(e -> new BrokerRegistrationRequest.Listener(e.listenerName(), e.host(), e.port(),
                            SecurityProtocol.valueOf(e.securityProtocol())))
                    .toList();
            BrokerLifecycleManager.Announcement announcement = new BrokerLifecycleManager.Announcement(clusterId, listeners,
                    config.rack().isEmpty() ? null : config.rack(), incarnationId, previousBrokerEpoch.orElse(-1));
            BrokerLifecycleManager l = new BrokerLifecycleManager(nodeId, connections.lifecycle(), scheduler, this::appliedOffset,
                    announcement, config.brokerHeartbeatIntervalMs(), config.brokerSessionTimeoutMs(), time, onFatal);
            lifecycle = l;
            l.start();
            return l.firstUnfenced();
        });
        connections.start();
        fetcher.start();
        return unfenced;
    }

    /** Asks the controller to move this broker's leaderships away; bounded by {@code timeoutMs}. Returns whether it finished. */
    public boolean controlledShutdown(long timeoutMs) {
        BrokerLifecycleManager l = lifecycle;
        if (l == null) {
            return false;
        }
        return l.controlledShutdown(timeoutMs, (offset, waitMs) -> {
            try {
                waiters.await(offset, waitMs).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.debug("Node {}: waiting for metadata offset {} failed: {}", nodeId, offset, e.toString());
            }
        });
    }

    /** As a crash would: the connections go first and at once (the controller fences this broker as they close). */
    public void halt() {
        connections.close();
        close();
    }

    /** Stops heartbeats and fetches and closes the connections (the controller fences this broker as they close). */
    @Override
    public void close() {
        BrokerLifecycleManager l = lifecycle;
        if (l != null) {
            l.close();
        }
        fetcher.close();
        connections.close();
    }
}
