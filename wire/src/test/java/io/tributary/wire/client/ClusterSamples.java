package io.tributary.wire.client;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.SecurityProtocol;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsRequest;
import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsResponse;
import io.tributary.wire.api.alterpartition.AlterPartitionRequest;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationRequest;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationResponse;
import io.tributary.wire.api.initproducerid.InitProducerIdRequest;
import io.tributary.wire.api.initproducerid.InitProducerIdResponse;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerRequest;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerResponse;
import java.util.List;
import java.util.UUID;

/** Version-exact samples of the broker-to-controller APIs (and InitProducerId). */
final class ClusterSamples {

    static final UUID INCARNATION = UUID.fromString("5d1f8c4e-2b7a-4c19-9e3d-7a6b5c4d3e2f");
    static final UUID LOG_DIR = UUID.fromString("0e9f8a7b-6c5d-4e3f-8a1b-2c3d4e5f6a7b");
    static final TopicId TOPIC = TopicId.fromString("pzT0nGwBQw2VNBqNlPqU8w");

    private ClusterSamples() {
    }

    static InitProducerIdRequest initProducerIdRequest(int v) {
        return new InitProducerIdRequest(v % 2 == 0 ? null : "txn-1", v % 2 == 0 ? -1 : 60_000, v >= 3 ? 5000L : -1L,
                (short) (v >= 3 ? 4 : -1), v >= 6, false);
    }

    static InitProducerIdResponse initProducerIdResponse(int v) {
        return new InitProducerIdResponse(0, ErrorCode.NONE, 5001L, (short) 0, v >= 6 ? 4000L : -1L, (short) (v >= 6 ? 2 : -1));
    }

    static BrokerRegistrationRequest brokerRegistrationRequest(int v) {
        return new BrokerRegistrationRequest(2, "MkU3OEVBNTcwNTJENDM2Qk", INCARNATION,
                List.of(new BrokerRegistrationRequest.Listener("PLAINTEXT", "broker-2", 9092, SecurityProtocol.PLAINTEXT),
                        new BrokerRegistrationRequest.Listener("EXTERNAL", "10.0.0.2", 65535, SecurityProtocol.SASL_SSL)),
                List.of(new BrokerRegistrationRequest.Feature("metadata.version", (short) 7, (short) 27),
                        new BrokerRegistrationRequest.Feature("kraft.version", (short) 0, (short) 1)),
                v % 2 == 0 ? "rack-b" : null,
                v >= 1,
                v >= 2 ? List.of(LOG_DIR) : List.of(),
                v >= 3 ? 33L : -1L);
    }

    static BrokerRegistrationResponse brokerRegistrationResponse(int v) {
        return new BrokerRegistrationResponse(0, v % 2 == 0 ? ErrorCode.NONE : ErrorCode.DUPLICATE_BROKER_REGISTRATION, v % 2 == 0 ? 1234L : -1L);
    }

    static BrokerHeartbeatRequest brokerHeartbeatRequest(int v) {
        return new BrokerHeartbeatRequest(2, 1234L, 1300L, false, true, v >= 1 ? List.of(LOG_DIR) : List.of());
    }

    static BrokerHeartbeatResponse brokerHeartbeatResponse(int v) {
        return new BrokerHeartbeatResponse(0, ErrorCode.NONE, true, false, v >= 1);
    }

    static AllocateProducerIdsRequest allocateProducerIdsRequest(int v) {
        return new AllocateProducerIdsRequest(2, 1234L);
    }

    static AllocateProducerIdsResponse allocateProducerIdsResponse(int v) {
        return AllocateProducerIdsResponse.of(1000L, 1000);
    }

    static AlterPartitionRequest alterPartitionRequest(int v) {
        long epoch = v >= 3 ? 200L : -1L;
        return new AlterPartitionRequest(1, 100L, List.of(new AlterPartitionRequest.Topic(TOPIC, List.of(
                new AlterPartitionRequest.Partition(0, 9, List.of(new AlterPartitionRequest.IsrMember(1, v >= 3 ? 100L : -1L),
                        new AlterPartitionRequest.IsrMember(2, epoch)), AlterPartitionRequest.LEADER_RECOVERY_RECOVERED, 12),
                new AlterPartitionRequest.Partition(1, 4, List.of(new AlterPartitionRequest.IsrMember(1, v >= 3 ? 100L : -1L)),
                        AlterPartitionRequest.LEADER_RECOVERY_RECOVERING, 3)))));
    }

    static AlterPartitionResponse alterPartitionResponse(int v) {
        return new AlterPartitionResponse(0, ErrorCode.NONE, List.of(new AlterPartitionResponse.Topic(TOPIC, List.of(
                new AlterPartitionResponse.Partition(0, ErrorCode.NONE, 1, 9, List.of(1, 2), AlterPartitionRequest.LEADER_RECOVERY_RECOVERED, 13),
                AlterPartitionResponse.Partition.failed(1, ErrorCode.INVALID_UPDATE_VERSION)))));
    }

    static UnregisterBrokerRequest unregisterBrokerRequest(int v) {
        return new UnregisterBrokerRequest(3);
    }

    static UnregisterBrokerResponse unregisterBrokerResponse(int v) {
        return new UnregisterBrokerResponse(0, ErrorCode.BROKER_ID_NOT_REGISTERED, "Broker 3 is not registered.");
    }
}
