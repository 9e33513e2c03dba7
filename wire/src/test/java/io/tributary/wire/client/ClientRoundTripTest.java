package io.tributary.wire.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ClientCodec;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.RequestReader;
import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both directions of every API with a client codec, at every version: a request the client codec
 * writes reads back on the server side as an equal record, and a response the server codec writes
 * reads back on the client side as an equal record. The samples hold only what each version carries,
 * so equality is exact; what older versions drop or refuse is tested in {@link ClientCodecTest}.
 */
class ClientRoundTripTest {

    private static final int CORRELATION_ID = 0x0bad_cafe;
    private static final String CLIENT_ID = "broker-2";
    private static final RequestReader READER = new RequestReader(KafkaWire.EVERY_CODEC);

    static List<Arguments> everyApiAtEveryVersion() {
        List<Arguments> out = new ArrayList<>();
        for (ApiPair<?, ?> api : ClientSamples.all()) {
            for (short v = api.client().minVersion(); v <= api.client().maxVersion(); v++) {
                out.add(Arguments.of(api, v));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyApiAtEveryVersion")
    <Q, R> void requestsTheClientWritesReadBackEqualOnTheServer(ApiPair<Q, R> api, short version) {
        Q sent = api.request(version);
        ByteBuffer frame = api.client().encodeRequest(version, CORRELATION_ID, CLIENT_ID, sent);

        assertThat(frame.getInt(0)).as("size prefix").isEqualTo(frame.remaining() - 4);
        ParsedRequest parsed = READER.read(frame.duplicate().position(4).slice());
        assertThat(parsed).isInstanceOf(ParsedRequest.Ok.class);
        ParsedRequest.Ok<?, ?> ok = (ParsedRequest.Ok<?, ?>) parsed;
        assertThat(ok.header()).isEqualTo(new RequestHeader(api.client().apiKey(), version, CORRELATION_ID, CLIENT_ID));
        assertThat(ok.codec()).isSameAs(api.server());
        assertThat(ok.body()).isEqualTo(sent);
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyApiAtEveryVersion")
    <Q, R> void responsesTheServerWritesReadBackEqualOnTheClient(ApiPair<Q, R> api, short version) {
        R sent = api.response(version);
        ByteBuffer frame = withoutSizePrefix(api.server().encode(header(api.client(), version), sent));

        assertThat(ClientCodec.correlationId(frame)).isEqualTo(CORRELATION_ID);
        assertThat(api.client().decodeResponse(version, frame)).isEqualTo(sent);
        assertThat(frame.position()).as("the caller's position is not moved").isZero();
    }

    @ParameterizedTest(name = "{0} v{1}")
    @MethodSource("everyApiAtEveryVersion")
    <Q, R> void errorResponsesReadBackOnTheClientWithTheError(ApiPair<Q, R> api, short version) {
        RequestHeader header = header(api.client(), version);
        R failed = api.server().errorResponse(header, api.request(version), ErrorCode.NOT_CONTROLLER);
        ByteBuffer bytes = withoutSizePrefix(api.server().encode(header, failed));
        R read = api.client().decodeResponse(version, bytes);
        assertThat(read.toString()).contains("NOT_CONTROLLER");
        // Older versions drop what they cannot carry (a top-level error before Fetch v7, say), so the
        // record read back may differ from the one sent; the bytes it encodes to may not.
        assertThat(withoutSizePrefix(api.server().encode(header, read))).isEqualTo(bytes);
    }

    static RequestHeader header(ClientCodec<?, ?> client, short version) {
        return new RequestHeader(client.apiKey(), version, CORRELATION_ID, CLIENT_ID);
    }

    static ByteBuffer withoutSizePrefix(ResponseFrame frame) {
        ByteBuffer whole = KafkaWire.assemble(frame);
        assertThat(whole.getInt()).as("size prefix").isEqualTo(whole.remaining());
        return whole.slice();
    }
}
