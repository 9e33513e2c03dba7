package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.controller.handler.ControllerHandlers;
import io.tributary.broker.handler.ControllerIdView;
import io.tributary.broker.handler.HandlerTable;
import io.tributary.common.Time;
import io.tributary.quorum.QuorumVoters;
import io.tributary.wire.ApiRegistry;
import io.tributary.wire.ApiVersionRange;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every API a listener's ApiVersions advertises has a handler, and no handler exists for an API that is not advertised. */
class HandlerTableTest {

    @Test
    void theHandlerTableCoversExactlyTheAdvertisedApis() {
        ApiRegistry registry = HandlerTables.registry();
        HandlerTables.Deps deps = new HandlerTables.Deps(BrokerConfig.parse(Map.of("node.id", "1")), null, null, null, null,
                null, ControllerIdView.self(1), null, () -> 0L, Runnable::run, Time.SYSTEM, null, null);
        TreeSet<Short> advertised = registry.advertised().stream().map(ApiVersionRange::apiKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(HandlerTables.standard(registry, deps).apiKeys()).isEqualTo(advertised);
        assertThat(HandlerTables.cluster(registry, deps, null, null).apiKeys()).as("a broker of a cluster").isEqualTo(advertised);
        assertThat(advertised).hasSize(33).contains((short) 10 /* FindCoordinator */, (short) 21 /* DeleteRecords */,
                        (short) 34 /* AlterReplicaLogDirs */, (short) 35 /* DescribeLogDirs */, (short) 43 /* ElectLeaders */,
                        (short) 45 /* AlterPartitionReassignments */, (short) 46 /* ListPartitionReassignments */,
                        (short) 64 /* UnregisterBroker */,
                        (short) 75 /* DescribeTopicPartitions */)
                .as("the classic group protocol").contains((short) 8, (short) 9, (short) 11, (short) 12, (short) 13, (short) 14, (short) 15,
                        (short) 16, (short) 42, (short) 47)
                .as("KIP-848's ConsumerGroupHeartbeat and ConsumerGroupDescribe are not served").doesNotContain((short) 68, (short) 69)
                .containsAll(ApiRegistry.standard().advertised().stream().map(ApiVersionRange::apiKey).toList());
    }

    @Test
    void theControllerListenerTableCoversExactlyTheControllerApis() {
        ApiRegistry registry = ControllerHandlers.registry();
        HandlerTable table = ControllerHandlers.table(registry, null, QuorumVoters.parse("1@localhost:9093"), true);
        TreeSet<Short> advertised = registry.advertised().stream().map(ApiVersionRange::apiKey)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(table.apiKeys()).isEqualTo(advertised);
        assertThat(advertised).isEqualTo(ApiRegistry.controller().advertised().stream().map(ApiVersionRange::apiKey)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}
