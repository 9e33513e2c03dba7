package io.tributary.broker.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.ListGroupsResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumer group offsets and lag, at scrape time, from the groups this broker coordinates: their
 * committed offsets come from the coordinator shards (the same ListGroups and OffsetFetch a client
 * sends, so the shards' own threads read their state), and lag is the partition's high watermark on
 * this broker minus the committed offset. A partition this broker holds no replica of gets its
 * committed offset but no lag here; {@code docs/operations.md} shows the PromQL that joins it with
 * the leader's {@code tributary_log_highwatermark}. The names are those of the widely used
 * kafka_exporter, which dashboards already know.
 *
 * <p>Bounded: at most {@link #GROUPS_MAX} groups per scrape, and the whole collection waits at most
 * {@link #WAIT_MS} for the shards; a group that does not answer in time is left out of that scrape.
 */
final class GroupLagCollector implements MultiCollector {

    private static final Logger log = LoggerFactory.getLogger(GroupLagCollector.class);

    static final int GROUPS_MAX = 1000;
    static final long WAIT_MS = 2000;
    static final String OFFSET = "kafka_consumergroup_current_offset";
    static final String LAG = "kafka_consumergroup_lag";

    private final GroupCoordinatorRuntime groups;
    private final ReplicaManager replicas;

    GroupLagCollector(GroupCoordinatorRuntime groups, ReplicaManager replicas) {
        this.groups = groups;
        this.replicas = replicas;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder offsets = GaugeSnapshot.builder().name(OFFSET)
                .help("The offset a consumer group committed, per partition, from this broker's coordinator "
                        + "(kafka_exporter: kafka_consumergroup_current_offset; Kafka JMX: none)");
        GaugeSnapshot.Builder lags = GaugeSnapshot.builder().name(LAG)
                .help("High watermark minus the committed offset, per group and partition, where this broker coordinates the "
                        + "group and holds a replica (kafka_exporter: kafka_consumergroup_lag; Kafka JMX: none)");
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        try {
            List<String> groupIds = listGroups(deadlineNs);
            List<CompletableFuture<CoordinatorResponse>> fetches = new ArrayList<>();
            for (String g : groupIds) {
                fetches.add(groups.handle(g, new OffsetFetchRequest(g, null, false)));
            }
            for (int i = 0; i < groupIds.size(); i++) {
                CoordinatorResponse r = await(fetches.get(i), deadlineNs);
                if (!(r instanceof OffsetFetchResponse fetched) || fetched.error() != ErrorCode.NONE) {
                    continue;
                }
                for (OffsetFetchResponse.FetchedOffset o : fetched.partitions()) {
                    if (o.offset() < 0 || o.error() != ErrorCode.NONE) {
                        continue;
                    }
                    TopicPartition tp = o.partition();
                    Labels labels = Labels.of("group", groupIds.get(i), "partition", Integer.toString(tp.partition()), "topic", tp.topic());
                    offsets.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(o.offset()).build());
                    Partition p = replicas.partition(tp);
                    if (p != null) {
                        lags.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels)
                                .value(Math.max(0, p.highWatermark() - o.offset())).build());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return MetricSnapshots.of(offsets.build(), lags.build());
    }

    private List<String> listGroups(long deadlineNs) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<CoordinatorResponse> f : groups.handleEverywhere(new ListGroupsRequest(Set.of(), Set.of()))) {
            if (await(f, deadlineNs) instanceof ListGroupsResponse listed && listed.error() == ErrorCode.NONE) {
                for (ListGroupsResponse.ListedGroup g : listed.groups()) {
                    if (ids.size() < GROUPS_MAX) {
                        ids.add(g.groupId());
                    }
                }
            }
        }
        return ids;
    }

    private static CoordinatorResponse await(CompletableFuture<CoordinatorResponse> f, long deadlineNs) throws InterruptedException {
        try {
            return f.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("A group coordinator shard did not answer the scrape in time: {}", e.toString());
            return null;
        }
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(OFFSET, LAG);
    }
}
