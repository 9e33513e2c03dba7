package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.produce.ProduceCodec;
import org.junit.jupiter.api.Test;

/** Registries per listener: the controller's set, and composing a broker's set from chosen codecs. */
class ApiRegistryTest {

    @Test
    void theControllerListenerServesTheClusterApisAndNothingElse() {
        assertThat(ApiRegistry.controller().advertised()).extracting(ApiVersionRange::apiKey).containsExactly(
                (short) 1,   // Fetch (the metadata long-poll)
                (short) 18,  // ApiVersions
                (short) 19,  // CreateTopics
                (short) 20,  // DeleteTopics
                (short) 33,  // AlterConfigs
                (short) 37,  // CreatePartitions
                (short) 43,  // ElectLeaders
                (short) 44,  // IncrementalAlterConfigs
                (short) 45,  // AlterPartitionReassignments
                (short) 56,  // AlterPartition
                (short) 60,  // DescribeCluster
                (short) 62,  // BrokerRegistration
                (short) 63,  // BrokerHeartbeat
                (short) 64,  // UnregisterBroker (an admin's, forwarded by a broker)
                (short) 67); // AllocateProducerIds
    }

    @Test
    void aRegistryOfChosenCodecsAdvertisesExactlyThem() {
        ApiRegistry two = ApiRegistry.of(FetchCodec.INSTANCE, ProduceCodec.INSTANCE);
        assertThat(two.advertised()).extracting(ApiVersionRange::apiKey).containsExactly((short) 0, (short) 1);
        assertThat(two.codec(FetchCodec.API_KEY)).isSameAs(FetchCodec.INSTANCE);
        assertThat(two.codec(AlterConfigsCodec.API_KEY)).isNull();

        ApiRegistry more = ApiRegistry.standard().plus(AlterConfigsCodec.INSTANCE);
        assertThat(more.codec(AlterConfigsCodec.API_KEY)).isSameAs(AlterConfigsCodec.INSTANCE);
        assertThat(more.advertised()).hasSize(ApiRegistry.standard().advertised().size() + 1);
        assertThat(ApiRegistry.standard().codec(AlterConfigsCodec.API_KEY)).as("plus leaves the original alone").isNull();
    }

    @Test
    void refusesTwoCodecsForOneApiKey() {
        assertThatThrownBy(() -> ApiRegistry.standard().plus(new FetchCodec()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two codecs for API key 1");
    }
}
