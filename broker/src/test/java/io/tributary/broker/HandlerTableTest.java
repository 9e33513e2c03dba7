package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.common.Time;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ApiVersionRange;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every API ApiVersions advertises has a handler, and no handler exists for an API that is not advertised. */
class HandlerTableTest {

    @Test
    void theHandlerTableCoversExactlyTheAdvertisedApis() {
        ApiRegistry registry = HandlerTables.registry();
        HandlerTable table = HandlerTables.standard(registry, BrokerConfig.parse(Map.of("node.id", "1")), null, null, null, null,
                null, null, () -> 0L, Runnable::run, Time.SYSTEM);
        TreeSet<Short> advertised = registry.advertised().stream().map(ApiVersionRange::apiKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(table.apiKeys()).isEqualTo(advertised);
        assertThat(advertised).hasSize(13).containsAll(ApiRegistry.standard().advertised().stream().map(ApiVersionRange::apiKey).toList());
    }
}
