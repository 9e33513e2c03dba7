package io.tributary.wire;

import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AllocateProducerIdsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.message.AlterReplicaLogDirsRequestData;
import org.apache.kafka.common.message.BrokerHeartbeatRequestData;
import org.apache.kafka.common.message.BrokerRegistrationRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.UnregisterBrokerRequestData;
import org.apache.kafka.common.protocol.ApiMessage;

/** Requests of the APIs the cluster added, as kafka-clients builds them, valid at the given version. */
public final class ClusterSampleRequests {

    public static final Uuid TOPIC = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    public static final Uuid INCARNATION = Uuid.fromString("9Bk3xEbcRXadrUuzWb0Rbw");
    public static final Uuid LOG_DIR = Uuid.fromString("Rv8a8Cz1S0CLyL6q4JYnqA");

    private ClusterSampleRequests() {
    }

    public static ApiMessage sample(short apiKey, short v) {
        return switch (apiKey) {
            case 23 -> offsetForLeaderEpoch(v);
            case 33 -> alterConfigs();
            case 34 -> alterReplicaLogDirs();
            case 35 -> describeLogDirs();
            case 43 -> electLeaders(v);
            case 45 -> alterPartitionReassignments(v);
            case 46 -> listPartitionReassignments();
            case 56 -> alterPartition(v);
            case 62 -> brokerRegistration(v);
            case 63 -> new BrokerHeartbeatRequestData().setBrokerId(2).setBrokerEpoch(40L).setCurrentMetadataOffset(41L)
                    .setWantShutDown(true).setOfflineLogDirs(v >= 1 ? List.of(LOG_DIR) : List.of());
            case 64 -> new UnregisterBrokerRequestData().setBrokerId(3);
            case 67 -> new AllocateProducerIdsRequestData().setBrokerId(2).setBrokerEpoch(40L);
            default -> throw new IllegalArgumentException("no sample for API key " + apiKey);
        };
    }

