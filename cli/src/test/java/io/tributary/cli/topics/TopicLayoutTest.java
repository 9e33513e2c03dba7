package io.tributary.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class TopicLayoutTest {
    static final Node N1 = new Node(1, "h1", 9092);
    static final Node N2 = new Node(2, "h2", 9092);
    /** A replica on a broker the cluster does not list: the admin client gives it no host. */
    static final Node N3_OFFLINE = new Node(3, "", -1);
    static final Uuid ID = new Uuid(1, 2);

    static TopicDescription topic() {
        return new TopicDescription("orders", false, List.of(
                new TopicPartitionInfo(0, N1, List.of(N1, N2, N3_OFFLINE), List.of(N1, N2), List.of(), List.of()),
                new TopicPartitionInfo(1, null, List.of(N3_OFFLINE, N1), List.of(), List.of(N1), List.of(N3_OFFLINE))),
                Set.of(), ID);
    }

    @Test
    void describesLeaderReplicasIsrOfflineReplicasAndElrAsKafkaTopicsDoes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TopicLayout.table(topic(), Map.of("retention.ms", "1000"), true).print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                Topic: orders  TopicId: %s  PartitionCount: 2  ReplicationFactor: 3  Configs: retention.ms=1000
                PARTITION  LEADER  REPLICAS  ISR  OFFLINE  ELR  LAST-KNOWN-ELR
                0          1       1,2,3     1,2  3        -    -
                1          none    3,1       -    3        1    3
                """.formatted(ID));
    }

    @Test
    void flagsUnderReplicatedAndOfflinePartitionsAndTheElrColumnsOnlyWhenReported() {
        List<TopicPartitionInfo> partitions = topic().partitions();
        assertThat(TopicLayout.underReplicated(partitions.get(0))).isTrue();
        assertThat(TopicLayout.offline(partitions.get(0))).isFalse();
        assertThat(TopicLayout.offline(partitions.get(1))).isTrue();
        assertThat(TopicLayout.reportsElr(List.of(topic()))).isTrue();
        TopicDescription healthy = new TopicDescription("t", false, List.of(new TopicPartitionInfo(0, N1, List.of(N1), List.of(N1))), Set.of(), ID);
        assertThat(TopicLayout.reportsElr(List.of(healthy))).as("read from a Metadata answer, without ELR").isFalse();
    }

    @Test
    void theJsonCarriesTheSameFacts() {
        assertThat(Json.write(TopicLayout.json(topic(), Map.of()))).isEqualTo(("{\"topic\":\"orders\",\"topicId\":\"%s\",\"internal\":false,"
                + "\"partitionCount\":2,\"replicationFactor\":3,\"configs\":{},\"partitions\":["
                + "{\"partition\":0,\"leader\":1,\"replicas\":[1,2,3],\"isr\":[1,2],\"offlineReplicas\":[3],\"elr\":[],\"lastKnownElr\":[]},"
                + "{\"partition\":1,\"leader\":null,\"replicas\":[3,1],\"isr\":[],\"offlineReplicas\":[3],\"elr\":[1],\"lastKnownElr\":[3]}]}")
                .formatted(ID));
    }
}
