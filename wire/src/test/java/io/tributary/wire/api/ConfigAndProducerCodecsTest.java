package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsRequest;
import io.tributary.wire.api.describeconfigs.DescribeConfigsResponse;
import io.tributary.wire.api.incrementalalterconfigs.AlterConfigOp;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsRequest;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsResponse;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdRequest;
import io.tributary.wire.api.initproducerid.InitProducerIdResponse;
import java.util.List;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DescribeConfigs, IncrementalAlterConfigs and InitProducerId at their lowest, a middle and their highest versions. */
class ConfigAndProducerCodecsTest {

    @ParameterizedTest
    @ValueSource(shorts = {1, 2, 3, 4})
    void describeConfigsRoundTrip(short version) {
        DescribeConfigsRequestData d = new DescribeConfigsRequestData().setIncludeSynonyms(true).setIncludeDocumentation(version >= 3);
        d.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType((byte) 2).setResourceName("orders")
                .setConfigurationKeys(null));
        d.resources().add(new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType((byte) 4).setResourceName("1")
                .setConfigurationKeys(List.of("log.retention.ms")));
        DescribeConfigsRequest r = KafkaWire.decode(d, version);
        assertThat(r.includeSynonyms()).isTrue();
        assertThat(r.includeDocumentation()).isEqualTo(version >= 3);
        assertThat(r.resources().get(0).type()).isEqualTo(ConfigResourceType.TOPIC);
        assertThat(r.resources().get(0).allKeys()).isTrue();
        assertThat(r.resources().get(1).type()).isEqualTo(ConfigResourceType.BROKER);
        assertThat(r.resources().get(1).allKeys()).isFalse();
        assertThat(r.resources().get(1).configurationKeys()).containsExactly("log.retention.ms");

        DescribeConfigsCodec codec = new DescribeConfigsCodec();
        DescribeConfigsResponse response = new DescribeConfigsResponse(0, List.of(
                new DescribeConfigsResponse.Result(ErrorCode.NONE, null, (byte) 2, "orders", List.of(
                        new DescribeConfigsResponse.Entry("cleanup.policy", "compact", false, ConfigSource.TOPIC_CONFIG, false,
                                List.of(new DescribeConfigsResponse.Synonym("cleanup.policy", "compact", ConfigSource.TOPIC_CONFIG),
                                        new DescribeConfigsResponse.Synonym("log.cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG)),
                                ConfigType.LIST, "The retention policy."),
                        new DescribeConfigsResponse.Entry("sasl.jaas.config", null, false, ConfigSource.DEFAULT_CONFIG, true,
                                List.of(), ConfigType.PASSWORD, null))),
                new DescribeConfigsResponse.Result(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "no such topic", (byte) 2, "gone", List.of())));
        DescribeConfigsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(DescribeConfigsCodec.API_KEY, version), response),
                version, new DescribeConfigsResponseData());
        DescribeConfigsResponseData.DescribeConfigsResourceResult e = out.results().get(0).configs().get(0);
        assertThat(e.value()).isEqualTo("compact");
        assertThat(e.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.code());
        assertThat(e.synonyms()).hasSize(2);
        assertThat(e.configType()).isEqualTo(version >= 3 ? ConfigType.LIST.code() : 0);
        assertThat(e.documentation()).isEqualTo(version >= 3 ? "The retention policy." : "");
        assertThat(out.results().get(0).configs().get(1).isSensitive()).isTrue();
        assertThat(out.results().get(1).errorCode()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION.code());

