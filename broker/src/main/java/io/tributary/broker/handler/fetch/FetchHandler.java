package io.tributary.broker.handler.fetch;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.LeaderHints;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.handler.fetch.session.FetchContext;
import io.tributary.broker.handler.fetch.session.FetchSessions;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.broker.replica.ReplicationThrottle;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Fetch: consumers read below the high watermark, followers below the log end. Answers at once when
 * {@code min.bytes} are readable (or {@code max.wait.ms} is 0, or a partition has an error);
 * otherwise parks a {@link DelayedFetch}. Fetch sessions (KIP-227) wrap the reading: the session
 * layer decides which partitions to read (an incremental fetch reads every partition of its session)
 * and which to send back ({@link FetchContext}); reading knows nothing of sessions.
 */
public final class FetchHandler implements ApiHandler<FetchRequest, FetchResponse> {

    /** Fetch v13 names topics by id, so its sessions key partitions by id. */
    private static final short TOPIC_IDS_VERSION = 13;

    private final MetadataView metadata;
    private final ReplicaManager replicas;
    private final Purgatory<TopicPartition> fetchPurgatory;
    private final int brokerFetchBytesMax;
    private final Time time;
    private final FetchSessions sessions;
    private final ReplicationThrottle leaderThrottle;

    /** @param brokerFetchBytesMax {@code fetch.max.bytes}: caps what any request may ask for */
    public FetchHandler(MetadataView metadata, ReplicaManager replicas, Purgatory<TopicPartition> fetchPurgatory,
                        int brokerFetchBytesMax, Time time, FetchSessions sessions) {
        this(metadata, replicas, fetchPurgatory, brokerFetchBytesMax, time, sessions, null);
    }

    /** @param leaderThrottle the leader side of the replication throttle, or null for none */
    public FetchHandler(MetadataView metadata, ReplicaManager replicas, Purgatory<TopicPartition> fetchPurgatory,
                        int brokerFetchBytesMax, Time time, FetchSessions sessions, ReplicationThrottle leaderThrottle) {
        this.leaderThrottle = leaderThrottle;
        this.metadata = metadata;
        this.replicas = replicas;
        this.fetchPurgatory = fetchPurgatory;
        this.brokerFetchBytesMax = brokerFetchBytesMax;
        this.time = time;
        this.sessions = sessions;
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext ctx, FetchRequest received) {
        long receivedMonotonicMs = ctx.receivedNs() / 1_000_000;
        FetchContext session = sessions.open(received, ctx.header().apiVersion() >= TOPIC_IDS_VERSION, receivedMonotonicMs);
        if (session instanceof FetchContext.SessionError refused) {
            return CompletableFuture.completedFuture(refused.response());
        }
        FetchRequest request = session.toRead();
        FetchPlan plan = plan(ctx, request);
        plan.recordFollowerPositions(request.replicaId(), request.replicaEpoch(), time.milliseconds());
        FetchPlan.Result first = plan.read(this::stillCurrent);
        if (request.maxWaitMs() <= 0 || first.bytes() >= request.minBytes() || first.anyError() || plan.partitions().isEmpty()) {
            plan.sent(first);
            return CompletableFuture.completedFuture(session.respond(first.response()));
        }
        CompletableFuture<FetchResponse> future = new CompletableFuture<>();
        fetchPurgatory.tryCompleteElseWatch(new DelayedFetch(request.maxWaitMs(), plan, request.minBytes(), this::stillCurrent, future));
        return future.thenApply(session::respond);
    }

    private boolean stillCurrent(FetchPlan.Entry e) {
        return replicas.partition(e.tp()) == e.partition();
    }

    private FetchPlan plan(RequestContext ctx, FetchRequest request) {
        MetadataImage image = metadata.image();
        List<List<FetchPlan.Entry>> topics = new ArrayList<>();
        Set<TopicPartition> throttled = new HashSet<>();
        for (FetchRequest.Topic rt : request.topics()) {
            boolean byId = rt.name() == null && !rt.topicId().isZero();
            TopicImage t = byId ? image.topic(rt.topicId()) : image.topic(rt.name());
            String name = t != null ? t.name() : rt.name();
            List<FetchPlan.Entry> entries = new ArrayList<>();
            for (FetchRequest.Partition rp : rt.partitions()) {
                if (t == null) {
                    entries.add(new FetchPlan.Entry(name, rt.topicId(), rp, null, null,
                            byId ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, null));
                    continue;
                }
                PartitionRegistration reg = t.partition(rp.partition());
                TopicPartition tp = reg == null ? null : t.topicPartition(rp.partition());
                Partition p = tp == null ? null : replicas.partition(tp);
                ErrorCode error = null;
                if (reg == null) {
                    error = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
                } else if (p == null) {
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                } else if (request.fromFollower() && !reg.isReplica(request.replicaId())) {
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                }
                entries.add(new FetchPlan.Entry(name, t.id(), rp, error == null ? tp : null, error == null ? p : null, error,
                        LeaderHints.leader(reg)));
                if (error == null && request.fromFollower() && leaderThrottle != null
                        && leaderThrottle.isThrottled(image, tp, request.replicaId())) {
                    throttled.add(tp);
                }
            }
            topics.add(entries);
        }
        int responseMax = Math.min(request.maxBytes() <= 0 ? Integer.MAX_VALUE : request.maxBytes(), brokerFetchBytesMax);
        String listener = ctx.listenerName();
        return new FetchPlan(topics, request.fromFollower(), responseMax, ids -> LeaderHints.endpoints(image, listener, ids),
                throttled, leaderThrottle, time::milliseconds);
    }
}
