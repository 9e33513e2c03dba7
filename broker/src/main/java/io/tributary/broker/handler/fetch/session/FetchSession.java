package io.tributary.broker.handler.fetch.session;

import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One incremental fetch session (KIP-227): the partitions a client fetches, so that it need send
 * only what changed, and the epoch its next request must carry, so that a lost or repeated request
 * is noticed instead of silently desynchronising both sides.
 *
 * <p>Epochs: a session is created by a full fetch (epoch 0) and expects epoch 1 next; each accepted
 * incremental request moves it on by one, wrapping from {@code Integer.MAX_VALUE} to 1 (0 and -1 are
 * reserved for full fetches). Partitions keep the order they were added in, except that a partition
 * sent in an incremental response moves to the end, so that under a response size limit the
 * partitions behind it get their turn next time, as Kafka rotates them.
 *
 * <p>Threading: the epoch and the partitions are guarded by this object's monitor (a client has
 * one request in flight per session; the monitor keeps a misbehaving one from corrupting it). The
 * last-used time belongs to the {@link FetchSessionCache}.
 */
public final class FetchSession {

    private final int id;
    private final boolean privileged;
    private final boolean usesTopicIds;
    private final LinkedHashMap<PartitionKey, CachedPartition> partitions;
    private int epoch = 1;
    long lastUsedMs; // guarded by the cache

    FetchSession(int id, boolean privileged, boolean usesTopicIds, LinkedHashMap<PartitionKey, CachedPartition> partitions, long nowMs) {
        this.id = id;
        this.privileged = privileged;
        this.usesTopicIds = usesTopicIds;
        this.partitions = partitions;
        this.lastUsedMs = nowMs;
    }

    public int id() {
        return id;
    }

    /** A follower's session: replication must not lose its session to consumers when the cache is full. */
    public boolean privileged() {
        return privileged;
    }

    boolean usesTopicIds() {
        return usesTopicIds;
    }

    /** The epoch the next incremental request must carry. */
    synchronized int epoch() {
        return epoch;
    }

    synchronized int size() {
        return partitions.size();
    }

    static int nextEpoch(int epoch) {
        return epoch == Integer.MAX_VALUE ? 1 : epoch + 1;
    }

    /**
     * Applies an accepted incremental request: partitions it names are added or take its new
     * parameters, forgotten ones are dropped, and the epoch moves on. Returns the request to read,
     * which names every partition of the session with its current parameters.
     */
    synchronized FetchRequest accept(FetchRequest request) {
        for (FetchRequest.Topic t : request.topics()) {
            for (FetchRequest.Partition p : t.partitions()) {
                CachedPartition cached = partitions.get(PartitionKey.of(t, p.partition()));
                if (cached == null) {
                    partitions.put(PartitionKey.of(t, p.partition()), new CachedPartition(p));
                } else {
                    cached.updateRequest(p);
                }
            }
        }
        for (FetchRequest.ForgottenTopic f : request.forgottenTopics()) {
            for (int p : f.partitions()) {
                partitions.remove(PartitionKey.of(f, p));
            }
        }
        epoch = nextEpoch(epoch);
        return toRequest(request);
    }

    /** {@code template}'s top-level fields with this session's partitions, grouped by topic in session order. */
    private FetchRequest toRequest(FetchRequest template) {
        List<FetchRequest.Topic> topics = new ArrayList<>();
        PartitionKey topicKey = null;
        List<FetchRequest.Partition> current = null;
        for (Map.Entry<PartitionKey, CachedPartition> e : partitions.entrySet()) {
            if (topicKey == null || !topicKey.sameTopic(e.getKey())) {
                if (current != null) {
                    topics.add(new FetchRequest.Topic(topicKey.topicName(), topicKey.topicId(), current));
                }
                topicKey = e.getKey();
                current = new ArrayList<>();
            }
            current.add(e.getValue().request());
        }
        if (current != null) {
            topics.add(new FetchRequest.Topic(topicKey.topicName(), topicKey.topicId(), current));
        }
        return new FetchRequest(template.replicaId(), template.replicaEpoch(), template.maxWaitMs(), template.minBytes(),
                template.maxBytes(), template.isolationLevel(), template.sessionId(), template.sessionEpoch(), topics, List.of(),
                template.rackId(), template.clusterId());
    }

    /**
     * Whether an incremental response must carry this partition ({@link CachedPartition#mustRespond});
     * one that must goes to the back of the session's order.
     */
    synchronized boolean mustRespond(PartitionKey key, FetchResponse.PartitionResponse response) {
        CachedPartition cached = partitions.get(key);
        if (cached == null) {
            // Forgotten by a later request while this one was waiting: the client no longer wants it.
            return false;
        }
        if (!cached.mustRespond(response)) {
            return false;
        }
        partitions.remove(key);
        partitions.put(key, cached);
        return true;
    }

    @Override
    public String toString() {
        return "FetchSession(" + id + (privileged ? ", follower" : "") + ", " + size() + " partitions, next epoch " + epoch() + ")";
    }
}
