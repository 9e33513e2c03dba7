package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.e2e.harness.Clients;
import io.tributary.e2e.harness.Nodes;
import io.tributary.e2e.harness.RawConnection;
import io.tributary.e2e.harness.TributaryCluster;
import io.tributary.e2e.harness.TributaryExtension;
import io.tributary.e2e.harness.TributaryNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Idempotence across a SIGKILL of the leader's process, over real sockets: five batches of one
 * producer are acknowledged with acks=all by the leader (so its follower holds them), the leader's
 * broker is killed, and the identical batches are sent again to the new leader, as a producer whose
 * acks were lost with the old leader would. Each must come back as a duplicate at its original
 * offset, the producer's next batch must continue the log, and nothing may be written twice.
 *
 * <p>The partition lives on two brokers that are not the active controller, so the kill costs no
 * controller failover; {@code min.insync.replicas=1}, so the survivor takes acks=all alone.
 */
@ExtendWith(TributaryExtension.class)
class IdempotentRetryAfterSigkillTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String TOPIC = "idempotent-failover";
    private static final long PRODUCER_ID = 9_000L;
    private static final int BATCHES = 5;

    @Test
    void retriesAtTheNewLeaderAfterSigkillAreDuplicatesAtTheirOriginalOffsets(Nodes nodes) throws Exception {
        TributaryCluster cluster = nodes.startCluster(3);
        int controller = cluster.activeController();
        List<Integer> replicas = cluster.runningIds().stream().filter(id -> id != controller).sorted().toList();
        int leader = replicas.get(0);
        int survivor = replicas.get(1);
        TopicPartition tp = new TopicPartition(TOPIC, 0);
        try (Admin admin = Clients.admin(cluster.bootstrap())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Map.of(0, replicas)).configs(Map.of("min.insync.replicas", "1"))))
                    .all().get();
            awaitLeader(admin, leader);
        }

        long timestampMs = System.currentTimeMillis();
        long[] baseOffsets = new long[BATCHES];
        int correlationId = 1;
        try (RawConnection c = RawConnection.open(cluster.node(leader).bootstrap())) {
            for (int i = 0; i < BATCHES; i++) {
                ProduceResponseData.PartitionProduceResponse r = produce(c, correlationId++, batch(timestampMs, i));
                assertThat(Errors.forCode(r.errorCode())).as("first write of batch %d", i).isEqualTo(Errors.NONE);
                baseOffsets[i] = r.baseOffset();
            }
        }
        assertThat(baseOffsets).containsExactly(0L, 2L, 4L, 6L, 8L);

        TributaryNode killed = cluster.node(leader);
        killed.kill();
        try (Admin admin = Clients.admin(cluster.node(survivor).bootstrap())) {
            awaitLeader(admin, survivor);
        }
        try (RawConnection c = RawConnection.open(cluster.node(survivor).bootstrap())) {
            // describeTopics may have been answered by a broker that applied the election before the
            // survivor itself did; a produce it refuses as not yet leader writes nothing, and a client
            // retries it, as this does (bounded).
            int[] nextId = {correlationId};
            await("the survivor takes writes as leader").atMost(BOUND).until(() -> Errors.forCode(
                    produce(c, nextId[0]++, batch(timestampMs, 0)).errorCode()) != Errors.NOT_LEADER_OR_FOLLOWER);
            correlationId = nextId[0];
            for (int i = 0; i < BATCHES; i++) {
                ProduceResponseData.PartitionProduceResponse r = produce(c, correlationId++, batch(timestampMs, i));
                assertThat(Errors.forCode(r.errorCode())).as("retry of batch %d at the new leader", i).isEqualTo(Errors.NONE);
                assertThat(r.baseOffset()).as("retry of batch %d at the new leader", i).isEqualTo(baseOffsets[i]);
            }
            ProduceResponseData.PartitionProduceResponse next = produce(c, correlationId++, batch(timestampMs, BATCHES));
            assertThat(Errors.forCode(next.errorCode())).isEqualTo(Errors.NONE);
            assertThat(next.baseOffset()).as("the next batch continues the log").isEqualTo(2L * BATCHES);
        }
        assertThat(Clients.readToEnd(cluster.node(survivor).bootstrap(), tp, 0, BOUND)).as("every record once")
                .hasSize(2 * (BATCHES + 1));
    }

    private static void awaitLeader(Admin admin, int expected) {
        await().atMost(BOUND).ignoreExceptions().until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get()
                .get(TOPIC).partitions().get(0).leader().id() == expected);
    }

    /** Batch {@code i} of the producer: two records, sequences {@code 2i} and {@code 2i+1}, the same bytes every time. */
    private static MemoryRecords batch(long timestampMs, int i) {
        return MemoryRecords.withIdempotentRecords(Compression.NONE, PRODUCER_ID, (short) 0, 2 * i,
                new SimpleRecord(timestampMs, null, ("v" + 2 * i).getBytes()),
                new SimpleRecord(timestampMs, null, ("v" + (2 * i + 1)).getBytes()));
    }

    /** One Produce (v12, acks=all) of {@code records} to partition 0, answered before it returns. */
    private static ProduceResponseData.PartitionProduceResponse produce(RawConnection c, int correlationId, MemoryRecords records) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(10_000);
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName(TOPIC).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records))));
        data.setTopicData(topics);
        ProduceRequest request = new ProduceRequest.Builder((short) 12, (short) 12, data).build((short) 12);
        RequestHeader header = new RequestHeader(request.apiKey(), request.version(), "idempotence-e2e", correlationId);
        ByteBuffer body = request.serializeWithHeader(header);
        ByteBuffer frame = ByteBuffer.allocate(4 + body.remaining()).putInt(body.remaining()).put(body);
        assertThat(c.send(frame.array())).as("produce sent").isTrue();
        ByteBuffer response = c.readFrame(BOUND).orElseThrow(() -> new AssertionError("the broker closed the connection"));
        ProduceResponse parsed = (ProduceResponse) AbstractResponse.parseResponse(response, header);
        return parsed.data().responses().iterator().next().partitionResponses().get(0);
    }
}
