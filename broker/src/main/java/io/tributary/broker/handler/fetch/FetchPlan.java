package io.tributary.broker.handler.fetch;

import io.tributary.broker.replica.ReplicationThrottle;
import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.log.LogStorageException;
import io.tributary.log.OffsetOutOfRangeException;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.LeaderAndEpoch;
import io.tributary.wire.api.NodeEndpoint;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One fetch request, resolved against metadata once: for every partition asked for, either the
 * local {@link Partition} to read or the error to answer with. {@link #read} reads all of them
 * under the response and partition byte limits, with Kafka's rule that the first partition with
 * data returns at least one whole batch even if it is larger than the limits, so a consumer never
 * stalls on a big batch.
 */
final class FetchPlan {

    /**
     * One partition of the request. {@code partition} is null when {@code error} is set; {@code leader}
     * is the partition's leader as the metadata said when the plan was made (a hint for a client told
     * {@code NOT_LEADER_OR_FOLLOWER}).
     */
    record Entry(String topicName, TopicId topicId, FetchRequest.Partition request, TopicPartition tp, Partition partition,
                 ErrorCode error, LeaderAndEpoch leader) {
    }

    /**
     * What one pass of reads found.
     *
     * @param throttledBytes the bytes of replicas under the leader's replication throttle, counted once the response is sent
     */
    record Result(FetchResponse response, long bytes, boolean anyError, long throttledBytes) {
    }

    private final List<List<Entry>> topics;
    private final boolean fromFollower;
    private final int responseBytesMax;
    private final Function<Set<Integer>, List<NodeEndpoint>> endpoints;
    private final Set<TopicPartition> throttled;
    private final ReplicationThrottle throttle;
    private final LongSupplier clockMs;

    /** @param endpoints where the named brokers listen, for the leader hints of {@code NOT_LEADER_OR_FOLLOWER} answers */
    FetchPlan(List<List<Entry>> topics, boolean fromFollower, int responseBytesMax, Function<Set<Integer>, List<NodeEndpoint>> endpoints) {
        this(topics, fromFollower, responseBytesMax, endpoints, Set.of(), null, () -> 0L);
    }

    /**
     * @param throttled the partitions whose replication to this follower the leader throttles ({@code throttle})
     */
    FetchPlan(List<List<Entry>> topics, boolean fromFollower, int responseBytesMax, Function<Set<Integer>, List<NodeEndpoint>> endpoints,
              Set<TopicPartition> throttled, ReplicationThrottle throttle, LongSupplier clockMs) {
        this.topics = topics;
        this.fromFollower = fromFollower;
        this.responseBytesMax = responseBytesMax;
        this.endpoints = endpoints;
        this.throttled = Set.copyOf(throttled);
        this.throttle = throttle;
        this.clockMs = clockMs;
    }

    /** The response of {@code r} goes out: its throttled bytes count against the leader's replication throttle. */
    void sent(Result r) {
        if (throttle != null && r.throttledBytes() > 0) {
            throttle.record(r.throttledBytes(), clockMs.getAsLong());
        }
    }

    List<TopicPartition> partitions() {
        List<TopicPartition> out = new ArrayList<>();
        for (List<Entry> t : topics) {
            for (Entry e : t) {
                if (e.tp() != null) {
                    out.add(e.tp());
                }
            }
        }
        return out;
    }

    /**
     * Tells each led partition where the fetching follower is (its fetch offset, when the logs agree
     * up to it) and its log start (which DeleteRecords waits on), once per request, before the first
     * read: that moves the high watermark, which the response then carries. Fetches answered with an error or a diverging epoch are not counted.
     */
    void recordFollowerPositions(int replicaId, long replicaBrokerEpoch, long nowMs) {
        if (!fromFollower) {
            return;
        }
        for (List<Entry> t : topics) {
            for (Entry e : t) {
                Partition p = e.partition();
                FetchRequest.Partition rp = e.request();
                if (e.error() != null || p == null || !p.isLeader() || p.checkLeaderEpoch(rp.currentLeaderEpoch()) != ErrorCode.NONE
                        || rp.fetchOffset() < p.logStartOffset()
                        || p.divergingEpoch(rp.lastFetchedEpoch(), rp.fetchOffset()).isPresent()) {
                    continue;
                }
                if (p.onFollowerFetch(replicaId, replicaBrokerEpoch, rp.fetchOffset(), nowMs)) {
                    p.onFollowerLogStart(replicaId, rp.logStartOffset());
                }
            }
        }
    }

    boolean hasErrors() {
        return topics.stream().flatMap(List::stream).anyMatch(e -> e.error() != null);
    }

    /**
     * Reads every partition. {@code stillCurrent} says whether a partition object is still the one
     * hosted (it may have been deleted while the fetch waited).
     */
    Result read(java.util.function.Predicate<Entry> stillCurrent) {
        List<FetchResponse.TopicResponse> out = new ArrayList<>(topics.size());
        long remaining = responseBytesMax;
        boolean minOneBatch = true;
        long total = 0;
        long throttledTotal = 0;
        boolean throttleExceeded = throttle != null && !throttled.isEmpty() && throttle.isExceeded(clockMs.getAsLong());
        boolean anyError = false;
        Set<Integer> leaders = new TreeSet<>();
        for (List<Entry> t : topics) {
            List<FetchResponse.PartitionResponse> parts = new ArrayList<>(t.size());
            String name = null;
            TopicId id = null;
            for (Entry e : t) {
                name = e.topicName();
                id = e.topicId();
                FetchRequest.Partition rp = e.request();
                ErrorCode error = e.error();
                Partition p = e.partition();
                if (error == null && !stillCurrent.test(e)) {
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                }
                if (error == null && !p.isLeader()) {
                    // Followers fetch from the leader only, like consumers: a replica that is not the
                    // leader may hold a tail the leader never had.
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                }
                if (error == null) {
                    error = p.checkLeaderEpoch(rp.currentLeaderEpoch());
                    if (error == ErrorCode.NONE) {
                        error = null;
                    }
                }
                if (error != null) {
                    anyError = true;
                    LeaderAndEpoch leader = null;
                    if (error == ErrorCode.NOT_LEADER_OR_FOLLOWER || error == ErrorCode.FENCED_LEADER_EPOCH) {
                        // The partition's own view is fresher than the plan's when it is still hosted here.
                        leader = p != null && stillCurrent.test(e) ? new LeaderAndEpoch(p.leaderId(), p.leaderEpoch()) : e.leader();
                        if (leader.leaderId() >= 0) {
                            leaders.add(leader.leaderId());
                        }
                    }
                    parts.add(new FetchResponse.PartitionResponse(rp.partition(), error, -1L, -1L, -1L, null, leader, null, List.of(),
                            -1, RecordsSlice.EMPTY));
                    continue;
                }
                long hw = p.highWatermark();
                long logStart = p.logStartOffset();
                if (fromFollower) {
                    java.util.Optional<io.tributary.replication.partition.EpochEndOffset> diverging =
                            p.divergingEpoch(rp.lastFetchedEpoch(), rp.fetchOffset());
                    if (diverging.isPresent()) {
                        // No records: the follower truncates first, then fetches again from where the logs agree.
                        anyError = true;
                        parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.NONE, hw, hw, logStart,
                                new FetchResponse.EpochEndOffset(diverging.get().epoch(), diverging.get().endOffset()), null, null,
                                List.of(), -1, RecordsSlice.EMPTY));
                        continue;
                    }
                }
                boolean isThrottled = throttled.contains(e.tp());
                if (isThrottled && throttleExceeded) {
                    // Past leader.replication.throttled.rate: this moving replica gets no data until the rate falls.
                    parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.NONE, hw, hw, logStart, null, null, null,
                            List.of(), -1, RecordsSlice.EMPTY));
                    continue;
                }
                int limit = (int) Math.min(rp.partitionMaxBytes(), Math.max(0, remaining));
                RecordsSlice records;
                try {
                    records = p.read(rp.fetchOffset(), limit, minOneBatch, fromFollower);
                } catch (OffsetOutOfRangeException oor) {
                    anyError = true;
                    parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.OFFSET_OUT_OF_RANGE, hw, hw, logStart,
                            null, null, null, List.of(), -1, RecordsSlice.EMPTY));
                    continue;
                } catch (LogStorageException storage) {
                    // The partition was closed under us (deleted, or the node is stopping): the client looks elsewhere.
                    anyError = true;
                    parts.add(FetchResponse.PartitionResponse.failed(rp.partition(),
                            stillCurrent.test(e) ? ErrorCode.KAFKA_STORAGE_ERROR : ErrorCode.NOT_LEADER_OR_FOLLOWER));
                    continue;
                }
                int size = records.sizeInBytes();
                if (size > 0) {
                    minOneBatch = false;
                    remaining -= size;
                    total += size;
                    if (isThrottled) {
                        throttledTotal += size;
                    }
                }
                parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.NONE, hw, hw, logStart, null, null, null,
                        List.of(), -1, records));
            }
            out.add(new FetchResponse.TopicResponse(name, id, parts));
        }
        List<NodeEndpoint> hints = leaders.isEmpty() ? List.of() : endpoints.apply(leaders);
        return new Result(new FetchResponse(0, ErrorCode.NONE, 0, out, hints), total, anyError, throttledTotal);
    }
}
