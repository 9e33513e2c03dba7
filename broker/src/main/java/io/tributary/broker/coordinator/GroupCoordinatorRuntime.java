package io.tributary.broker.coordinator;

import io.tributary.broker.config.GroupSettings;
import io.tributary.broker.handler.InternalTopics;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.CoordinatorRequest;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.TopicsDeletedRequest;
import io.tributary.coordinator.api.TopicsDeletedResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.common.TopicId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of this broker: one {@link ShardHost} per {@code __consumer_offsets}
 * partition it leads, created when the partition's role turns to leader (and loaded from the log),
 * dropped when it turns away (everything waiting answered NOT_COORDINATOR). Requests for a group go
 * to the host of {@link InternalTopics#consumerOffsetsPartition}; a partition this broker does not
 * lead answers NOT_COORDINATOR, and clients ask FindCoordinator again.
 *
 * <p>Threading: role changes come from the metadata thread (synchronized here), high-watermark
 * events from whichever thread moved it, requests from the network threads; the hosts run each
 * shard on its own thread ({@link ShardThreads}).
 */
public final class GroupCoordinatorRuntime implements ReplicaManager.RoleListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinatorRuntime.class);

    /** Threads the shards share. Two keep one busy shard from delaying all others on a small machine. */
    static final int THREADS = 2;
    /** The most requests one shard holds at once (a rebalance of a large group parks one JoinGroup per member). */
    static final int REQUESTS_PER_SHARD_MAX = 10_000;

    private final GroupSettings settings;
    private final int requestsPerShardMax;
    private final Time time;
    private final MetadataView metadata;
    private final ShardThreads threads;
    private final Map<Integer, ShardHost> hosts = new ConcurrentHashMap<>();
    private boolean closed;

    public GroupCoordinatorRuntime(int nodeId, GroupSettings settings, Time time, MetadataView metadata) {
        this(nodeId, settings, time, metadata, REQUESTS_PER_SHARD_MAX);
    }

    /** @param requestsPerShardMax the most requests one shard holds at once (tests set a small one) */
    GroupCoordinatorRuntime(int nodeId, GroupSettings settings, Time time, MetadataView metadata, int requestsPerShardMax) {
        this.requestsPerShardMax = requestsPerShardMax;
        this.settings = settings;
        this.time = time;
        this.metadata = metadata;
        this.threads = new ShardThreads(THREADS, nodeId);
    }

    @Override
    public synchronized void roleChanged(Partition p) {
        TopicPartition tp = p.topicPartition();
        if (closed || !InternalTopics.CONSUMER_OFFSETS.equals(tp.topic())) {
            return;
        }
        ShardHost current = hosts.get(tp.partition());
        if (p.isLeader()) {
            if (current != null && current.partition() == p && current.leaderEpoch() == p.leaderEpoch()) {
                return;
            }
            if (current != null) {
                current.unload();
            }
            ShardHost host = new ShardHost(p, p.leaderEpoch(), threads.forPartition(tp.partition()),
                    threads.loadBufferFor(tp.partition()), settings, time, requestsPerShardMax);
            // Loading is queued before the host is visible, so the shard exists when its first request runs.
            host.load();
            hosts.put(tp.partition(), host);
        } else if (current != null) {
            hosts.remove(tp.partition());
            current.unload();
        }
    }

    @Override
    public synchronized void removed(Partition p) {
        TopicPartition tp = p.topicPartition();
        if (!InternalTopics.CONSUMER_OFFSETS.equals(tp.topic())) {
            return;
        }
        ShardHost current = hosts.get(tp.partition());
        if (current != null && current.partition() == p) {
            hosts.remove(tp.partition());
            current.unload();
        }
    }

    /** From the partitions' announcements: a coordinator partition's high watermark moved. */
    public void highWatermarkMoved(TopicPartition tp) {
        if (InternalTopics.CONSUMER_OFFSETS.equals(tp.topic())) {
            ShardHost host = hosts.get(tp.partition());
            if (host != null) {
                host.onHighWatermark();
            }
        }
    }

    /** The {@code __consumer_offsets} partition of {@code groupId}, or -1 while the topic does not exist. */
    public int partitionFor(String groupId) {
        TopicImage offsets = metadata.image().topic(InternalTopics.CONSUMER_OFFSETS);
        return offsets == null ? -1 : InternalTopics.consumerOffsetsPartition(groupId, offsets.partitionCount());
    }

    /** Hands {@code request} to the coordinator of {@code groupId}'s partition. */
    public CompletableFuture<CoordinatorResponse> handle(String groupId, CoordinatorRequest request) {
        return handle(partitionFor(groupId), request);
    }

    /** Hands {@code request} to the shard of {@code partition}; NOT_COORDINATOR when this broker does not lead it. */
    public CompletableFuture<CoordinatorResponse> handle(int partition, CoordinatorRequest request) {
        ShardHost host = partition < 0 ? null : hosts.get(partition);
        if (host == null) {
            return CompletableFuture.completedFuture(request.errorResponse(ErrorCode.NOT_COORDINATOR));
        }
        return host.submit(request);
    }

    /** Hands {@code request} to every shard this broker hosts (ListGroups); one future per shard. */
    public List<CompletableFuture<CoordinatorResponse>> handleEverywhere(CoordinatorRequest request) {
        List<CompletableFuture<CoordinatorResponse>> out = new ArrayList<>();
        for (ShardHost host : hosts.values()) {
            out.add(host.submit(request));
        }
        return out;
    }

    /**
     * A metadata image replaced another (on the metadata thread): tells every shard here of the topics
     * it no longer has, so their groups' committed offsets are deleted. Only names the new image lacks
     * count, so a topic deleted and created again in one batch keeps the offsets its new self gets.
     * A shard still loading answers COORDINATOR_LOAD_IN_PROGRESS and keeps those offsets until they
     * expire, as Kafka's does; that is logged.
     */
    public void onImage(MetadataImage prev, MetadataImage next) {
        if (hosts.isEmpty()) {
            // A broker leading no offsets partition has no offsets to delete: skip the walk over every topic.
            return;
        }
        Set<String> deleted = new TreeSet<>();
        for (Map.Entry<TopicId, TopicImage> e : prev.topicsById().entrySet()) {
            if (!next.topicsById().containsKey(e.getKey()) && next.topic(e.getValue().name()) == null) {
                deleted.add(e.getValue().name());
            }
        }
        if (deleted.isEmpty()) {
            return;
        }
        for (ShardHost host : hosts.values()) {
            host.submit(new TopicsDeletedRequest(deleted)).whenComplete((r, error) -> {
                ErrorCode code = r == null ? null : ((TopicsDeletedResponse) r).error();
                if (error != null || code != ErrorCode.NONE) {
                    log.warn("Group coordinator for {}: the committed offsets of deleted topics {} stay until they expire ({})",
                            host.partition().topicPartition(), deleted, error != null ? error.toString() : code);
                }
            });
        }
    }

    /** The offsets partitions this broker coordinates (loaded or loading), for tests and diagnostics. */
    public List<Integer> hostedPartitions() {
        return hosts.keySet().stream().sorted().toList();
    }

    /** Answers everything waiting NOT_COORDINATOR and stops the shards' threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (ShardHost host : hosts.values()) {
                host.unload();
            }
            hosts.clear();
        }
        threads.close();
    }

    /**
     * Stops as a crash would. The sockets are closed by then, so the answers go nowhere; completing
     * the waiting requests lets go of the request frames they hold, as the purgatories' expiry does.
     */
    public void halt() {
        close();
    }
}
