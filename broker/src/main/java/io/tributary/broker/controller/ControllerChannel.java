package io.tributary.broker.controller;

import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.AlterConfigsResponse;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.controller.api.CreatePartitionsRequest;
import io.tributary.metadata.controller.api.CreatePartitionsResponse;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.DeleteTopicsRequest;
import io.tributary.metadata.controller.api.DeleteTopicsResponse;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import java.util.concurrent.CompletableFuture;

/**
 * How the broker asks the controller for changes. On a single node the controller runs in-process
 * ({@link LocalControllerChannel}); the cluster release puts a network client behind the same
 * interface, so handlers do not change.
 *
 * <p>A future completes once the command's records are committed <em>and</em> applied to this
 * broker's metadata image, so a handler that awaits it then reads its own change. It fails with
 * {@link ControllerUnavailableException} when the controller cannot take the command (busy, stopping).
 */
public interface ControllerChannel {

    <R> CompletableFuture<R> submit(ControllerCommand<R> command);

    default CompletableFuture<CreateTopicsResponse> createTopics(CreateTopicsRequest request) {
        return submit(request);
    }

    default CompletableFuture<DeleteTopicsResponse> deleteTopics(DeleteTopicsRequest request) {
        return submit(request);
    }

    default CompletableFuture<CreatePartitionsResponse> createPartitions(CreatePartitionsRequest request) {
        return submit(request);
    }

    default CompletableFuture<AlterConfigsResponse> alterConfigs(IncrementalAlterConfigsRequest request) {
        return submit(request);
    }

    default CompletableFuture<AllocateProducerIdsResponse> allocateProducerIds(AllocateProducerIdsRequest request) {
        return submit(request);
    }

    default CompletableFuture<RegisterBrokerResponse> registerBroker(RegisterBrokerRequest request) {
        return submit(request);
    }
}
