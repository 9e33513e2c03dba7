package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.OffsetCommitRequest.PartitionCommit;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.offsetcommit.OffsetCommitRequest;
import io.tributary.wire.api.offsetcommit.OffsetCommitResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * OffsetCommit: partitions of topics this broker's metadata does not know are refused here, as Kafka
 * does (UNKNOWN_TOPIC_OR_PARTITION, or UNKNOWN_TOPIC_ID for a v10 topic id); the rest go to the
 * group's coordinator, whose answer comes once the commit records are replicated (acks=all).
 */
public final class OffsetCommitHandler implements ApiHandler<OffsetCommitRequest, OffsetCommitResponse> {

    private final MetadataView metadata;
    private final GroupCoordinatorRuntime coordinator;

    public OffsetCommitHandler(MetadataView metadata, GroupCoordinatorRuntime coordinator) {
        this.metadata = metadata;
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<OffsetCommitResponse> handle(RequestContext ctx, OffsetCommitRequest r) {
        MetadataImage image = metadata.image();
        Map<OffsetCommitRequest.Topic, TopicImage> known = new HashMap<>();
        List<PartitionCommit> commits = new ArrayList<>();
        for (OffsetCommitRequest.Topic t : r.topics()) {
            TopicImage ti = t.topic().hasId() ? image.topic(t.topic().id()) : image.topic(t.topic().name());
            if (ti == null) {
                continue;
            }
            known.put(t, ti);
            for (OffsetCommitRequest.Partition p : t.partitions()) {
                if (p.partition() >= 0 && p.partition() < ti.partitionCount()) {
                    commits.add(new PartitionCommit(new TopicPartition(ti.name(), p.partition()), p.committedOffset(),
                            p.committedLeaderEpoch(), GroupWire.orEmpty(p.committedMetadata())));
                }
            }
        }
        if (commits.isEmpty()) {
            return CompletableFuture.completedFuture(answer(r, known, Map.of()));
        }
        var request = new io.tributary.coordinator.api.OffsetCommitRequest(GroupWire.orEmpty(r.groupId()),
                r.generationIdOrMemberEpoch(), GroupWire.orEmpty(r.memberId()), r.groupInstanceId(), r.retentionTimeMs(), commits);
        return coordinator.handle(request.groupId(), request).thenApply(resp -> {
            Map<TopicPartition, ErrorCode> results = new HashMap<>();
            for (PartitionResult pr : ((io.tributary.coordinator.api.OffsetCommitResponse) resp).partitions()) {
                results.put(pr.partition(), pr.error());
            }
            return answer(r, known, results);
        });
    }

    private static OffsetCommitResponse answer(OffsetCommitRequest r, Map<OffsetCommitRequest.Topic, TopicImage> known,
                                               Map<TopicPartition, ErrorCode> results) {
        List<OffsetCommitResponse.Topic> topics = new ArrayList<>(r.topics().size());
        for (OffsetCommitRequest.Topic t : r.topics()) {
            TopicImage ti = known.get(t);
            List<OffsetCommitResponse.Partition> parts = new ArrayList<>(t.partitions().size());
            for (OffsetCommitRequest.Partition p : t.partitions()) {
                ErrorCode e;
                if (ti == null) {
                    e = t.topic().hasId() ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
                } else {
                    e = results.getOrDefault(new TopicPartition(ti.name(), p.partition()), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
                }
                parts.add(new OffsetCommitResponse.Partition(p.partition(), e));
            }
            topics.add(new OffsetCommitResponse.Topic(t.topic(), parts));
        }
        return new OffsetCommitResponse(0, topics);
    }
}
