package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.log.TimestampAndOffset;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.listoffsets.ListOffsetsRequest;
import io.tributary.wire.api.listoffsets.ListOffsetsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * ListOffsets: the earliest offset (log start), the latest (high watermark for consumers, log end
 * for followers), the offset of the largest timestamp, or the first offset at or after a
 * timestamp. Only offsets below the high watermark are ever revealed to consumers.
 *
 * <p>KIP-320: a request's current leader epoch is checked ({@code FENCED_LEADER_EPOCH} when older than
 * the partition's, {@code UNKNOWN_LEADER_EPOCH} when newer, -1 skips), and every offset found comes
 * with the leader epoch it was written in (v4+), from the log's leader-epoch cache, so the consumer
 * can validate a position it takes from here. A new leader whose high watermark is still below the
 * start of its epoch answers consumers {@code OFFSET_NOT_AVAILABLE} (retriable) wherever the answer
 * would depend on that high watermark: "latest" could otherwise go backwards across the election.
 */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest, ListOffsetsResponse> {

    private final MetadataView metadata;
    private final ReplicaManager replicas;

    public ListOffsetsHandler(MetadataView metadata, ReplicaManager replicas) {
        this.metadata = metadata;
        this.replicas = replicas;
    }

    @Override
    public CompletableFuture<ListOffsetsResponse> handle(RequestContext ctx, ListOffsetsRequest request) {
        MetadataImage image = metadata.image();
        boolean fromFollower = request.replicaId() >= 0;
        List<ListOffsetsResponse.Topic> topics = new ArrayList<>();
        for (ListOffsetsRequest.Topic rt : request.topics()) {
            TopicImage t = image.topic(rt.name());
            List<ListOffsetsResponse.Partition> parts = new ArrayList<>();
            for (ListOffsetsRequest.Partition rp : rt.partitions()) {
                parts.add(answer(t, rp, fromFollower));
            }
            topics.add(new ListOffsetsResponse.Topic(rt.name(), parts));
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse(0, topics));
    }

    private ListOffsetsResponse.Partition answer(TopicImage t, ListOffsetsRequest.Partition rp, boolean fromFollower) {
        int index = rp.partition();
        PartitionRegistration reg = t == null ? null : t.partition(index);
        if (reg == null) {
            return ListOffsetsResponse.Partition.failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        Partition p = replicas.partition(t.topicPartition(index));
        if (p == null || !p.isLeader()) {
            return ListOffsetsResponse.Partition.failed(index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
        ErrorCode epochError = p.checkLeaderEpoch(rp.currentLeaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return ListOffsetsResponse.Partition.failed(index, epochError);
        }
        long visibleEnd = fromFollower ? p.logEndOffset() : p.highWatermark();
        // Followers see the log end, which no election makes lag.
        boolean highWatermarkLags = !fromFollower && visibleEnd < p.leaderEpochStartOffset();
        long ts = rp.timestamp();
        if (ts == ListOffsetsRequest.EARLIEST_TIMESTAMP || ts == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            long start = p.logStartOffset();
            return new ListOffsetsResponse.Partition(index, ErrorCode.NONE, -1L, start, epochAt(p, start));
        }
        if (ts == ListOffsetsRequest.LATEST_TIMESTAMP) {
            if (highWatermarkLags) {
                return ListOffsetsResponse.Partition.failed(index, ErrorCode.OFFSET_NOT_AVAILABLE);
            }
            return new ListOffsetsResponse.Partition(index, ErrorCode.NONE, -1L, visibleEnd, p.leaderEpoch());
        }
        if (ts == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP) {
            // No tiered storage: there is no tiered offset to report.
            return new ListOffsetsResponse.Partition(index, ErrorCode.NONE, -1L, -1L, -1);
        }
        Optional<TimestampAndOffset> found;
        if (ts == ListOffsetsRequest.MAX_TIMESTAMP) {
            found = p.log().maxTimestampAndOffset();
        } else if (ts < 0) {
            return ListOffsetsResponse.Partition.failed(index, ErrorCode.INVALID_REQUEST);
        } else {
            found = p.log().offsetForTimestamp(ts);
        }
        if (found.isPresent() && found.get().offset() >= visibleEnd && highWatermarkLags) {
            // The answer lies above a high watermark that has not caught up yet: ask again later, rather
            // than say "no such offset" about records that may well be committed.
            return ListOffsetsResponse.Partition.failed(index, ErrorCode.OFFSET_NOT_AVAILABLE);
        }
        if (found.isEmpty() || found.get().offset() >= visibleEnd) {
            return new ListOffsetsResponse.Partition(index, ErrorCode.NONE, -1L, -1L, -1);
        }
        TimestampAndOffset f = found.get();
        int epoch = p.log().leaderEpochs().epochForOffset(f.offset());
        return new ListOffsetsResponse.Partition(index, ErrorCode.NONE, f.timestamp(), f.offset(), epoch >= 0 ? epoch : f.leaderEpoch());
    }

    private static int epochAt(Partition p, long offset) {
        int e = p.log().leaderEpochs().epochForOffset(offset);
        return e < 0 ? p.leaderEpoch() : e;
    }
}
