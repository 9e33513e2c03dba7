package io.tributary.metadata.controller;

import io.tributary.common.TopicId;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.AlterConfigsRequest;
import io.tributary.metadata.controller.api.AlterConfigsResponse;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsRequest;
import io.tributary.metadata.controller.api.AlterPartitionReassignmentsResponse;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BalanceLeadersResponse;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreatePartitionsResponse;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.DeleteTopicsResponse;
import io.tributary.metadata.controller.api.ElectLeadersRequest;
import io.tributary.metadata.controller.api.ElectLeadersResponse;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ClusterIdRecord;

import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * The controller's commands, as pure functions of the current image (plus, for broker liveness,
 * the soft state in {@link BrokerHeartbeats}, the time, and randomness, all passed in). Each
 * returns the records to append as one batch and the response to send once they commit; none
 * changes anything. Error codes and messages follow Kafka.
 *
 * <p>Stateless apart from its configuration, so the active controller, a test, or the simulation
 * may call it with any image.
 */
public final class ControllerCore {

    private final ControllerConfig config;
    private final TopicConfigResolver topicConfigs;
    private final TopicCreation topicCreation;
    private final TopicDeletion topicDeletion;
    private final PartitionCreation partitionCreation = new PartitionCreation();
    private final ConfigAlteration configAlteration;
    private final ProducerIdAllocation producerIds;
    private final BrokerLifecycle brokers;
    private final AlterPartitionHandler alterPartition;
    private final LeaderElections leaderElections;
    private final PreferredLeaderBalance leaderBalance;
    private final PartitionReassignment reassignment;

    public ControllerCore(ControllerConfig config) {
        this.config = config;
        this.topicConfigs = new TopicConfigResolver(config.staticBrokerConfig());
        this.topicCreation = new TopicCreation(config, topicConfigs);
        this.topicDeletion = new TopicDeletion(config);
        this.producerIds = new ProducerIdAllocation(config.producerIdBlockSize());
        PartitionElections elections = new PartitionElections(topicConfigs);
        this.brokers = new BrokerLifecycle(elections);
        this.configAlteration = new ConfigAlteration(elections);
        this.alterPartition = new AlterPartitionHandler(elections);
        this.leaderElections = new LeaderElections(elections);
        this.leaderBalance = new PreferredLeaderBalance(elections);
        this.reassignment = new PartitionReassignment(elections);
    }

    public ControllerConfig config() {
        return config;
    }

    /** The topic config resolver this controller uses (static broker config from its own config). */
    public TopicConfigResolver topicConfigs() {
        return topicConfigs;
    }

    /**
     * On an empty log, the first active controller writes the cluster id: 128 random bits rendered
     * as Kafka renders a Uuid (22 URL-safe base64 characters). Once a cluster id exists, nothing.
     */
    public ControllerResult<Optional<String>> bootstrap(MetadataImage image, RandomGenerator random) {
        if (image.clusterId().isPresent()) {
            return ControllerResult.noRecords(Optional.empty());
        }
        String clusterId = TopicId.random(random).toString();
        return ControllerResult.of(List.of(new ClusterIdRecord(clusterId)), Optional.of(clusterId));
    }

    public ControllerResult<CreateTopicsResponse> createTopics(MetadataImage image, CreateTopicsRequest request,
                                                               RandomGenerator random) {
        return createTopics(image, request, random, id -> true);
    }

    /**
     * Creates topics, placing new replicas on brokers heard from in this controller term when there
     * are enough of them ({@link PlacementBrokers}).
     */
    public ControllerResult<CreateTopicsResponse> createTopics(MetadataImage image, CreateTopicsRequest request,
                                                               RandomGenerator random, IntPredicate heardThisTerm) {
        return topicCreation.create(image, request, random, heardThisTerm);
    }

    public ControllerResult<DeleteTopicsResponse> deleteTopics(MetadataImage image, DeleteTopicsRequest request) {
        return topicDeletion.delete(image, request);
    }

    public ControllerResult<CreatePartitionsResponse> createPartitions(MetadataImage image, CreatePartitionsRequest request,
                                                                       RandomGenerator random) {
        return createPartitions(image, request, random, id -> true);
    }

    public ControllerResult<CreatePartitionsResponse> createPartitions(MetadataImage image, CreatePartitionsRequest request,
                                                                       RandomGenerator random, IntPredicate heardThisTerm) {
        return partitionCreation.create(image, request, random, heardThisTerm);
    }

    public ControllerResult<AlterConfigsResponse> incrementalAlterConfigs(MetadataImage image,
                                                                          IncrementalAlterConfigsRequest request) {
        return configAlteration.incremental(image, request);
    }

    public ControllerResult<AlterConfigsResponse> alterConfigs(MetadataImage image, AlterConfigsRequest request) {
        return configAlteration.legacy(image, request);
    }

    public ControllerResult<AllocateProducerIdsResponse> allocateProducerIds(MetadataImage image,
                                                                             AllocateProducerIdsRequest request) {
        return producerIds.allocate(image, request);
    }

    public ControllerResult<RegisterBrokerResponse> registerBroker(MetadataImage image, BrokerHeartbeats heartbeats,
                                                                   RegisterBrokerRequest request, long nowMs) {
        return brokers.register(image, heartbeats, request, nowMs);
    }

    public ControllerResult<BrokerHeartbeatResponse> brokerHeartbeat(MetadataImage image, BrokerHeartbeats heartbeats,
                                                                     BrokerHeartbeatRequest request) {
        return brokers.heartbeat(image, heartbeats, request);
    }

    public ControllerResult<ApiError> unregisterBroker(MetadataImage image, int brokerId) {
        return brokers.unregister(image, brokerId);
    }

    /** Fences every unfenced broker whose session lapsed at {@code nowMs}; the response lists them. */
    public ControllerResult<List<Integer>> fenceStaleBrokers(MetadataImage image, BrokerHeartbeats heartbeats, long nowMs) {
        return brokers.fenceStale(image, heartbeats, nowMs);
    }

    /** Fences one broker registration for {@code request.reason()}; the session itself is the caller's (soft state). */
    public ControllerResult<ApiError> fenceBroker(MetadataImage image, FenceBrokerRequest request) {
        return brokers.fenceOnRequest(image, request);
    }

    public ControllerResult<AlterPartitionResponse> alterPartition(MetadataImage image, AlterPartitionRequest request) {
        return alterPartition.handle(image, request);
    }

    public ControllerResult<ElectLeadersResponse> electLeaders(MetadataImage image, ElectLeadersRequest request) {
        return leaderElections.elect(image, request);
    }

    /**
     * The periodic leader-imbalance check: preferred replicas get their partitions back where a
     * broker's share led elsewhere exceeds {@code leader.imbalance.per.broker.percentage}.
     */
    public ControllerResult<BalanceLeadersResponse> balanceLeaders(MetadataImage image) {
        return leaderBalance.balance(image, config.leaderImbalancePerBrokerPercentage());
    }

    /** Starts or cancels partition reassignments (KIP-455, {@link PartitionReassignment}). */
    public ControllerResult<AlterPartitionReassignmentsResponse> alterPartitionReassignments(MetadataImage image,
                                                                                            AlterPartitionReassignmentsRequest request) {
        return reassignment.alter(image, request);
    }
}
