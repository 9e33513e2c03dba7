package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.broker.handler.InternalTopics;
import io.tributary.broker.it.RawKafkaClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.JoinGroupRequest;
import org.apache.kafka.common.requests.JoinGroupResponse;
import org.apache.kafka.common.requests.OffsetCommitRequest;
import org.apache.kafka.common.requests.OffsetCommitResponse;
import org.apache.kafka.common.requests.OffsetFetchRequest;
import org.apache.kafka.common.requests.OffsetFetchResponse;
import org.apache.kafka.common.requests.SyncGroupRequest;
import org.apache.kafka.common.requests.SyncGroupResponse;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator errors clients act on, with the Java client's own request classes over a raw
 * socket: a broker that does not lead a group's offsets partition answers NOT_COORDINATOR (per group
 * in a multi-group OffsetFetch), and a partition that is not loaded answers COORDINATOR_LOAD_IN_PROGRESS
 * (a Heartbeat NONE and a SyncGroup REBALANCE_IN_PROGRESS, as Kafka answers them while loading).
 */
class CoordinatorErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aBrokerAnswersNotCoordinatorForGroupsWhosePartitionItDoesNotLead() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, Map.of("offsets.topic.num.partitions", "3")).start()) {
            Map<Integer, Integer> leaders = offsetsLeaders(c);
            int broker = leaders.get(0);
            String mine = groupOn(0);
            String other = null;
            for (int p = 1; p < 3; p++) {
                if (leaders.get(p) != broker) {
                    other = groupOn(p);
                }
            }
            assertThat(other).as("a partition led elsewhere, leaders %s", leaders).isNotNull();
            try (RawKafkaClient raw = new RawKafkaClient(c.bootstrap(broker))) {
                OffsetFetchResponse fetched = raw.call(OffsetFetchRequest.Builder.forTopicNames(new OffsetFetchRequestData().setGroups(List.of(
                        new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(mine).setTopics(null),
                        new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(other).setTopics(null))), false)
                        .build((short) 8));
                assertThat(Errors.forCode(fetched.group(mine).errorCode())).isEqualTo(Errors.NONE);
                assertThat(Errors.forCode(fetched.group(other).errorCode())).isEqualTo(Errors.NOT_COORDINATOR);

                JoinGroupResponse joined = raw.call(new JoinGroupRequest.Builder(join(other)).build((short) 9));
                assertThat(joined.error()).isEqualTo(Errors.NOT_COORDINATOR);
                HeartbeatResponse beat = raw.call(new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId(other)
                        .setGenerationId(1).setMemberId("m")).build((short) 4));
                assertThat(beat.error()).isEqualTo(Errors.NOT_COORDINATOR);
            }
        }
    }

    @Test
    void aPartitionThatDoesNotLoadAnswersCoordinatorLoadInProgress() throws Exception {
        try (TestCluster c = new TestCluster(dir, 3, Map.of("offsets.topic.num.partitions", "3")).start()) {
            int leader = offsetsLeaders(c).get(0);
            String group = groupOn(0);
            // A client may not write the internal topic, as in Kafka...
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(c.bootstrap(leader), "app"))) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(InternalTopics.CONSUMER_OFFSETS, 0, new byte[] {9, 9},
                        new byte[] {1})).get()).hasCauseInstanceOf(InvalidTopicException.class);
            }
            // ...except Kafka's admin client id. A record no coordinator wrote: the shard's next write lands one offset
            // later than it counted, so the broker reloads the partition, and the load stops at the record it cannot parse.
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(c.bootstrap(leader), "__admin_client"))) {
                producer.send(new ProducerRecord<>(InternalTopics.CONSUMER_OFFSETS, 0, new byte[] {9, 9}, new byte[] {1})).get();
            }
            try (RawKafkaClient raw = new RawKafkaClient(c.bootstrap(leader))) {
                OffsetCommitResponse committed = raw.call(OffsetCommitRequest.Builder.forTopicNames(new OffsetCommitRequestData().setGroupId(group)
                        .setGenerationIdOrMemberEpoch(-1).setMemberId("").setTopics(List.of(new OffsetCommitRequestData.OffsetCommitRequestTopic()
                                .setName("t").setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                                        .setPartitionIndex(0).setCommittedOffset(5)))))).build((short) 8));
                assertThat(committed.errorCounts()).as("the write landed elsewhere").containsOnlyKeys(Errors.COORDINATOR_NOT_AVAILABLE);

                OffsetFetchResponse fetched = raw.call(OffsetFetchRequest.Builder.forTopicNames(new OffsetFetchRequestData().setGroups(List.of(
                        new OffsetFetchRequestData.OffsetFetchRequestGroup().setGroupId(group).setTopics(null))), false).build((short) 8));
                assertThat(Errors.forCode(fetched.group(group).errorCode())).isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
                JoinGroupResponse joined = raw.call(new JoinGroupRequest.Builder(join(group)).build((short) 9));
                assertThat(joined.error()).isEqualTo(Errors.COORDINATOR_LOAD_IN_PROGRESS);
                HeartbeatResponse beat = raw.call(new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId(group)
                        .setGenerationId(1).setMemberId("m")).build((short) 4));
                assertThat(beat.error()).isEqualTo(Errors.NONE);
                SyncGroupResponse synced = raw.call(new SyncGroupRequest.Builder(new SyncGroupRequestData().setGroupId(group)
                        .setGenerationId(1).setMemberId("m").setProtocolType("consumer").setProtocolName("range")).build((short) 5));
                assertThat(synced.error()).isEqualTo(Errors.REBALANCE_IN_PROGRESS);
            }
        }
    }

    private static Properties producerProps(String bootstrap, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        return p;
    }

    private static JoinGroupRequestData join(String group) {
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols = new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(new byte[0]));
        return new JoinGroupRequestData().setGroupId(group).setMemberId("").setProtocolType("consumer").setProtocols(protocols)
                .setSessionTimeoutMs(10_000).setRebalanceTimeoutMs(10_000);
    }

    /** Creates {@code __consumer_offsets} with a group lookup, then names the leader of each of its partitions. */
    private static Map<Integer, Integer> offsetsLeaders(TestCluster c) throws Exception {
        try (RawKafkaClient raw = new RawKafkaClient(c.bootstrap(1))) {
            FindCoordinatorResponse found = raw.call(new FindCoordinatorRequest.Builder(new FindCoordinatorRequestData()
                    .setKeyType(FindCoordinatorRequest.CoordinatorType.GROUP.id()).setCoordinatorKeys(List.of("x"))).build((short) 6));
            assertThat(found.data().coordinators()).allSatisfy(co -> assertThat(co.errorCode()).isZero());
        }
        // The Admin client may ask a broker that has not applied the topic's creation yet (it answers
        // UNKNOWN_TOPIC_OR_PARTITION), so ask until one answers with a leader for every partition.
        Map<Integer, Integer> out = new HashMap<>();
        Awaitility.await("a leader for every partition of " + InternalTopics.CONSUMER_OFFSETS).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(ExecutionException.class).until(() -> {
                    out.clear();
                    for (TopicPartitionInfo info : c.admin(1).describeTopics(List.of(InternalTopics.CONSUMER_OFFSETS)).allTopicNames()
                            .get().get(InternalTopics.CONSUMER_OFFSETS).partitions()) {
                        if (info.leader() != null) {
                            out.put(info.partition(), info.leader().id());
                        }
                    }
                    return out.size() == 3;
                });
        c.admin(1).createTopics(List.of(new NewTopic("t", 1, (short) 3))).all().get();
        return out;
    }

    /** A group id whose records live in partition {@code partition} of three. */
    private static String groupOn(int partition) {
        for (int i = 0; ; i++) {
            if (InternalTopics.consumerOffsetsPartition("group-" + i, 3) == partition) {
                return "group-" + i;
            }
        }
    }
}
