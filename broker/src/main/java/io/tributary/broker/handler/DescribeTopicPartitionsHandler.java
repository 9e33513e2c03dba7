package io.tributary.broker.handler;

import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.metadata.controller.TopicNames;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsRequest.Cursor;
import io.tributary.wire.api.describetopicpartitions.DescribeTopicPartitionsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeTopicPartitions (KIP-966): what Metadata says about each partition (leader, epoch, replicas,
 * ISR, offline replicas, with the same LEADER_NOT_AVAILABLE and LISTENER_NOT_FOUND errors), plus the
 * eligible leader replicas and the last known ELR, so that {@code kafka-topics --describe} and
 * {@code Admin.describeTopics} show who may lead a partition whose ISR shrank below min ISR.
 *
 * <p>Kafka's rules, which clients rely on to page through a large cluster:
 * <ul>
 *   <li>Topics come in name order; no topics in the request means every topic.</li>
 *   <li>A cursor (topic, partition index) says where to start; when topics are named, the cursor's topic
 *       must be one of them, or the whole request is refused with INVALID_REQUEST.</li>
 *   <li>A response holds at most {@code min(responsePartitionLimit, partitionLimit)} partitions; when
 *       more remain, {@code nextCursor} names the first one left out (a topic's partition, or the next
 *       topic from partition 0).</li>
 *   <li>A named topic that does not exist is answered with UNKNOWN_TOPIC_OR_PARTITION (INVALID_TOPIC_EXCEPTION
 *       for an illegal name) and takes no room; when listing every topic there is no such case.</li>
 * </ul>
 * One deliberate difference: a limit below 1 is read as 1. Kafka answers it with no partitions and a
 * cursor pointing where the request started, which a client that follows cursors would loop on forever.
 */
public final class DescribeTopicPartitionsHandler implements ApiHandler<DescribeTopicPartitionsRequest, DescribeTopicPartitionsResponse> {

    /** Kafka's broker default for {@code max.request.partition.size.limit}. */
    public static final int DEFAULT_PARTITION_LIMIT = 2000;

    private final MetadataView metadata;
    private final int partitionLimit;

    /** @param partitionLimit the most partitions one response holds, whatever the client asks ({@code max.request.partition.size.limit}) */
    public DescribeTopicPartitionsHandler(MetadataView metadata, int partitionLimit) {
        if (partitionLimit < 1) {
            throw new IllegalArgumentException("partitionLimit must be positive: " + partitionLimit);
        }
        this.metadata = metadata;
        this.partitionLimit = partitionLimit;
    }

    @Override
    public CompletableFuture<DescribeTopicPartitionsResponse> handle(RequestContext ctx, DescribeTopicPartitionsRequest request) {
        return CompletableFuture.completedFuture(answer(ctx.listenerName(), request));
    }

    DescribeTopicPartitionsResponse answer(String listener, DescribeTopicPartitionsRequest request) {
        MetadataImage image = metadata.image();
        boolean allTopics = request.topics().isEmpty();
        Cursor cursor = request.cursor();
        if (cursor != null && (cursor.partitionIndex() < 0 || (!allTopics && !request.topics().contains(cursor.topicName())))) {
            return refused(request);
        }
        String from = cursor == null ? "" : cursor.topicName();
        SortedSet<String> names = allTopics ? new TreeSet<>(image.topics().keySet()) : new TreeSet<>(request.topics());
        names = names.tailSet(from);

        int remaining = Math.max(1, Math.min(partitionLimit, request.responsePartitionLimit()));
        List<DescribeTopicPartitionsResponse.Topic> topics = new ArrayList<>();
        Cursor next = null;
        for (String name : names) {
            if (remaining == 0) {
                next = new Cursor(name, 0);
                break;
            }
            TopicImage topic = image.topic(name);
            if (topic == null) {
                // Only a named topic can be missing: when listing every topic, names come from this very image.
                ErrorCode e = TopicNames.invalidReason(name).isPresent()
                        ? ErrorCode.INVALID_TOPIC_EXCEPTION : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
                topics.add(new DescribeTopicPartitionsResponse.Topic(e, name, TopicId.ZERO, InternalTopics.isInternal(name), List.of(),
                        AuthorizedOperations.TOPIC));
                continue;
            }
            int start = cursor != null && name.equals(cursor.topicName()) ? Math.min(cursor.partitionIndex(), topic.partitionCount()) : 0;
            int end = start + Math.min(remaining, topic.partitionCount() - start);
            topics.add(describe(topic, start, end, image, listener));
            if (end < topic.partitionCount()) {
                next = new Cursor(name, end);
                break;
            }
            remaining -= end - start;
        }
        return new DescribeTopicPartitionsResponse(0, topics, next);
    }

    /** Kafka refuses a bad cursor with the request's error response: every named topic with INVALID_REQUEST. */
    private static DescribeTopicPartitionsResponse refused(DescribeTopicPartitionsRequest request) {
        List<DescribeTopicPartitionsResponse.Topic> topics = new ArrayList<>();
        for (String name : request.topics()) {
            topics.add(new DescribeTopicPartitionsResponse.Topic(ErrorCode.INVALID_REQUEST, name, TopicId.ZERO, false, List.of(),
                    DescribeTopicPartitionsResponse.OPERATIONS_OMITTED));
        }
        return new DescribeTopicPartitionsResponse(0, topics, null);
    }

    private static DescribeTopicPartitionsResponse.Topic describe(TopicImage topic, int start, int end, MetadataImage image,
                                                                  String listener) {
        List<DescribeTopicPartitionsResponse.Partition> parts = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            PartitionRegistration reg = topic.partition(i);
            ErrorCode e = MetadataHandler.partitionError(reg, image, listener);
            parts.add(new DescribeTopicPartitionsResponse.Partition(e, i, reg.leader(), reg.leaderEpoch(), reg.replicas(), reg.isr(),
                    reg.elr(), reg.lastKnownElr(), image.offlineReplicas(reg)));
        }
        return new DescribeTopicPartitionsResponse.Topic(ErrorCode.NONE, topic.name(), topic.id(), InternalTopics.isInternal(topic.name()),
                parts, AuthorizedOperations.TOPIC);
    }
}
