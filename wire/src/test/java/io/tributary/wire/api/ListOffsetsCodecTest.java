package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsRequest;
import io.tributary.wire.api.listoffsets.ListOffsetsResponse;
import java.util.List;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ListOffsetsCodecTest {

    private final ListOffsetsCodec codec = new ListOffsetsCodec();

    public static ListOffsetsRequestData request() {
        ListOffsetsRequestData d = new ListOffsetsRequestData().setReplicaId(-1).setTimeoutMs(0);
        ListOffsetsRequestData.ListOffsetsTopic t = new ListOffsetsRequestData.ListOffsetsTopic().setName("orders");
        t.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(0).setTimestamp(-2L));
        t.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(1).setTimestamp(-1L).setCurrentLeaderEpoch(4));
        t.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(2).setTimestamp(-3L));
        t.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex(3).setTimestamp(1_700_000_000_000L));
        d.topics().add(t);
        return d;
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 4, 7, 10, 11})
    void readsSpecialAndRealTimestamps(short version) {
        ListOffsetsRequestData d = request();
        if (version >= 2) {
            d.setIsolationLevel((byte) 1);
        }
        if (version >= 10) {
            d.setTimeoutMs(1500);
        }
        ListOffsetsRequest r = KafkaWire.decode(d, version);
        assertThat(r.replicaId()).isEqualTo(-1);
        assertThat(r.isolationLevel()).isEqualTo(version >= 2 ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
        assertThat(r.timeoutMs()).isEqualTo(version >= 10 ? 1500 : 0);
        assertThat(r.topics().get(0).partitions()).containsExactly(
                new ListOffsetsRequest.Partition(0, -1, ListOffsetsRequest.EARLIEST_TIMESTAMP),
                new ListOffsetsRequest.Partition(1, version >= 4 ? 4 : -1, ListOffsetsRequest.LATEST_TIMESTAMP),
                new ListOffsetsRequest.Partition(2, -1, ListOffsetsRequest.MAX_TIMESTAMP),
                new ListOffsetsRequest.Partition(3, -1, 1_700_000_000_000L));
    }

    @ParameterizedTest
    @ValueSource(shorts = {1, 3, 4, 6, 9, 11})
    void encodesOffsetsWithLeaderEpochWhereCarried(short version) {
        ListOffsetsResponse response = new ListOffsetsResponse(2, List.of(new ListOffsetsResponse.Topic("orders", List.of(
                new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 42L, 6),
                ListOffsetsResponse.Partition.failed(1, ErrorCode.FENCED_LEADER_EPOCH)))));
        ListOffsetsResponseData d = KafkaWire.parse(codec.encode(KafkaWire.header(ListOffsetsCodec.API_KEY, version), response),
                version, new ListOffsetsResponseData());
        ListOffsetsResponseData.ListOffsetsPartitionResponse p0 = d.topics().get(0).partitions().get(0);
        assertThat(p0.offset()).isEqualTo(42L);
        assertThat(p0.leaderEpoch()).isEqualTo(version >= 4 ? 6 : -1);
        assertThat(d.topics().get(0).partitions().get(1).errorCode()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH.code());
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 2 ? 2 : 0);
    }

    @Test
    void errorResponseFailsEveryPartition() {
        ListOffsetsRequest r = KafkaWire.decode(request(), (short) 7);
        ListOffsetsResponse e = codec.errorResponse(KafkaWire.header(ListOffsetsCodec.API_KEY, (short) 7), r, ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(e.topics().get(0).partitions()).extracting(ListOffsetsResponse.Partition::partition).containsExactly(0, 1, 2, 3);
        assertThat(e.topics().get(0).partitions()).allSatisfy(p -> assertThat(p.error()).isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER));
    }
}
