package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import java.util.List;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every codec's error response, at every advertised version, encodes into bytes kafka-clients parses
 * and carries the error: what the broker sends when a handler fails must never itself fail.
 */
class ErrorResponsesTest {

    static List<SampleRequests.Sample> samples() {
        return SampleRequests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void errorResponseEncodesAndCarriesTheError(SampleRequests.Sample sample) {
        ParsedRequest parsed = new RequestReader(KafkaWire.EVERY_CODEC).read(sample.frame());
        assertThat(parsed).isInstanceOf(ParsedRequest.Ok.class);
        ApiMessage kafkaResponse = encodeError((ParsedRequest.Ok<?, ?>) parsed, ErrorCode.UNKNOWN_SERVER_ERROR, sample.version());
        String dump = kafkaResponse.toString();
        assertThat(dump).as("the error code appears in the parsed response").contains("rrorCode=-1");
    }

    private static <Q, R> ApiMessage encodeError(ParsedRequest.Ok<Q, R> ok, ErrorCode error, short version) {
        R response = ok.codec().errorResponse(ok.header(), ok.body(), error);
        ResponseFrame frame = ok.codec().encode(ok.header(), response);
        return KafkaWire.parse(frame, version, ApiMessageType.fromApiKey(ok.header().apiKey()).newResponse());
    }
}
