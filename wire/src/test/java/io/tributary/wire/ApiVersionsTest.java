package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiVersionsTest {

    private final ApiRegistry registry = ApiRegistry.standard();
    private final ApiVersionsCodec codec = new ApiVersionsCodec();

    @Test
    void advertisesExactlyTheTwelveApisAtTheKafkaClientsRanges() {
        assertThat(registry.advertised()).containsExactly(
                range(0, 3, 13),   // Produce
                range(1, 4, 18),   // Fetch
                range(2, 1, 11),   // ListOffsets
                range(3, 0, 13),   // Metadata
                range(18, 0, 4),   // ApiVersions
                range(19, 2, 7),   // CreateTopics
                range(20, 1, 6),   // DeleteTopics
                range(22, 0, 6),   // InitProducerId
                range(32, 1, 4),   // DescribeConfigs
                range(37, 0, 3),   // CreatePartitions
                range(44, 0, 1),   // IncrementalAlterConfigs
                range(60, 0, 2));  // DescribeCluster
        for (ApiVersionRange r : registry.advertised()) {
            ApiKeys key = ApiKeys.forId(r.apiKey());
            assertThat(r.minVersion()).as(key.name).isEqualTo(key.oldestVersion());
            assertThat(r.maxVersion()).as(key.name).isEqualTo(key.latestVersion());
        }
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 2, 3, 4})
    void readsRequestsAtEveryShapeOfVersion(short version) {
        ApiVersionsRequest r = KafkaWire.decode(new ApiVersionsRequestData()
                .setClientSoftwareName("apache-kafka-java").setClientSoftwareVersion("4.3.1"), version);
        if (version >= 3) {
            assertThat(r).isEqualTo(new ApiVersionsRequest("apache-kafka-java", "4.3.1"));
            assertThat(r.hasValidSoftwareFields()).isTrue();
        } else {
            assertThat(r).isEqualTo(new ApiVersionsRequest("", ""));
        }
    }

    @Test
    void refusesMalformedSoftwareNames() {
        assertThat(new ApiVersionsRequest("-bad", "1.0").hasValidSoftwareFields()).isFalse();
        assertThat(new ApiVersionsRequest("librdkafka", "2.0.2").hasValidSoftwareFields()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 3, 4})
    void encodesResponsesThatKafkaClientsParse(short version) {
        ApiVersionsResponse response = new ApiVersionsResponse(ErrorCode.NONE, registry.advertised(), 7,
                List.of(new ApiVersionsResponse.Feature("metadata.version", (short) 1, (short) 27)), 42L,
                List.of(new ApiVersionsResponse.Feature("metadata.version", (short) 27, (short) 27)));
        ResponseFrame frame = codec.encode(KafkaWire.header(ApiVersionsCodec.API_KEY, version), response);
        ApiVersionsResponseData d = KafkaWire.parse(frame, version, new ApiVersionsResponseData());
        assertThat(d.errorCode()).isZero();
        assertThat(d.apiKeys()).hasSize(12);
        assertThat(d.apiKeys().find((short) 1).maxVersion()).isEqualTo((short) 18);
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 1 ? 7 : 0);
        if (version >= 3) {
            assertThat(d.supportedFeatures().find("metadata.version").maxVersion()).isEqualTo((short) 27);
            assertThat(d.finalizedFeaturesEpoch()).isEqualTo(42L);
        }
    }

    @Test
    void tooNewVersionGetsTheV0UnsupportedVersionReplyWithAllRanges() {
        ByteBuffer frame = KafkaWire.request(new ApiVersionsRequestData()
                .setClientSoftwareName("future-client").setClientSoftwareVersion("9.9"), (short) 4);
        frame.putShort(2, (short) 99);  // the client speaks a version from the future
        ParsedRequest parsed = new RequestReader(registry).read(frame);
        assertThat(parsed).isInstanceOf(ParsedRequest.UnsupportedVersion.class);
        ParsedRequest.UnsupportedVersion u = (ParsedRequest.UnsupportedVersion) parsed;
        assertThat(u.header().correlationId()).isEqualTo(KafkaWire.CORRELATION_ID);
        assertThat(u.apiVersionsReply()).isNotNull();

        // A client reads this with a v0 response header and the v0 body, whatever it asked.
        ByteBuffer bytes = KafkaWire.assemble(u.apiVersionsReply());
        assertThat(bytes.getInt()).isEqualTo(bytes.remaining());
        assertThat(bytes.getInt()).isEqualTo(KafkaWire.CORRELATION_ID);
        org.apache.kafka.common.requests.ApiVersionsResponse parsedByKafka = (org.apache.kafka.common.requests.ApiVersionsResponse)
                AbstractResponse.parseResponse(ApiKeys.API_VERSIONS, new org.apache.kafka.common.protocol.ByteBufferAccessor(bytes), (short) 0);
        assertThat(parsedByKafka.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(parsedByKafka.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion()).isEqualTo((short) 4);
        assertThat(parsedByKafka.data().apiKeys()).hasSize(registry.advertised().size());
    }

    @Test
    void unsupportedVersionOfAnotherApiHasNoReply() {
        ByteBuffer frame = KafkaWire.request(new org.apache.kafka.common.message.ProduceRequestData(), (short) 3);
        frame.putShort(2, (short) 2);  // Produce v2 was removed in Kafka 4
        ParsedRequest parsed = new RequestReader(registry).read(frame);
        assertThat(parsed).isInstanceOfSatisfying(ParsedRequest.UnsupportedVersion.class, u -> {
            assertThat(u.apiVersionsReply()).isNull();
            assertThat(u.header().apiVersion()).isEqualTo((short) 2);
            assertThat(u.header().clientId()).isEqualTo(KafkaWire.CLIENT_ID);
        });
    }

    @Test
    void errorResponseCarriesOnlyApiVersionsOwnRangeForUnsupportedVersion() {
        ApiVersionsResponse r = codec.errorResponse(KafkaWire.header((short) 18, (short) 3),
                new ApiVersionsRequest("x", "1"), ErrorCode.UNSUPPORTED_VERSION);
        assertThat(r.apiKeys()).containsExactly(range(18, 0, 4));
        assertThat(codec.errorResponse(KafkaWire.header((short) 18, (short) 3), new ApiVersionsRequest("x", "1"),
                ErrorCode.INVALID_REQUEST).apiKeys()).isEmpty();
    }

    private static ApiVersionRange range(int key, int min, int max) {
        return new ApiVersionRange((short) key, (short) min, (short) max);
    }
}
