package io.tributary.metadata.controller.api;

/**
 * A request the controller handles, typed by its response. Handling a command only computes
 * records and a response; state changes when those records commit.
 *
 * @param <R> the response type
 */
public sealed interface ControllerCommand<R> permits
        CreateTopicsRequest,
        AlterPartitionReassignmentsRequest,
        DeleteTopicsRequest,
        CreatePartitionsRequest,
        IncrementalAlterConfigsRequest,
        AlterConfigsRequest,
        AllocateProducerIdsRequest,
        RegisterBrokerRequest,
        BrokerHeartbeatRequest,
        UnregisterBrokerRequest,
        FenceStaleBrokersRequest,
        FenceBrokerRequest,
        AlterPartitionRequest,
        ElectLeadersRequest,
        BalanceLeadersRequest {
}
