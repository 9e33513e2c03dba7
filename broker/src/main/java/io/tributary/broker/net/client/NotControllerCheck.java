package io.tributary.broker.net.client;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsResponse;
import io.tributary.wire.api.alterconfigs.AlterConfigsResponse;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationResponse;
import io.tributary.wire.api.createpartitions.CreatePartitionsResponse;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.deletetopics.DeleteTopicsResponse;
import io.tributary.wire.api.describecluster.DescribeClusterResponse;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import io.tributary.wire.api.fetch.FetchResponse;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsResponse;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerResponse;
import java.util.List;
import java.util.function.Function;

/**
 * Whether a controller's answer says "I am not the active controller" for the whole request, which is
 * what makes {@link ControllerClient} look for the active one and send the request there.
 *
 * <p>A controller that is not active refuses a request whole: the top-level error where the response has
 * one, otherwise every topic, partition or resource in it. Only such an answer counts. An answer with
 * {@code NOT_CONTROLLER} for some items and another outcome for others goes back to the caller as it is,
 * because the other items were acted on and sending the request again would act on them twice.
 */
final class NotControllerCheck {

    private static final ErrorCode NOT_CONTROLLER = ErrorCode.NOT_CONTROLLER;

    private NotControllerCheck() {
    }

    static boolean isNotController(Object response) {
        if (response instanceof BrokerHeartbeatResponse r) {
            return r.error() == NOT_CONTROLLER;
        }
        if (response instanceof BrokerRegistrationResponse r) {
            return r.error() == NOT_CONTROLLER;
        }
        if (response instanceof FetchResponse r) {
            return r.error() == NOT_CONTROLLER
                    || all(r.topics().stream().flatMap(t -> t.partitions().stream()).toList(), FetchResponse.PartitionResponse::error);
        }
        if (response instanceof AllocateProducerIdsResponse r) {
            return r.error() == NOT_CONTROLLER;
        }
        if (response instanceof DescribeClusterResponse r) {
            return r.error() == NOT_CONTROLLER;
        }
        if (response instanceof UnregisterBrokerResponse r) {
            return r.error() == NOT_CONTROLLER;
        }
        if (response instanceof CreateTopicsResponse r) {
            return all(r.topics(), CreateTopicsResponse.TopicResult::error);
        }
        if (response instanceof DeleteTopicsResponse r) {
            return all(r.results(), DeleteTopicsResponse.Result::error);
        }
        if (response instanceof CreatePartitionsResponse r) {
            return all(r.results(), CreatePartitionsResponse.Result::error);
        }
        if (response instanceof IncrementalAlterConfigsResponse r) {
            return all(r.results(), IncrementalAlterConfigsResponse.Result::error);
        }
        if (response instanceof AlterConfigsResponse r) {
            return all(r.results(), AlterConfigsResponse.Result::error);
        }
        if (response instanceof AlterPartitionResponse r) {
            return r.error() == NOT_CONTROLLER
                    || all(r.topics().stream().flatMap(t -> t.partitions().stream()).toList(), AlterPartitionResponse.Partition::error);
        }
        if (response instanceof ElectLeadersResponse r) {
            return r.error() == NOT_CONTROLLER
                    || all(r.results().stream().flatMap(t -> t.partitions().stream()).toList(), ElectLeadersResponse.PartitionResult::error);
        }
        return false;
    }

    /** True when there is at least one item and every item's error is NOT_CONTROLLER. */
    private static <T> boolean all(List<T> items, Function<T, ErrorCode> error) {
        return !items.isEmpty() && items.stream().allMatch(i -> error.apply(i) == NOT_CONTROLLER);
    }
}
