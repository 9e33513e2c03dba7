package io.tributary.broker.console;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.http.HttpRouter;
import io.tributary.broker.image.MetadataPublisher;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.Time;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The live console of a broker (issue 14, {@code docs/console.md}): the page at {@code /} and
 * {@code /console/*}, its JSON API under {@code /api/}, and the timeline it keeps from the metadata.
 * A node without the broker role serves none of it.
 */
public final class Console implements AutoCloseable {

    private final StaticAssets assets = new StaticAssets();
    private final ConsoleApi api;
    private final PeerFetcher peers;

    private Console(ConsoleApi api, PeerFetcher peers) {
        this.api = api;
        this.peers = peers;
    }

    /**
     * @param activeControllerId the active controller as this broker knows it, -1 when unknown
     * @param live               whether the broker serves yet: metadata replayed before that is not timeline
     */
    public static Console create(int nodeId, MetadataPublisher metadata, ReplicaManager replicas, GroupCoordinatorRuntime groups,
                                 IntSupplier activeControllerId, BooleanSupplier live, Time time) {
        ConsoleTimeline timeline = new ConsoleTimeline(live, time::milliseconds);
        metadata.subscribe(timeline);
        PeerFetcher peers = new PeerFetcher(nodeId);
        LocalState local = new LocalState(nodeId, replicas, groups, activeControllerId, time);
        return new Console(new ConsoleApi(local, metadata, groups, timeline, peers, time), peers);
    }

    /** The name of the endpoint a broker registers for its HTTP listener, so other brokers' consoles find it. */
    public static String endpointName() {
        return PeerFetcher.LISTENER_NAME;
    }

    /** Adds the console's routes. */
    public void register(HttpRouter router) {
        router.exact("/", assets).prefix(StaticAssets.PREFIX, assets).prefix("/api/", api)
                .exact("/api/node", api.localRoute()).prefix("/api/node/", api.localRoute());
    }

    @Override
    public void close() {
        peers.close();
    }
}
