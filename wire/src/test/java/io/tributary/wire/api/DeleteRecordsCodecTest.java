package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.SampleRequests;
import io.tributary.wire.api.deleterecords.DeleteRecordsCodec;
import io.tributary.wire.api.deleterecords.DeleteRecordsRequest;
import io.tributary.wire.api.deleterecords.DeleteRecordsResponse;
import java.util.List;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DeleteRecords at every version: kafka-clients' bytes in, our records out, and back. */
class DeleteRecordsCodecTest {

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void requestDecodesEveryTopicPartitionAndOffset(short version) {
        DeleteRecordsRequest r = KafkaWire.decode(SampleRequests.deleteRecords(), version);

        assertThat(r.timeoutMs()).isEqualTo(30_000);
        assertThat(r.topics()).containsExactly(
                new DeleteRecordsRequest.Topic("orders", List.of(new DeleteRecordsRequest.Partition(0, 42L),
                        new DeleteRecordsRequest.Partition(1, DeleteRecordsRequest.HIGH_WATERMARK))),
                new DeleteRecordsRequest.Topic("payments", List.of(new DeleteRecordsRequest.Partition(3, 7L))));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void responseEncodesLowWatermarksAndErrors(short version) {
        DeleteRecordsResponse response = new DeleteRecordsResponse(5, List.of(
                new DeleteRecordsResponse.Topic("orders", List.of(new DeleteRecordsResponse.Partition(0, 42L, ErrorCode.NONE),
                        DeleteRecordsResponse.Partition.failed(1, ErrorCode.OFFSET_OUT_OF_RANGE)))));

        DeleteRecordsResponseData out = KafkaWire.parse(
                DeleteRecordsCodec.INSTANCE.encode(KafkaWire.header(DeleteRecordsCodec.API_KEY, version), response),
                version, new DeleteRecordsResponseData());

        assertThat(out.throttleTimeMs()).isEqualTo(5);
        DeleteRecordsResponseData.DeleteRecordsTopicResult t = out.topics().find("orders");
        assertThat(t.partitions().find(0).lowWatermark()).isEqualTo(42L);
        assertThat(t.partitions().find(0).errorCode()).isEqualTo(ErrorCode.NONE.code());
        assertThat(t.partitions().find(1).lowWatermark()).isEqualTo(-1L);
        assertThat(t.partitions().find(1).errorCode()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE.code());
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 2})
    void errorResponseFailsEveryPartition(short version) {
        DeleteRecordsRequest r = KafkaWire.decode(SampleRequests.deleteRecords(), version);

        DeleteRecordsResponse failed = DeleteRecordsCodec.INSTANCE.errorResponse(KafkaWire.header(DeleteRecordsCodec.API_KEY, version),
                r, ErrorCode.REQUEST_TIMED_OUT);

        assertThat(failed.topics()).flatMap(DeleteRecordsResponse.Topic::partitions)
                .extracting(DeleteRecordsResponse.Partition::error).containsOnly(ErrorCode.REQUEST_TIMED_OUT);
        assertThat(failed.topics()).flatMap(DeleteRecordsResponse.Topic::partitions).hasSize(3);
    }
}
