package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.wire.api.alterpartition.AlterPartitionResponse;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatResponse;
import io.tributary.wire.api.createpartitions.CreatePartitionsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsClientCodec;
import io.tributary.wire.api.createtopics.CreateTopicsResponse;
import io.tributary.wire.api.deletetopics.DeleteTopicsClientCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatClientCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationClientCodec;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsClientCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerClientCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotControllerCheckTest {

    private static CreateTopicsResponse.TopicResult topic(String name, ErrorCode e) {
        return CreateTopicsResponse.TopicResult.failed(name, e, null);
    }

    @Test
    void aTopLevelNotControllerCounts() {
        assertThat(NotControllerCheck.isNotController(BrokerHeartbeatResponse.failed(ErrorCode.NOT_CONTROLLER))).isTrue();
        assertThat(NotControllerCheck.isNotController(BrokerHeartbeatResponse.failed(ErrorCode.REQUEST_TIMED_OUT))).isFalse();
        assertThat(NotControllerCheck.isNotController(new AlterPartitionResponse(0, ErrorCode.NOT_CONTROLLER, List.of()))).isTrue();
    }

    @Test
    void perItemErrorsCountOnlyWhenEveryItemSaysNotController() {
        assertThat(NotControllerCheck.isNotController(new CreateTopicsResponse(0,
                List.of(topic("a", ErrorCode.NOT_CONTROLLER), topic("b", ErrorCode.NOT_CONTROLLER))))).isTrue();
        assertThat(NotControllerCheck.isNotController(new CreateTopicsResponse(0,
                List.of(topic("a", ErrorCode.NOT_CONTROLLER), topic("b", ErrorCode.NONE)))))
                .as("b was created; sending again would answer TOPIC_ALREADY_EXISTS").isFalse();
        assertThat(NotControllerCheck.isNotController(new CreateTopicsResponse(0, List.of()))).isFalse();
        assertThat(NotControllerCheck.isNotController(new AlterPartitionResponse(0, ErrorCode.NONE, List.of(
                new AlterPartitionResponse.Topic(TopicId.ZERO, List.of(AlterPartitionResponse.Partition.failed(0, ErrorCode.NOT_CONTROLLER)))))))
                .isTrue();
    }

    @Test
    void unknownResponseTypesNeverCount() {
        assertThat(NotControllerCheck.isNotController("NOT_CONTROLLER")).isFalse();
    }

    @Test
    void createDeleteAndPartitionChangesAndUnregisteringAreAtMostOnceTheRestIdempotent() {
        assertThat(RetryRule.defaultFor(CreateTopicsClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.AT_MOST_ONCE);
        assertThat(RetryRule.defaultFor(DeleteTopicsClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.AT_MOST_ONCE);
        assertThat(RetryRule.defaultFor(CreatePartitionsClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.AT_MOST_ONCE);
        assertThat(RetryRule.defaultFor(UnregisterBrokerClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.AT_MOST_ONCE);
        assertThat(RetryRule.defaultFor(BrokerHeartbeatClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.IDEMPOTENT);
        assertThat(RetryRule.defaultFor(BrokerRegistrationClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.IDEMPOTENT);
        assertThat(RetryRule.defaultFor(FetchClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.IDEMPOTENT);
        assertThat(RetryRule.defaultFor(IncrementalAlterConfigsClientCodec.INSTANCE.apiKey())).isEqualTo(RetryRule.IDEMPOTENT);
    }

    @Test
    void atMostOnceRetriesOnlyWhatCertainlyWasNotDelivered() {
        DisconnectedException neverWritten = new DisconnectedException("refused", null, false);
        DisconnectedException written = new DisconnectedException("dropped", null, true);
        assertThat(RetryRule.AT_MOST_ONCE.allowsRetryAfter(neverWritten)).isTrue();
        assertThat(RetryRule.AT_MOST_ONCE.allowsRetryAfter(written)).isFalse();
        assertThat(RetryRule.IDEMPOTENT.allowsRetryAfter(written)).isTrue();
    }
}
