package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.findcoordinator.FindCoordinatorCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The clients we promise to serve must find a common version for every API they send.
 *
 * <p>Version ranges as the clients' sources declare them (checked against the public sources):
 * <ul>
 *   <li>librdkafka 2.0.2 (kcat): {@code rd_kafka_broker_ApiVersion_supported(...)} in
 *       {@code rdkafka_request.c}, {@code rdkafka_msgset_writer.c} and {@code rdkafka_fetcher.c} of the
 *       2.0 line: Produce 0-7, Fetch 0-11 (non-flexible, RackId at v11), ListOffsets 0-2, Metadata 0-4,
 *       ApiVersions 0-3, CreateTopics 0-4, DeleteTopics 0-1, CreatePartitions 0-0, DescribeConfigs 0-1,
 *       InitProducerId 0-4, AlterConfigs from 0 (the 2.0 line's upper bound is not pinned here; newer
 *       lines ask for up to v2, which the codec's 0-2 covers as well). It picks the highest version both
 *       sides support. It does not send DescribeCluster (added in 2.3.0) or IncrementalAlterConfigs
 *       (added in 2.2.0); it alters configs with AlterConfigs.</li>
 *   <li>kafkajs 2.2.4: the {@code versions} of {@code src/protocol/requests/<api>/index.js}: Produce 0-7,
 *       Fetch 0-11, ListOffsets 0-3, Metadata 0-6, ApiVersions 0-2, CreateTopics 0-3, DeleteTopics 0-1,
 *       CreatePartitions 0-1, DescribeConfigs 0-2, InitProducerId 0-1, AlterConfigs 0-1. It picks
 *       {@code min(its highest, the broker's highest)} without looking at the broker's lowest, so its
 *       highest must be at least our lowest, which the common-version check below implies. It sends
 *       neither DescribeCluster nor IncrementalAlterConfigs.</li>
 * </ul>
 *
 * <p>The registry checked is the broker listener's Foundation set plus AlterConfigs, which the broker
 * serves (forwarding it to the controller) from the cluster issue on: both clients change configs
 * only with it.
 *
 * <p>The group APIs (issue 13). librdkafka 2.x, from the supported-versions table of its
 * {@code INTRODUCTION.md}: FindCoordinator 0-2, OffsetCommit 0-7, OffsetFetch 0-7, JoinGroup 0-5,
 * Heartbeat 0-3, LeaveGroup 0-1, SyncGroup 0-3, DescribeGroups 0-4, ListGroups 0-4, DeleteGroups 0-1,
 * OffsetDelete 0 (the later 2.x releases raise OffsetCommit and OffsetFetch to 9, which changes nothing
 * here). kafkajs 2.2.4, from the {@code index.js} of each API in the published 2.2.4 package: FindCoordinator 0-2,
 * OffsetCommit 0-5, OffsetFetch 1-4, JoinGroup 0-5, Heartbeat 0-3, LeaveGroup 0-3, SyncGroup 0-3,
 * DescribeGroups 0-2, ListGroups 0-2, DeleteGroups 0-1, and no OffsetDelete. Kafka 4.x dropped
 * OffsetCommit 0-1 and OffsetFetch 0, as our codecs do; both clients still meet us above them.
 */
class ClientCompatibilityTest {

    private static final Map<Short, int[]> LIBRDKAFKA_2_0_2 = Map.ofEntries(
            Map.entry((short) 0, new int[] {0, 7}),
            Map.entry((short) 1, new int[] {0, 11}),
            Map.entry((short) 2, new int[] {0, 2}),
            Map.entry((short) 3, new int[] {0, 4}),
            Map.entry((short) 18, new int[] {0, 3}),
            Map.entry((short) 19, new int[] {0, 4}),
            Map.entry((short) 20, new int[] {0, 1}),
            Map.entry((short) 37, new int[] {0, 0}),
            Map.entry((short) 32, new int[] {0, 1}),
            Map.entry((short) 22, new int[] {0, 4}),
            Map.entry((short) 33, new int[] {0, 0}));

    private static final Map<Short, int[]> KAFKAJS_2_2_4 = Map.ofEntries(
            Map.entry((short) 0, new int[] {0, 7}),
            Map.entry((short) 1, new int[] {0, 11}),
            Map.entry((short) 2, new int[] {0, 3}),
            Map.entry((short) 3, new int[] {0, 6}),
            Map.entry((short) 18, new int[] {0, 2}),
            Map.entry((short) 19, new int[] {0, 3}),
            Map.entry((short) 20, new int[] {0, 1}),
            Map.entry((short) 37, new int[] {0, 1}),
            Map.entry((short) 32, new int[] {0, 2}),
            Map.entry((short) 22, new int[] {0, 1}),
            Map.entry((short) 33, new int[] {0, 1}));

    private static final Map<Short, int[]> LIBRDKAFKA_2_GROUPS = Map.ofEntries(
            Map.entry((short) 10, new int[] {0, 2}),
            Map.entry((short) 8, new int[] {0, 7}),
            Map.entry((short) 9, new int[] {0, 7}),
            Map.entry((short) 11, new int[] {0, 5}),
            Map.entry((short) 12, new int[] {0, 3}),
            Map.entry((short) 13, new int[] {0, 1}),
            Map.entry((short) 14, new int[] {0, 3}),
            Map.entry((short) 15, new int[] {0, 4}),
            Map.entry((short) 16, new int[] {0, 4}),
            Map.entry((short) 42, new int[] {0, 1}),
            Map.entry((short) 47, new int[] {0, 0}));

    private static final Map<Short, int[]> KAFKAJS_2_2_4_GROUPS = Map.ofEntries(
            Map.entry((short) 10, new int[] {0, 2}),
            Map.entry((short) 8, new int[] {0, 5}),
            Map.entry((short) 9, new int[] {1, 4}),
            Map.entry((short) 11, new int[] {0, 5}),
            Map.entry((short) 12, new int[] {0, 3}),
            Map.entry((short) 13, new int[] {0, 3}),
            Map.entry((short) 14, new int[] {0, 3}),
            Map.entry((short) 15, new int[] {0, 2}),
            Map.entry((short) 16, new int[] {0, 2}),
            Map.entry((short) 42, new int[] {0, 1}));

    private final ApiRegistry registry = ApiRegistry.standard().plus(AlterConfigsCodec.INSTANCE, FindCoordinatorCodec.INSTANCE)
            .plus(ApiRegistry.groupCodecs());

    @Test
    void librdkafka202FindsACommonVersionForEveryApiItSends() {
        assertCommonVersions(LIBRDKAFKA_2_0_2);
    }

    @Test
    void kafkajs224FindsACommonVersionForEveryApiItSends() {
        assertCommonVersions(KAFKAJS_2_2_4);
    }

    @Test
    void librdkafka2FindsACommonVersionForEveryGroupApi() {
        assertCommonVersions(LIBRDKAFKA_2_GROUPS);
    }

    @Test
    void kafkajs224FindsACommonVersionForEveryGroupApi() {
        assertCommonVersions(KAFKAJS_2_2_4_GROUPS);
    }

    private void assertCommonVersions(Map<Short, int[]> client) {
        client.forEach((apiKey, range) -> {
            ApiCodec<?, ?> codec = registry.codec(apiKey);
            assertThat(codec).as("API key %d is implemented", apiKey).isNotNull();
            int low = Math.max(range[0], codec.minVersion());
            int high = Math.min(range[1], codec.maxVersion());
            assertThat(low).as("%s: client %d-%d, broker %d-%d", codec.name(), range[0], range[1], codec.minVersion(), codec.maxVersion())
                    .isLessThanOrEqualTo(high);
        });
    }
}
