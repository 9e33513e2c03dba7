package io.tributary.broker.replica;

import io.tributary.broker.image.MetadataView;
import io.tributary.broker.net.client.ClientTransport;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replica fetchers of this broker, one per source broker (the leader they fetch from), started
 * and stopped as the metadata moves leadership: a partition that follows broker {@code L} is fetched
 * by {@code L}'s fetcher, and only by it. A fetcher left with no partition stops.
 *
 * <p>Threading: the role callbacks come from the metadata thread, {@link #close} from the node's
 * shutdown; both are synchronized. Each fetcher runs on its own thread.
 */
public final class ReplicaFetcherManager implements ReplicaManager.RoleListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFetcherManager.class);

    private final int localId;
    private final FetcherSettings settings;
    private final MetadataView metadata;
    private final LongSupplier brokerEpoch;
    private final Time time;
    private final ClientTransport transport;
    private final ReplicationThrottle throttle;
    private final Map<Integer, ReplicaFetcher> fetchers = new TreeMap<>();
    private final Map<TopicPartition, Integer> sourceOf = new HashMap<>();
    private boolean closed;

    public ReplicaFetcherManager(int localId, FetcherSettings settings, MetadataView metadata, LongSupplier brokerEpoch, Time time) {
        this.localId = localId;
        this.settings = settings;
        this.metadata = metadata;
        this.brokerEpoch = brokerEpoch;
        this.time = time;
        this.transport = ClientTransport.create(1, "tributary-replica-client");
        // One follower throttle for the broker, over every leader it fetches from, as Kafka's.
        this.throttle = ReplicationThrottle.follower(localId, settings.followerThrottledRateBytesPerSecond(), metadata);
    }

    @Override
    public synchronized void roleChanged(Partition p) {
        if (closed) {
            return;
        }
        int leader = p.leaderId();
        boolean follows = !p.isLeader() && leader >= 0 && leader != localId;
        TopicPartition tp = p.topicPartition();
        Integer before = sourceOf.get(tp);
        if (before != null && (!follows || before != leader)) {
            detach(tp, before);
        }
        if (!follows) {
            return;
        }
        ReplicaFetcher f = fetchers.get(leader);
        if (f == null) {
            f = new ReplicaFetcher(leader, localId, settings, transport, metadata, brokerEpoch, time, throttle);
            fetchers.put(leader, f);
            f.start();
            log.info("Replica fetcher for broker {} started", leader);
        }
        sourceOf.put(tp, leader);
        // Added again on a new epoch too: that wakes the fetcher, which reads the new epoch's fetch state.
        f.add(p);
    }

    @Override
    public synchronized void removed(Partition p) {
        Integer source = sourceOf.get(p.topicPartition());
        if (source != null) {
            detach(p.topicPartition(), source);
        }
    }

    private void detach(TopicPartition tp, int source) {
        sourceOf.remove(tp);
        ReplicaFetcher f = fetchers.get(source);
        if (f != null && f.remove(tp)) {
            fetchers.remove(source);
            f.initiateShutdown();
            log.info("Replica fetcher for broker {} stopped: no partition follows it any more", source);
        }
    }

    /** The source brokers fetched from now, for tests and the console. */
    public synchronized Map<Integer, Integer> partitionsPerSource() {
        Map<Integer, Integer> out = new TreeMap<>();
        for (int source : sourceOf.values()) {
            out.merge(source, 1, Integer::sum);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (ReplicaFetcher f : fetchers.values()) {
            f.close();
        }
        fetchers.clear();
        sourceOf.clear();
        transport.close();
    }
}