    public static OffsetForLeaderEpochRequestData offsetForLeaderEpoch(short v) {
        OffsetForLeaderEpochRequestData d = new OffsetForLeaderEpochRequestData();
        if (v >= 3) {
            d.setReplicaId(2);
        }
        OffsetForLeaderEpochRequestData.OffsetForLeaderTopic t = new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic("orders");
        t.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0).setCurrentLeaderEpoch(7).setLeaderEpoch(5));
        t.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(1).setCurrentLeaderEpoch(-1).setLeaderEpoch(6));
        d.topics().add(t);
        return d;
    }

    public static AlterConfigsRequestData alterConfigs() {
        AlterConfigsRequestData d = new AlterConfigsRequestData().setValidateOnly(true);
        AlterConfigsRequestData.AlterConfigsResource r = new AlterConfigsRequestData.AlterConfigsResource()
                .setResourceType((byte) 2).setResourceName("orders");
        r.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("retention.ms").setValue("1000"));
        r.configs().add(new AlterConfigsRequestData.AlterableConfig().setName("cleanup.policy").setValue(null));
        d.resources().add(r);
        d.resources().add(new AlterConfigsRequestData.AlterConfigsResource().setResourceType((byte) 4).setResourceName("1"));
        return d;
    }

    public static AlterReplicaLogDirsRequestData alterReplicaLogDirs() {
        AlterReplicaLogDirsRequestData d = new AlterReplicaLogDirsRequestData();
        AlterReplicaLogDirsRequestData.AlterReplicaLogDir dir = new AlterReplicaLogDirsRequestData.AlterReplicaLogDir().setPath("/data/kafka-2");
        dir.topics().add(new AlterReplicaLogDirsRequestData.AlterReplicaLogDirTopic().setName("orders").setPartitions(List.of(0, 3)));
        dir.topics().add(new AlterReplicaLogDirsRequestData.AlterReplicaLogDirTopic().setName("payments").setPartitions(List.of(1)));
        d.dirs().add(dir);
        return d;
    }

    public static DescribeLogDirsRequestData describeLogDirs() {
        DescribeLogDirsRequestData d = new DescribeLogDirsRequestData();
        d.topics().add(new DescribeLogDirsRequestData.DescribableLogDirTopic().setTopic("orders").setPartitions(List.of(0, 2)));
        return d;
    }

    public static ElectLeadersRequestData electLeaders(short v) {
        ElectLeadersRequestData d = new ElectLeadersRequestData().setElectionType((byte) (v >= 1 ? 1 : 0)).setTimeoutMs(30_000);
        d.topicPartitions().add(new ElectLeadersRequestData.TopicPartitions().setTopic("orders").setPartitions(List.of(0, 2)));
        return d;
    }

    public static AlterPartitionReassignmentsRequestData alterPartitionReassignments(short v) {
        AlterPartitionReassignmentsRequestData d = new AlterPartitionReassignmentsRequestData().setTimeoutMs(30_000);
        if (v >= 1) {
            d.setAllowReplicationFactorChange(false);
        }
        d.topics().add(new AlterPartitionReassignmentsRequestData.ReassignableTopic().setName("orders").setPartitions(List.of(
                new AlterPartitionReassignmentsRequestData.ReassignablePartition().setPartitionIndex(0).setReplicas(List.of(2, 3)),
                new AlterPartitionReassignmentsRequestData.ReassignablePartition().setPartitionIndex(1).setReplicas(null))));
        return d;
    }

    public static ListPartitionReassignmentsRequestData listPartitionReassignments() {
        ListPartitionReassignmentsRequestData d = new ListPartitionReassignmentsRequestData().setTimeoutMs(30_000);
        d.setTopics(List.of(new ListPartitionReassignmentsRequestData.ListPartitionReassignmentsTopics().setName("orders")
                .setPartitionIndexes(List.of(0, 1))));
        return d;
    }

    public static AlterPartitionRequestData alterPartition(short v) {
        AlterPartitionRequestData.PartitionData p = new AlterPartitionRequestData.PartitionData()
                .setPartitionIndex(3).setLeaderEpoch(9).setLeaderRecoveryState((byte) 1).setPartitionEpoch(12);
        if (v >= 3) {
            p.setNewIsrWithEpochs(List.of(new AlterPartitionRequestData.BrokerState().setBrokerId(1).setBrokerEpoch(100L),
                    new AlterPartitionRequestData.BrokerState().setBrokerId(2).setBrokerEpoch(200L)));
        } else {
            p.setNewIsr(List.of(1, 2));
        }
        AlterPartitionRequestData.TopicData t = new AlterPartitionRequestData.TopicData().setTopicId(TOPIC);
        t.partitions().add(p);
        AlterPartitionRequestData d = new AlterPartitionRequestData().setBrokerId(1).setBrokerEpoch(100L);
        d.topics().add(t);
        return d;
    }

    public static BrokerRegistrationRequestData brokerRegistration(short v) {
        BrokerRegistrationRequestData d = new BrokerRegistrationRequestData().setBrokerId(2).setClusterId("MkU3OEVBNTcwNTJENDM2Qk")
                .setIncarnationId(INCARNATION).setRack("rack-b").setIsMigratingZkBroker(false);
        d.listeners().add(new BrokerRegistrationRequestData.Listener().setName("PLAINTEXT").setHost("broker-2").setPort(9092)
                .setSecurityProtocol((short) 0));
        d.listeners().add(new BrokerRegistrationRequestData.Listener().setName("EXTERNAL").setHost("10.0.0.2").setPort(65535)
                .setSecurityProtocol((short) 9));
        d.features().add(new BrokerRegistrationRequestData.Feature().setName("metadata.version").setMinSupportedVersion((short) 7)
                .setMaxSupportedVersion((short) 27));
        if (v >= 2) {
            d.setLogDirs(List.of(LOG_DIR));
        }
        if (v >= 3) {
            d.setPreviousBrokerEpoch(33L);
        }
        return d;
    }
}
