package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.ClusterSampleRequests;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsRequest;
import io.tributary.wire.api.alterconfigs.AlterConfigsResponse;
import io.tributary.wire.api.alterpartition.AlterPartitionCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionRequest;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatRequest;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationRequest;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.electleaders.ElectLeadersRequest;
import io.tributary.wire.api.electleaders.ElectLeadersResponse;
import io.tributary.wire.api.electleaders.ElectionType;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochCodec;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochRequest;
import io.tributary.wire.api.offsetforleaderepoch.OffsetForLeaderEpochResponse;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerRequest;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.AlterPartitionResponseData;
import org.apache.kafka.common.message.BrokerHeartbeatResponseData;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.message.UnregisterBrokerResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server codecs the cluster added, against requests kafka-clients builds (what a Kafka broker or
 * admin client would send) and responses kafka-clients parses, at their lowest, a middle and their
 * highest versions.
 */
class ClusterCodecsTest {

    private static final TopicId TOPIC = new TopicId(ClusterSampleRequests.TOPIC.getMostSignificantBits(),
            ClusterSampleRequests.TOPIC.getLeastSignificantBits());

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void alterConfigsReplacesWholeResources(short version) {
        AlterConfigsRequest r = KafkaWire.decode(ClusterSampleRequests.alterConfigs(), version);
        assertThat(r).isEqualTo(new AlterConfigsRequest(List.of(
                new AlterConfigsRequest.Resource((byte) 2, "orders", List.of(new AlterConfigsRequest.Config("retention.ms", "1000"),
                        new AlterConfigsRequest.Config("cleanup.policy", null))),
                new AlterConfigsRequest.Resource((byte) 4, "1", List.of())), true));
        assertThat(r.resources().get(0).type()).isEqualTo(ConfigResourceType.TOPIC);

        AlterConfigsResponseData out = KafkaWire.parse(AlterConfigsCodec.INSTANCE.encode(KafkaWire.header(AlterConfigsCodec.API_KEY, version),
                new AlterConfigsResponse(0, List.of(new AlterConfigsResponse.Result(ErrorCode.INVALID_CONFIG, "bad", (byte) 2, "orders")))),
                version, new AlterConfigsResponseData());
        assertThat(out.responses()).singleElement().satisfies(x -> {
            assertThat(x.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG.code());
            assertThat(x.errorMessage()).isEqualTo("bad");
            assertThat(x.resourceName()).isEqualTo("orders");
        });
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 2, 4})
    void brokerRegistrationReadsListenersFeaturesAndIds(short version) {
        BrokerRegistrationRequest r = KafkaWire.decode(ClusterSampleRequests.brokerRegistration(version), version);
        assertThat(r.brokerId()).isEqualTo(2);
        assertThat(r.clusterId()).isEqualTo("MkU3OEVBNTcwNTJENDM2Qk");
        assertThat(r.incarnationId()).isEqualTo(new UUID(ClusterSampleRequests.INCARNATION.getMostSignificantBits(),
                ClusterSampleRequests.INCARNATION.getLeastSignificantBits()));
        assertThat(r.listeners()).containsExactly(
                new BrokerRegistrationRequest.Listener("PLAINTEXT", "broker-2", 9092, SecurityProtocol.PLAINTEXT),
                // An undefined protocol id reads as UNKNOWN for the controller to refuse, and port 65535 stays unsigned.
                new BrokerRegistrationRequest.Listener("EXTERNAL", "10.0.0.2", 65535, SecurityProtocol.UNKNOWN));
        assertThat(r.features()).containsExactly(new BrokerRegistrationRequest.Feature("metadata.version", (short) 7, (short) 27));
        assertThat(r.rack()).isEqualTo("rack-b");
        assertThat(r.logDirs()).hasSize(version >= 2 ? 1 : 0);
        assertThat(r.previousBrokerEpoch()).isEqualTo(version >= 3 ? 33L : -1L);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void brokerHeartbeatCarriesOfflineDirsFromV1AndAnErrorMeansFenced(short version) {
        BrokerHeartbeatRequest r = KafkaWire.decode(ClusterSampleRequests.sample(BrokerHeartbeatCodec.API_KEY, version), version);
        assertThat(r.wantShutDown()).isTrue();
        assertThat(r.wantFence()).isFalse();
        assertThat(r.currentMetadataOffset()).isEqualTo(41L);
        assertThat(r.offlineLogDirs()).hasSize(version >= 1 ? 1 : 0);

        BrokerHeartbeatResponse failed = BrokerHeartbeatCodec.INSTANCE.errorResponse(KafkaWire.header(BrokerHeartbeatCodec.API_KEY, version), r,
                ErrorCode.STALE_BROKER_EPOCH);
        BrokerHeartbeatResponseData out = KafkaWire.parse(BrokerHeartbeatCodec.INSTANCE.encode(
                KafkaWire.header(BrokerHeartbeatCodec.API_KEY, version), failed), version, new BrokerHeartbeatResponseData());
        assertThat(out.errorCode()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH.code());
        assertThat(out.isFenced()).isTrue();
        assertThat(out.shouldShutDown()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(shorts = {2, 3})
    void alterPartitionReadsTheIsrWithEpochsFromV3AndIdsBefore(short version) {
        AlterPartitionRequest r = KafkaWire.decode(ClusterSampleRequests.alterPartition(version), version);
        long epoch1 = version >= 3 ? 100L : -1L;
        long epoch2 = version >= 3 ? 200L : -1L;
        assertThat(r).isEqualTo(new AlterPartitionRequest(1, 100L, List.of(new AlterPartitionRequest.Topic(TOPIC, List.of(
                new AlterPartitionRequest.Partition(3, 9, List.of(new AlterPartitionRequest.IsrMember(1, epoch1),
                        new AlterPartitionRequest.IsrMember(2, epoch2)), AlterPartitionRequest.LEADER_RECOVERY_RECOVERING, 12))))));
        assertThat(r.topics().get(0).partitions().get(0).newIsr()).containsExactly(1, 2);

        AlterPartitionResponse failed = AlterPartitionCodec.INSTANCE.errorResponse(KafkaWire.header(AlterPartitionCodec.API_KEY, version), r,
                ErrorCode.STALE_BROKER_EPOCH);
        AlterPartitionResponseData out = KafkaWire.parse(AlterPartitionCodec.INSTANCE.encode(KafkaWire.header(AlterPartitionCodec.API_KEY, version),
                failed), version, new AlterPartitionResponseData());
        assertThat(out.errorCode()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH.code());
        assertThat(out.topics().get(0).partitions()).singleElement().satisfies(p -> {
            assertThat(p.partitionIndex()).isEqualTo(3);
            assertThat(p.errorCode()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH.code());
        });
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void electLeadersReadsPreferredAtV0AndTheTypeAfter(short version) {
        ElectLeadersRequest r = KafkaWire.decode(ClusterSampleRequests.electLeaders(version), version);
        assertThat(r.electionType()).isEqualTo(version >= 1 ? ElectionType.UNCLEAN : ElectionType.PREFERRED);
        assertThat(r.allPartitions()).isFalse();
        assertThat(r.topicPartitions()).containsExactly(new ElectLeadersRequest.TopicPartitions("orders", List.of(0, 2)));
        assertThat(r.timeoutMs()).isEqualTo(30_000);

        ElectLeadersRequest all = KafkaWire.decode(new ElectLeadersRequestData().setTopicPartitions(null), version);
        assertThat(all.allPartitions()).isTrue();
        assertThat(all.topicPartitions()).isNull();

        ElectLeadersResponseData out = KafkaWire.parse(ElectLeadersCodec.INSTANCE.encode(KafkaWire.header(ElectLeadersCodec.API_KEY, version),
                new ElectLeadersResponse(0, ErrorCode.NONE, List.of(new ElectLeadersResponse.TopicResult("orders", List.of(
                        new ElectLeadersResponse.PartitionResult(0, ErrorCode.ELECTION_NOT_NEEDED, "already preferred")))))),
                version, new ElectLeadersResponseData());
        assertThat(out.replicaElectionResults().get(0).partitionResult()).singleElement().satisfies(p -> {
            assertThat(p.errorCode()).isEqualTo(ErrorCode.ELECTION_NOT_NEEDED.code());
            assertThat(p.errorMessage()).isEqualTo("already preferred");
        });
    }

    @Test
    void electionTypeCodesKafkaDoesNotDefineReadAsUnknown() {
        ElectLeadersRequest r = KafkaWire.decode(new ElectLeadersRequestData().setElectionType((byte) 7).setTopicPartitions(null), (short) 2);
        assertThat(r.electionType()).isEqualTo(ElectionType.UNKNOWN);
    }

    @ParameterizedTest
    @ValueSource(shorts = {2, 3, 4})
    void offsetForLeaderEpochReadsTheReplicaIdFromV3(short version) {
        OffsetForLeaderEpochRequest r = KafkaWire.decode(ClusterSampleRequests.offsetForLeaderEpoch(version), version);
        assertThat(r.replicaId()).isEqualTo(version >= 3 ? 2 : OffsetForLeaderEpochRequest.DEBUGGING_REPLICA_ID);
        assertThat(r.topics()).containsExactly(new OffsetForLeaderEpochRequest.Topic("orders", List.of(
                new OffsetForLeaderEpochRequest.Partition(0, 7, 5), new OffsetForLeaderEpochRequest.Partition(1, -1, 6))));

        OffsetForLeaderEpochResponseData out = KafkaWire.parse(OffsetForLeaderEpochCodec.INSTANCE.encode(
                KafkaWire.header(OffsetForLeaderEpochCodec.API_KEY, version), new OffsetForLeaderEpochResponse(0, List.of(
                        new OffsetForLeaderEpochResponse.Topic("orders", List.of(
                                new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, 0, 5, 1200L)))))),
                version, new OffsetForLeaderEpochResponseData());
        OffsetForLeaderEpochResponseData.EpochEndOffset p = out.topics().iterator().next().partitions().get(0);
        assertThat(p.leaderEpoch()).isEqualTo(5);
        assertThat(p.endOffset()).isEqualTo(1200L);
    }

    /** Every version the pinned kafka-clients has: Kafka's request reads as ours, and our answer, message included, reads as Kafka's. */
    @Test
    void unregisterBrokerCarriesTheIdAndKafkasErrorAtEveryVersion() {
        assertThat(UnregisterBrokerCodec.INSTANCE.minVersion()).isEqualTo(UnregisterBrokerRequestData.LOWEST_SUPPORTED_VERSION);
        assertThat(UnregisterBrokerCodec.INSTANCE.maxVersion()).isEqualTo(UnregisterBrokerRequestData.HIGHEST_SUPPORTED_VERSION);
        for (short version = UnregisterBrokerRequestData.LOWEST_SUPPORTED_VERSION;
             version <= UnregisterBrokerRequestData.HIGHEST_SUPPORTED_VERSION; version++) {
            UnregisterBrokerRequest r = KafkaWire.decode(new UnregisterBrokerRequestData().setBrokerId(4), version);
            assertThat(r).isEqualTo(new UnregisterBrokerRequest(4));

            UnregisterBrokerResponseData refused = KafkaWire.parse(UnregisterBrokerCodec.INSTANCE.encode(
                    KafkaWire.header(UnregisterBrokerCodec.API_KEY, version), new UnregisterBrokerResponse(0, ErrorCode.BROKER_ID_NOT_REGISTERED,
                            "Broker ID 4 is not currently registered")), version, new UnregisterBrokerResponseData());
            assertThat(refused.errorCode()).isEqualTo((short) 102).isEqualTo(ErrorCode.BROKER_ID_NOT_REGISTERED.code());
            assertThat(refused.errorMessage()).isEqualTo("Broker ID 4 is not currently registered");

            UnregisterBrokerResponseData done = KafkaWire.parse(UnregisterBrokerCodec.INSTANCE.encode(
                    KafkaWire.header(UnregisterBrokerCodec.API_KEY, version), new UnregisterBrokerResponse(0, ErrorCode.NONE, null)),
                    version, new UnregisterBrokerResponseData());
            assertThat(done.errorCode()).isZero();
            assertThat(done.errorMessage()).isNull();
        }
    }
}
