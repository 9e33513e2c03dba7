package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreatePartitionsResponse;
import io.tributary.metadata.controller.api.CreatePartitionsResponse.TopicResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * CreatePartitions: adds partitions to existing topics with the topic's replication factor,
 * continuing the placement scheme (the new partitions' first replicas keep rotating over the live
 * brokers from where partition 0's preferred leader sits).
 */
final class PartitionCreation {

    private static final Logger log = LoggerFactory.getLogger(PartitionCreation.class);

    ControllerResult<CreatePartitionsResponse> create(MetadataImage image, CreatePartitionsRequest request, RandomGenerator random,
                                                      IntPredicate heardThisTerm) {
        Map<String, Integer> counts = new HashMap<>();
        request.topics().forEach(t -> counts.merge(t.name(), 1, Integer::sum));
        Scratch scratch = new Scratch(image);
        List<TopicResult> results = new ArrayList<>();
        for (CreatePartitionsRequest.Topic t : request.topics()) {
            ApiError error = counts.get(t.name()) > 1
                    ? ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic name.")
                    : createOne(scratch, t, random, heardThisTerm);
            results.add(new TopicResult(t.name(), error));
        }
        if (request.validateOnly()) {
            return ControllerResult.noRecords(new CreatePartitionsResponse(results));
        }
        return ControllerResult.of(scratch.records(), new CreatePartitionsResponse(results));
    }

    private static ApiError createOne(Scratch scratch, CreatePartitionsRequest.Topic t, RandomGenerator random,
                                      IntPredicate heardThisTerm) {
        MetadataImage image = scratch.image();
        TopicImage topic = image.topic(t.name());
        if (topic == null) {
            return ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "This server does not host this topic-partition.");
        }
        int current = topic.partitionCount();
        if (t.count() == current) {
            return ApiError.of(ErrorCode.INVALID_PARTITIONS, "Topic already has " + current + " partition(s).");
        }
        if (t.count() < current) {
            return ApiError.of(ErrorCode.INVALID_PARTITIONS, "The topic " + t.name() + " currently has " + current
                    + " partition(s); " + t.count() + " would not be an increase.");
        }
        int additional = t.count() - current;
        if (t.count() > TopicCreation.MAX_PARTITIONS_PER_TOPIC) {
            return ApiError.of(ErrorCode.INVALID_PARTITIONS,
                    "Number of partitions " + t.count() + " exceeds the limit of " + TopicCreation.MAX_PARTITIONS_PER_TOPIC + " per topic.");
        }
        int rf = topic.partitions().get(0).replicas().size();
        List<List<Integer>> placement = new ArrayList<>();
        if (t.assignments() != null) {
            if (t.assignments().size() != additional) {
                return ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Attempted to add " + additional
                        + " additional partition(s), but only " + t.assignments().size() + " assignment(s) were specified.");
            }
            for (int i = 0; i < additional; i++) {
                Optional<ApiError> bad = Assignments.check(image, current + i, t.assignments().get(i), rf);
                if (bad.isPresent()) {
                    return bad.get();
                }
                placement.add(List.copyOf(t.assignments().get(i)));
            }
        } else {
            List<Integer> brokers = PlacementBrokers.choose(image, rf, heardThisTerm);
            if (rf > brokers.size()) {
                return ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + rf
                        + " time(s): The target replication factor of " + rf + " cannot be reached because only "
                        + brokers.size() + " broker(s) are registered.");
            }
            int start = brokers.indexOf(topic.partitions().get(0).preferredLeader());
            if (start < 0) {
                start = random.nextInt(brokers.size());
            }
            placement.addAll(ReplicaPlacer.place(brokers, current, additional, rf, start, random.nextInt(brokers.size())));
        }
        for (int i = 0; i < additional; i++) {
            scratch.add(Assignments.newPartition(image, topic.id(), current + i, placement.get(i)));
        }
        log.info("Adding {} partition(s) to topic {} (now {})", additional, t.name(), t.count());
        return ApiError.NONE;
    }
}
