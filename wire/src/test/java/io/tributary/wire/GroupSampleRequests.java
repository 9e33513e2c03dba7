package io.tributary.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Requests of the group APIs and FindCoordinator as kafka-clients builds them, populated with every
 * field the version carries (a static member, a reason, a leader epoch, two groups...), valid at the
 * given version.
 */
public final class GroupSampleRequests {

    public static final Uuid ORDERS_ID = Uuid.fromString("pzT0nGwBQw2VNBqNlPqU8w");
    public static final byte[] SUBSCRIPTION = "subscription:orders".getBytes(StandardCharsets.UTF_8);
    public static final byte[] ASSIGNMENT = "assignment:orders-0".getBytes(StandardCharsets.UTF_8);

    private GroupSampleRequests() {
    }

    public static ApiMessage sample(short apiKey, short v) {
        return switch (apiKey) {
            case 8 -> offsetCommit(v);
            case 9 -> offsetFetch(v);
            case 10 -> findCoordinator(v, (byte) 0, "payments", "orders");
            case 11 -> joinGroup(v);
            case 12 -> new HeartbeatRequestData().setGroupId("payments").setGenerationId(7).setMemberId("m-1")
                    .setGroupInstanceId(v >= 3 ? "instance-1" : null);
            case 13 -> leaveGroup(v);
            case 14 -> syncGroup(v);
            case 15 -> new DescribeGroupsRequestData().setGroups(List.of("payments", "orders")).setIncludeAuthorizedOperations(v >= 3);
            case 16 -> new ListGroupsRequestData().setStatesFilter(v >= 4 ? List.of("Stable", "Empty") : List.of())
                    .setTypesFilter(v >= 5 ? List.of("classic") : List.of());
            case 42 -> new DeleteGroupsRequestData().setGroupsNames(List.of("payments", "orders"));
            case 47 -> offsetDelete();
            default -> throw new IllegalArgumentException("no group sample for API key " + apiKey);
        };
    }

    /** One key before v4, all of {@code keys} from v4. */
    public static FindCoordinatorRequestData findCoordinator(short v, byte keyType, String... keys) {
        FindCoordinatorRequestData d = new FindCoordinatorRequestData().setKeyType(v >= 1 ? keyType : 0);
        if (v >= 4) {
            d.setCoordinatorKeys(List.of(keys));
        } else {
            d.setKey(keys[0]);
        }
        return d;
    }

    public static JoinGroupRequestData joinGroup(short v) {
        JoinGroupRequestData d = new JoinGroupRequestData().setGroupId("payments").setSessionTimeoutMs(45_000)
                .setRebalanceTimeoutMs(300_000).setMemberId("m-1").setProtocolType("consumer")
                .setGroupInstanceId(v >= 5 ? "instance-1" : null).setReason(v >= 8 ? "rebalance" : null);
        d.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(SUBSCRIPTION));
        d.protocols().add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("cooperative-sticky").setMetadata(new byte[0]));
        return d;
    }

    public static SyncGroupRequestData syncGroup(short v) {
        SyncGroupRequestData d = new SyncGroupRequestData().setGroupId("payments").setGenerationId(7).setMemberId("m-1")
                .setGroupInstanceId(v >= 3 ? "instance-1" : null)
                .setProtocolType(v >= 5 ? "consumer" : null).setProtocolName(v >= 5 ? "range" : null);
        d.assignments().add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId("m-1").setAssignment(ASSIGNMENT));
        d.assignments().add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId("m-2").setAssignment(new byte[0]));
        return d;
    }

    public static LeaveGroupRequestData leaveGroup(short v) {
        LeaveGroupRequestData d = new LeaveGroupRequestData().setGroupId("payments");
        if (v >= 3) {
            d.members().add(new LeaveGroupRequestData.MemberIdentity().setMemberId("m-1").setGroupInstanceId(null)
                    .setReason(v >= 5 ? "shutting down" : null));
            d.members().add(new LeaveGroupRequestData.MemberIdentity().setMemberId("").setGroupInstanceId("instance-2"));
        } else {
            d.setMemberId("m-1");
        }
        return d;
    }

    public static OffsetCommitRequestData offsetCommit(short v) {
        OffsetCommitRequestData d = new OffsetCommitRequestData().setGroupId("payments").setGenerationIdOrMemberEpoch(7)
                .setMemberId("m-1").setGroupInstanceId(v >= 7 ? "instance-1" : null).setRetentionTimeMs(v <= 4 ? 86_400_000L : -1L);
        OffsetCommitRequestData.OffsetCommitRequestTopic t = new OffsetCommitRequestData.OffsetCommitRequestTopic();
        if (v >= 10) {
            t.setTopicId(ORDERS_ID);
        } else {
            t.setName("orders");
        }
        t.partitions().add(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0).setCommittedOffset(42L)
                .setCommittedLeaderEpoch(v >= 6 ? 3 : -1).setCommittedMetadata("m"));
        t.partitions().add(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(2).setCommittedOffset(7L)
                .setCommittedMetadata(null));
        d.topics().add(t);
        return d;
    }

    /** Before v8 one group with topics; from v8 that group and a second asking for every topic. */
    public static OffsetFetchRequestData offsetFetch(short v) {
        OffsetFetchRequestData d = new OffsetFetchRequestData().setRequireStable(v >= 7);
        if (v >= 8) {
            OffsetFetchRequestData.OffsetFetchRequestGroup g = new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("payments")
                    .setMemberId(v >= 9 ? "m-1" : null).setMemberEpoch(v >= 9 ? 5 : -1);
            OffsetFetchRequestData.OffsetFetchRequestTopics t = new OffsetFetchRequestData.OffsetFetchRequestTopics()
                    .setPartitionIndexes(List.of(0, 2));
            if (v >= 10) {
                t.setTopicId(ORDERS_ID);
            } else {
                t.setName("orders");
            }
            g.setTopics(List.of(t));
            d.groups().add(g);
            d.groups().add(new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId("orders").setTopics(null));
        } else {
            d.setGroupId("payments").setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("orders")
                    .setPartitionIndexes(List.of(0, 2))));
        }
        return d;
    }

    public static OffsetDeleteRequestData offsetDelete() {
        OffsetDeleteRequestData d = new OffsetDeleteRequestData().setGroupId("payments");
        OffsetDeleteRequestData.OffsetDeleteRequestTopic t = new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("orders");
        t.partitions().add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0));
        t.partitions().add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(2));
        d.topics().add(t);
        return d;
    }
}
