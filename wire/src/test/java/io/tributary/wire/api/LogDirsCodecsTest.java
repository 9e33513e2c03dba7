package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ClusterSampleRequests;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsCodec;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsRequest;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsResponse;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsCodec;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsRequest;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsResponse;
import java.util.List;
import org.apache.kafka.common.message.AlterReplicaLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DescribeLogDirs and AlterReplicaLogDirs against requests kafka-clients builds and responses it
 * parses, at every version the pinned client has.
 */
class LogDirsCodecsTest {

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 3, 4, 5})
    void describeLogDirsReadsTopicsOrAllAndAnswersEveryField(short version) {
        DescribeLogDirsRequest r = KafkaWire.decode(ClusterSampleRequests.describeLogDirs(), version);
        assertThat(r.allTopics()).isFalse();
        assertThat(r.topics()).containsExactly(new DescribeLogDirsRequest.Topic("orders", List.of(0, 2)));
        DescribeLogDirsRequest all = KafkaWire.decode(new DescribeLogDirsRequestData().setTopics(null), version);
        assertThat(all.allTopics()).isTrue();

        DescribeLogDirsResponse response = new DescribeLogDirsResponse(0, ErrorCode.NONE, List.of(
                new DescribeLogDirsResponse.LogDir(ErrorCode.NONE, "/data/a", List.of(new DescribeLogDirsResponse.Topic("orders",
                        List.of(new DescribeLogDirsResponse.Partition(0, 4096L, 3L, false)))), 1_000_000L, 500_000L),
                new DescribeLogDirsResponse.LogDir(ErrorCode.KAFKA_STORAGE_ERROR, "/data/b", List.of(), -1L, -1L)));
        DescribeLogDirsResponseData out = KafkaWire.parse(DescribeLogDirsCodec.INSTANCE.encode(
                KafkaWire.header(DescribeLogDirsCodec.API_KEY, version), response), version, new DescribeLogDirsResponseData());
        assertThat(out.results()).hasSize(2);
        DescribeLogDirsResponseData.DescribeLogDirsResult a = out.results().get(0);
        assertThat(a.logDir()).isEqualTo("/data/a");
        assertThat(a.totalBytes()).isEqualTo(version >= 4 ? 1_000_000L : -1L);
        assertThat(a.usableBytes()).isEqualTo(version >= 4 ? 500_000L : -1L);
        assertThat(a.topics()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("orders");
            assertThat(t.partitions()).singleElement().satisfies(p -> {
                assertThat(p.partitionIndex()).isZero();
                assertThat(p.partitionSize()).isEqualTo(4096L);
                assertThat(p.offsetLag()).isEqualTo(3L);
                assertThat(p.isFutureKey()).isFalse();
            });
        });
        assertThat(out.results().get(1).errorCode()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR.code());
    }

    @Test
    void describeLogDirsCarriesTheTopLevelErrorFromV3Only() {
        DescribeLogDirsResponseData v3 = KafkaWire.parse(DescribeLogDirsCodec.INSTANCE.encode(
                KafkaWire.header(DescribeLogDirsCodec.API_KEY, (short) 3), failed((short) 3)), (short) 3, new DescribeLogDirsResponseData());
        assertThat(v3.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code());
        assertThat(v3.results()).isEmpty();
        DescribeLogDirsResponseData v2 = KafkaWire.parse(DescribeLogDirsCodec.INSTANCE.encode(
                KafkaWire.header(DescribeLogDirsCodec.API_KEY, (short) 2), failed((short) 2)), (short) 2, new DescribeLogDirsResponseData());
        assertThat(v2.results()).singleElement().satisfies(d -> assertThat(d.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST.code()));
    }

    private static DescribeLogDirsResponse failed(short version) {
        return DescribeLogDirsCodec.INSTANCE.errorResponse(KafkaWire.header(DescribeLogDirsCodec.API_KEY, version),
                new DescribeLogDirsRequest(null), ErrorCode.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 2})
    void alterReplicaLogDirsReadsDirsAndAnswersPerReplica(short version) {
        AlterReplicaLogDirsRequest r = KafkaWire.decode(ClusterSampleRequests.alterReplicaLogDirs(), version);
        assertThat(r.dirs()).containsExactly(new AlterReplicaLogDirsRequest.Dir("/data/kafka-2", List.of(
                new AlterReplicaLogDirsRequest.Topic("orders", List.of(0, 3)),
                new AlterReplicaLogDirsRequest.Topic("payments", List.of(1)))));

        AlterReplicaLogDirsResponse failed = AlterReplicaLogDirsCodec.INSTANCE.errorResponse(
                KafkaWire.header(AlterReplicaLogDirsCodec.API_KEY, version), r, ErrorCode.LOG_DIR_NOT_FOUND);
        AlterReplicaLogDirsResponseData out = KafkaWire.parse(AlterReplicaLogDirsCodec.INSTANCE.encode(
                KafkaWire.header(AlterReplicaLogDirsCodec.API_KEY, version), failed), version, new AlterReplicaLogDirsResponseData());
        assertThat(out.results()).hasSize(2);
        assertThat(out.results().get(0).topicName()).isEqualTo("orders");
        assertThat(out.results().get(0).partitions()).extracting(p -> p.partitionIndex()).containsExactly(0, 3);
        assertThat(out.results().get(0).partitions()).allSatisfy(p -> assertThat(p.errorCode())
                .isEqualTo(ErrorCode.LOG_DIR_NOT_FOUND.code()));
    }
}