        DescribeConfigsResponse failed = codec.errorResponse(KafkaWire.header(DescribeConfigsCodec.API_KEY, version), r, ErrorCode.INVALID_REQUEST);
        assertThat(failed.results()).extracting(DescribeConfigsResponse.Result::resourceName).containsExactly("orders", "1");
        assertThat(failed.results()).allSatisfy(x -> assertThat(x.error()).isEqualTo(ErrorCode.INVALID_REQUEST));
        KafkaWire.parse(codec.encode(KafkaWire.header(DescribeConfigsCodec.API_KEY, version), failed), version, new DescribeConfigsResponseData());
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1})
    void incrementalAlterConfigsRoundTrip(short version) {
        IncrementalAlterConfigsRequestData d = new IncrementalAlterConfigsRequestData().setValidateOnly(true);
        IncrementalAlterConfigsRequestData.AlterConfigsResource res = new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType((byte) 2).setResourceName("orders");
        res.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("retention.ms").setConfigOperation((byte) 0).setValue("1000"));
        res.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("segment.ms").setConfigOperation((byte) 1).setValue(null));
        res.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("cleanup.policy").setConfigOperation((byte) 2).setValue("compact"));
        res.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("follower.replication.throttled.replicas")
                .setConfigOperation((byte) 3).setValue("0:1"));
        res.configs().add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName("x").setConfigOperation((byte) 9).setValue("y"));
        d.resources().add(res);
        IncrementalAlterConfigsRequest r = KafkaWire.decode(d, version);
        assertThat(r.validateOnly()).isTrue();
        assertThat(r.resources().get(0).configs()).extracting(IncrementalAlterConfigsRequest.AlterableConfig::op)
                .containsExactly(AlterConfigOp.SET, AlterConfigOp.DELETE, AlterConfigOp.APPEND, AlterConfigOp.SUBTRACT, AlterConfigOp.UNKNOWN);
        assertThat(r.resources().get(0).configs().get(1).value()).isNull();

        IncrementalAlterConfigsCodec codec = new IncrementalAlterConfigsCodec();
        IncrementalAlterConfigsResponse response = codec.errorResponse(KafkaWire.header(IncrementalAlterConfigsCodec.API_KEY, version), r,
                ErrorCode.INVALID_CONFIG);
        IncrementalAlterConfigsResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(IncrementalAlterConfigsCodec.API_KEY, version),
                response), version, new IncrementalAlterConfigsResponseData());
        assertThat(out.responses()).singleElement().satisfies(x -> {
            assertThat(x.errorCode()).isEqualTo(ErrorCode.INVALID_CONFIG.code());
            assertThat(x.resourceType()).isEqualTo((byte) 2);
            assertThat(x.resourceName()).isEqualTo("orders");
        });
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 6})
    void initProducerIdRoundTrip(short version) {
        InitProducerIdRequestData d = new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(-1);
        if (version >= 3) {
            d.setProducerId(5000L).setProducerEpoch((short) 3);
        }
        InitProducerIdRequest r = KafkaWire.decode(d, version);
        assertThat(r.transactionalId()).isNull();
        assertThat(r.transactionTimeoutMs()).isEqualTo(-1);
        assertThat(r.producerId()).isEqualTo(version >= 3 ? 5000L : -1L);
        assertThat(r.producerEpoch()).isEqualTo((short) (version >= 3 ? 3 : -1));

        InitProducerIdCodec codec = new InitProducerIdCodec();
        InitProducerIdResponseData out = KafkaWire.parse(codec.encode(KafkaWire.header(InitProducerIdCodec.API_KEY, version),
                new InitProducerIdResponse(0, ErrorCode.NONE, 5001L, (short) 0, 4000L, (short) 2)), version, new InitProducerIdResponseData());
        assertThat(out.producerId()).isEqualTo(5001L);
        assertThat(out.producerEpoch()).isZero();
        assertThat(out.ongoingTxnProducerId()).isEqualTo(version >= 6 ? 4000L : -1L);

        InitProducerIdResponse failed = codec.errorResponse(KafkaWire.header(InitProducerIdCodec.API_KEY, version), r,
                ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(KafkaWire.parse(codec.encode(KafkaWire.header(InitProducerIdCodec.API_KEY, version), failed), version,
                new InitProducerIdResponseData()).errorCode()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE.code());
    }
}
