package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.log.EpochEndOffset;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochRequest;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetForLeaderEpoch (KIP-320): where a leader epoch ends in the leader's log. The Java consumer
 * asks after a leader change, with the epoch its position was read in: an end offset below its
 * position means the log it read from was truncated (unclean election), and it must reset. A
 * follower may ask to find its truncation point.
 *
 * <p>Per partition: the leader answers ({@code NOT_LEADER_OR_FOLLOWER} elsewhere, for followers too,
 * as in Kafka), the current leader epoch is checked like Fetch checks it, and the answer is the
 * largest epoch at most the requested one with its end offset, or -1/-1 when the log knows none.
 * The end offset is not capped at the high watermark, for consumers either, as in Kafka: it bounds
 * where a position may be, and every consumer position is below the high watermark already.
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetForLeaderEpochRequest, OffsetForLeaderEpochResponse> {

    private final MetadataView metadata;
    private final ReplicaManager replicas;

    public OffsetForLeaderEpochHandler(MetadataView metadata, ReplicaManager replicas) {
        this.metadata = metadata;
        this.replicas = replicas;
    }

    @Override
    public CompletableFuture<OffsetForLeaderEpochResponse> handle(RequestContext ctx, OffsetForLeaderEpochRequest request) {
        MetadataImage image = metadata.image();
        List<OffsetForLeaderEpochResponse.Topic> topics = new ArrayList<>(request.topics().size());
        for (OffsetForLeaderEpochRequest.Topic rt : request.topics()) {
            TopicImage t = image.topic(rt.topic());
            List<OffsetForLeaderEpochResponse.EpochEndOffset> parts = new ArrayList<>(rt.partitions().size());
            for (OffsetForLeaderEpochRequest.Partition rp : rt.partitions()) {
                parts.add(answer(t, rp));
            }
            topics.add(new OffsetForLeaderEpochResponse.Topic(rt.topic(), parts));
        }
        return CompletableFuture.completedFuture(new OffsetForLeaderEpochResponse(0, topics));
    }

    private OffsetForLeaderEpochResponse.EpochEndOffset answer(TopicImage t, OffsetForLeaderEpochRequest.Partition rp) {
        int index = rp.partition();
        PartitionRegistration reg = t == null ? null : t.partition(index);
        if (reg == null) {
            return OffsetForLeaderEpochResponse.EpochEndOffset.failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        Partition p = replicas.partition(t.topicPartition(index));
        if (p == null || !p.isLeader()) {
            return OffsetForLeaderEpochResponse.EpochEndOffset.failed(index, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        }
        ErrorCode epochError = p.checkLeaderEpoch(rp.currentLeaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return OffsetForLeaderEpochResponse.EpochEndOffset.failed(index, epochError);
        }
        EpochEndOffset end = p.endOffsetForEpoch(rp.leaderEpoch());
        return new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, index, end.leaderEpoch(), end.endOffset());
    }
}
