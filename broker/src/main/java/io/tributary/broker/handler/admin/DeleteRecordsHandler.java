package io.tributary.broker.handler.admin;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.DelayedPartitionWait;
import io.tributary.broker.handler.InternalTopics;
import io.tributary.broker.handler.RequestContext;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.RecordDeletion;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.broker.purgatory.Purgatory;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.deleterecords.DeleteRecordsRequest;
import io.tributary.wire.api.deleterecords.DeleteRecordsResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * DeleteRecords (KIP-107, {@code Admin.deleteRecords}, {@code kafka-delete-records}): on each
 * partition this broker leads, moves the log start offset up to the requested offset (-1: the high
 * watermark) and deletes the segments wholly below it ({@link Partition#deleteRecords}); followers
 * follow the leader's log start from their fetch responses and report theirs in their fetches. Each
 * partition is answered with its low watermark once every in-sync replica's log start has reached
 * the new one, or REQUEST_TIMED_OUT after the request's {@code timeoutMs}; the wait is in the produce
 * purgatory, which is bounded.
 *
 * <p>Errors, as Kafka's: UNKNOWN_TOPIC_OR_PARTITION for a partition the metadata lacks,
 * INVALID_TOPIC_EXCEPTION for an internal topic (only the broker itself may delete from those),
 * NOT_LEADER_OR_FOLLOWER off the leader, POLICY_VIOLATION on a topic whose {@code cleanup.policy}
 * lacks {@code delete}, OFFSET_OUT_OF_RANGE past the high watermark.
 */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequest, DeleteRecordsResponse> {

    private final MetadataView metadata;
    private final ReplicaManager replicas;
    private final Purgatory<TopicPartition> purgatory;

    public DeleteRecordsHandler(MetadataView metadata, ReplicaManager replicas, Purgatory<TopicPartition> purgatory) {
        this.metadata = metadata;
        this.replicas = replicas;
        this.purgatory = purgatory;
    }

    @Override
    public CompletableFuture<DeleteRecordsResponse> handle(RequestContext ctx, DeleteRecordsRequest request) {
        MetadataImage image = metadata.image();
        // Answers in request order; a partition that waits gets its answer when the delayed operation completes.
        Map<String, List<Object>> answers = new LinkedHashMap<>();
        List<DelayedDeleteRecords.Pending> pending = new ArrayList<>();
        for (DeleteRecordsRequest.Topic rt : request.topics()) {
            List<Object> parts = answers.computeIfAbsent(rt.name(), n -> new ArrayList<>());
            TopicImage t = image.topic(rt.name());
            for (DeleteRecordsRequest.Partition rp : rt.partitions()) {
                if (t == null || t.partition(rp.partition()) == null) {
                    parts.add(DeleteRecordsResponse.Partition.failed(rp.partition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
                    continue;
                }
                if (InternalTopics.isInternal(rt.name())) {
                    parts.add(DeleteRecordsResponse.Partition.failed(rp.partition(), ErrorCode.INVALID_TOPIC_EXCEPTION));
                    continue;
                }
                TopicPartition tp = t.topicPartition(rp.partition());
                Partition p = replicas.partition(tp);
                RecordDeletion d = p == null ? null : p.deleteRecords(rp.offset());
                if (d == null || d.error() != ErrorCode.NONE) {
                    parts.add(DeleteRecordsResponse.Partition.failed(rp.partition(), d == null ? ErrorCode.NOT_LEADER_OR_FOLLOWER : d.error()));
                    continue;
                }
                DelayedDeleteRecords.Pending w = new DelayedDeleteRecords.Pending(tp, p, d.requiredLowWatermark());
                pending.add(w);
                parts.add(w);
            }
        }
        CompletableFuture<DeleteRecordsResponse> future = new CompletableFuture<>();
        if (pending.isEmpty()) {
            future.complete(response(answers));
            return future;
        }
        DelayedPartitionWait<DelayedDeleteRecords.Pending> op = new DelayedPartitionWait<>(Math.max(0, request.timeoutMs()), pending,
                replicas, expired -> future.complete(response(answers)));
        purgatory.tryCompleteElseWatch(op);
        return future;
    }

    private static DeleteRecordsResponse response(Map<String, List<Object>> answers) {
        List<DeleteRecordsResponse.Topic> topics = new ArrayList<>(answers.size());
        answers.forEach((name, parts) -> topics.add(new DeleteRecordsResponse.Topic(name, parts.stream().map(o -> {
            if (o instanceof DelayedDeleteRecords.Pending w) {
                int partition = w.topicPartition().partition();
                return w.outcome() == ErrorCode.NONE ? new DeleteRecordsResponse.Partition(partition, w.lowWatermark, ErrorCode.NONE)
                        : DeleteRecordsResponse.Partition.failed(partition, w.outcome());
            }
            return (DeleteRecordsResponse.Partition) o;
        }).toList())));
        return new DeleteRecordsResponse(0, topics);
    }
}
