package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.config.ConfigException;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.CreateTopicsResponse.TopicResult;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.Replicas;
import io.tributary.metadata.record.TopicRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * CreateTopics: validates each topic as Kafka does (name rules, existence, collisions, counts,
 * assignments, configs) and builds its TopicRecord, ConfigRecords and PartitionRecords. Topics of
 * one request are independent (one may fail while others succeed) but land in one batch.
 */
final class TopicCreation {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    /** A bound on one topic's partitions, so one request cannot build an unbounded batch. */
    static final int MAX_PARTITIONS_PER_TOPIC = 100_000;

    private final ControllerConfig config;
    private final TopicConfigResolver resolver;

    TopicCreation(ControllerConfig config, TopicConfigResolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    ControllerResult<CreateTopicsResponse> create(MetadataImage image, CreateTopicsRequest request, RandomGenerator random,
                                                  IntPredicate heardThisTerm) {
        Map<String, Integer> counts = new HashMap<>();
        for (CreateTopicsRequest.Topic t : request.topics()) {
            counts.merge(t.name(), 1, Integer::sum);
        }
        Scratch scratch = new Scratch(image);
        List<TopicResult> results = new ArrayList<>();
        for (CreateTopicsRequest.Topic t : request.topics()) {
            if (counts.get(t.name()) > 1) {
                results.add(TopicResult.failed(t.name(), ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate topic name.")));
                continue;
            }
            results.add(createOne(scratch, t, random, heardThisTerm));
        }
        if (request.validateOnly()) {
            List<TopicResult> validated = new ArrayList<>();
            for (TopicResult r : results) {
                validated.add(new TopicResult(r.name(), TopicId.ZERO, r.error(), r.numPartitions(), r.replicationFactor(), r.configs()));
            }
            return ControllerResult.noRecords(new CreateTopicsResponse(validated));
        }
        return ControllerResult.of(scratch.records(), new CreateTopicsResponse(results));
    }

    private TopicResult createOne(Scratch scratch, CreateTopicsRequest.Topic t, RandomGenerator random, IntPredicate heardThisTerm) {
        MetadataImage image = scratch.image();
        String name = t.name();
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return TopicResult.failed(name, ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get()));
        }
        if (image.topic(name) != null) {
            return TopicResult.failed(name, ApiError.of(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists."));
        }
        Optional<String> collision = TopicNames.collision(image, name);
        if (collision.isPresent()) {
            return TopicResult.failed(name, ApiError.of(ErrorCode.INVALID_TOPIC_EXCEPTION,
                    "Topic '" + name + "' collides with existing topic: " + collision.get()));
        }
        Optional<ApiError> badConfig = checkConfigs(t.configs());
        if (badConfig.isPresent()) {
            return TopicResult.failed(name, badConfig.get());
        }
        List<List<Integer>> placement = new ArrayList<>();
        Optional<ApiError> badPlacement = t.assignments().isEmpty()
                ? placeAutomatically(image, t, random, heardThisTerm, placement)
                : placeManually(image, t, placement);
        if (badPlacement.isPresent()) {
            return TopicResult.failed(name, badPlacement.get());
        }
        TopicId id = TopicId.random(random);
        while (image.topic(id) != null) {
            id = TopicId.random(random);
        }
        scratch.add(new TopicRecord(name, id));
        for (Map.Entry<String, String> e : new TreeMap<>(t.configs()).entrySet()) {
            scratch.add(new ConfigRecord(ConfigResourceType.TOPIC, name, e.getKey(), e.getValue()));
        }
        for (int p = 0; p < placement.size(); p++) {
            scratch.add(Assignments.newPartition(image, id, p, placement.get(p)));
        }
        log.info("Creating topic {} with id {}, {} partition(s), replication factor {}", name, id, placement.size(),
                placement.get(0).size());
        return new TopicResult(name, id, ApiError.NONE, placement.size(), placement.get(0).size(),
                resolver.resolveAll(t.configs(), image, OptionalInt.empty()));
    }

    private static Optional<ApiError> checkConfigs(Map<String, String> configs) {
        for (Map.Entry<String, String> e : configs.entrySet()) {
            if (e.getValue() == null) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_CONFIG, "Null value not supported for topic configs: " + e.getKey()));
            }
            try {
                TopicConfigs.validate(e.getKey(), e.getValue());
            } catch (ConfigException ex) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_CONFIG, ex.getMessage()));
            }
        }
        return Optional.empty();
    }

    private Optional<ApiError> placeAutomatically(MetadataImage image, CreateTopicsRequest.Topic t, RandomGenerator random,
                                                  IntPredicate heardThisTerm,
                                                  List<List<Integer>> out) {
        int partitions = t.numPartitions() == -1 ? config.defaultNumPartitions() : t.numPartitions();
        if (partitions <= 0) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_PARTITIONS, "Number of partitions was set to an invalid non-positive value."));
        }
        if (partitions > MAX_PARTITIONS_PER_TOPIC) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_PARTITIONS,
                    "Number of partitions " + partitions + " exceeds the limit of " + MAX_PARTITIONS_PER_TOPIC + " per topic."));
        }
        int rf = t.replicationFactor() == -1 ? config.defaultReplicationFactor() : t.replicationFactor();
        if (rf <= 0) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR,
                    "Replication factor must be larger than 0, or -1 to use the default value."));
        }
        List<Integer> brokers = PlacementBrokers.choose(image, rf, heardThisTerm);
        if (rf > brokers.size()) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICATION_FACTOR, "Unable to replicate the partition " + rf
                    + " time(s): The target replication factor of " + rf + " cannot be reached because only "
                    + brokers.size() + " broker(s) are registered."));
        }
        out.addAll(ReplicaPlacer.place(brokers, 0, partitions, rf, random.nextInt(brokers.size()), random.nextInt(brokers.size())));
        return Optional.empty();
    }

    private static Optional<ApiError> placeManually(MetadataImage image, CreateTopicsRequest.Topic t, List<List<Integer>> out) {
        if (t.numPartitions() != -1 || t.replicationFactor() != -1) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "Both numPartitions or replicationFactor and "
                    + "replicasAssignments were set. Both cannot be used at the same time."));
        }
        int n = t.assignments().size();
        if (n > MAX_PARTITIONS_PER_TOPIC) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_PARTITIONS,
                    "Number of partitions " + n + " exceeds the limit of " + MAX_PARTITIONS_PER_TOPIC + " per topic."));
        }
        int rf = -1;
        for (int p = 0; p < n; p++) {
            List<Integer> replicas = t.assignments().get(p);
            if (replicas == null) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Partitions should be a consecutive "
                        + "0-based integer sequence, but partition " + p + " is missing from " + t.assignments().keySet()));
            }
            if (replicas.size() > Replicas.MAX_REPLICAS) {
                return Optional.of(ApiError.of(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Partition " + p + " lists too many replicas."));
            }
            Optional<ApiError> bad = Assignments.check(image, p, replicas, rf);
            if (bad.isPresent()) {
                return bad;
            }
            rf = replicas.size();
            out.add(List.copyOf(replicas));
        }
        return Optional.empty();
    }
}
