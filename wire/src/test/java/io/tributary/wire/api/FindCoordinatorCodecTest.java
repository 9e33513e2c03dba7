package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.ErrorCode;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.GroupSampleRequests;
import io.tributary.wire.api.findcoordinator.CoordinatorType;
import io.tributary.wire.api.findcoordinator.FindCoordinatorCodec;
import io.tributary.wire.api.findcoordinator.FindCoordinatorRequest;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse;
import io.tributary.wire.api.findcoordinator.FindCoordinatorResponse.Coordinator;
import java.util.List;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.FindCoordinatorRequest.Builder;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FindCoordinatorCodecTest {

    private final FindCoordinatorCodec codec = FindCoordinatorCodec.INSTANCE;

    @Test
    void versionsAreExactlyThoseOfThePinnedClient() {
        assertThat(codec.apiKey()).isEqualTo(ApiKeys.FIND_COORDINATOR.id);
        assertThat(codec.minVersion()).isEqualTo(ApiKeys.FIND_COORDINATOR.oldestVersion());
        assertThat(codec.maxVersion()).isEqualTo(ApiKeys.FIND_COORDINATOR.latestVersion());
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5, 6})
    void readsOneKeyBeforeV4AndEveryKeyFrom(short version) {
        FindCoordinatorRequest r = KafkaWire.decode(GroupSampleRequests.findCoordinator(version, (byte) 1, "payments", "orders"), version);
        assertThat(r.keyType()).as("key type, GROUP before v1").isEqualTo(version >= 1 ? CoordinatorType.TRANSACTION : CoordinatorType.GROUP);
        assertThat(r.keys()).isEqualTo(version >= 4 ? List.of("payments", "orders") : List.of("payments"));
    }

    @Test
    void theJavaClientsBatchedRequestReadsAsItsKeys() {
        FindCoordinatorRequestData d = new Builder(new FindCoordinatorRequestData().setKeyType((byte) 0)
                .setCoordinatorKeys(List.of("g1", "g2", "g3"))).build((short) 6).data();
        FindCoordinatorRequest r = KafkaWire.decode(d, (short) 6);
        assertThat(r).isEqualTo(new FindCoordinatorRequest(CoordinatorType.GROUP, List.of("g1", "g2", "g3")));
    }

    @Test
    void unknownKeyTypesReadAsUnknown() {
        FindCoordinatorRequest r = KafkaWire.decode(GroupSampleRequests.findCoordinator((short) 4, (byte) 9, "x"), (short) 4);
        assertThat(r.keyType()).isEqualTo(CoordinatorType.UNKNOWN);
        assertThat(CoordinatorType.forCode((byte) 2)).isEqualTo(CoordinatorType.SHARE);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3})
    void writesTheSingleCoordinatorAsTopLevelFieldsBeforeV4(short version) {
        FindCoordinatorResponse response = new FindCoordinatorResponse(3,
                List.of(new Coordinator("payments", ErrorCode.NONE, null, 2, "broker-2", 9092)));
        FindCoordinatorResponseData d = KafkaWire.parse(codec.encode(KafkaWire.header(FindCoordinatorCodec.API_KEY, version), response),
                version, new FindCoordinatorResponseData());
        assertThat(d.errorCode()).isZero();
        assertThat(d.nodeId()).isEqualTo(2);
        assertThat(d.host()).isEqualTo("broker-2");
        assertThat(d.port()).isEqualTo(9092);
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 1 ? 3 : 0);
        assertThat(d.coordinators()).isEmpty();

        FindCoordinatorResponseData failed = KafkaWire.parse(codec.encode(KafkaWire.header(FindCoordinatorCodec.API_KEY, version),
                new FindCoordinatorResponse(0, List.of(Coordinator.failed("payments", ErrorCode.COORDINATOR_NOT_AVAILABLE, "loading")))),
                version, new FindCoordinatorResponseData());
        assertThat(failed.errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(failed.errorMessage()).as("v0 has no message").isEqualTo(version >= 1 ? "loading" : "");
        assertThat(failed.nodeId()).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(shorts = {4, 5, 6})
    void writesOneCoordinatorPerKeyFromV4(short version) {
        FindCoordinatorResponse response = new FindCoordinatorResponse(0, List.of(
                Coordinator.found("payments", 2, "broker-2", 9092),
                Coordinator.failed("orders", ErrorCode.COORDINATOR_NOT_AVAILABLE, null)));
        FindCoordinatorResponseData d = KafkaWire.parse(codec.encode(KafkaWire.header(FindCoordinatorCodec.API_KEY, version), response),
                version, new FindCoordinatorResponseData());
        assertThat(d.coordinators()).hasSize(2);
        assertThat(d.coordinators().get(0).key()).isEqualTo("payments");
        assertThat(d.coordinators().get(0).nodeId()).isEqualTo(2);
        assertThat(d.coordinators().get(0).host()).isEqualTo("broker-2");
        assertThat(d.coordinators().get(0).port()).isEqualTo(9092);
        assertThat(d.coordinators().get(1).key()).isEqualTo("orders");
        assertThat(d.coordinators().get(1).errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
        assertThat(d.coordinators().get(1).nodeId()).isEqualTo(-1);
    }

    @Test
    void aSingleKeyVersionRefusesAnAnswerOfManyKeys() {
        FindCoordinatorResponse two = new FindCoordinatorResponse(0, List.of(Coordinator.found("a", 1, "h", 1), Coordinator.found("b", 1, "h", 1)));
        assertThatThrownBy(() -> codec.encode(KafkaWire.header(FindCoordinatorCodec.API_KEY, (short) 3), two))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theErrorResponseFailsEveryKey() {
        FindCoordinatorRequest r = new FindCoordinatorRequest(CoordinatorType.GROUP, List.of("a", "b"));
        FindCoordinatorResponse e = codec.errorResponse(KafkaWire.header(FindCoordinatorCodec.API_KEY, (short) 5), r, ErrorCode.NOT_COORDINATOR);
        assertThat(e.coordinators()).containsExactly(Coordinator.failed("a", ErrorCode.NOT_COORDINATOR, null),
                Coordinator.failed("b", ErrorCode.NOT_COORDINATOR, null));
    }
}
