package io.tributary.wire;

import io.tributary.wire.api.allocateproducerids.AllocateProducerIdsCodec;
import io.tributary.wire.api.alterconfigs.AlterConfigsCodec;
import io.tributary.wire.api.alterpartition.AlterPartitionCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.brokerheartbeat.BrokerHeartbeatCodec;
import io.tributary.wire.api.brokerregistration.BrokerRegistrationCodec;
import io.tributary.wire.api.createpartitions.CreatePartitionsCodec;
import io.tributary.wire.api.createtopics.CreateTopicsCodec;
import io.tributary.wire.api.deletegroups.DeleteGroupsCodec;
import io.tributary.wire.api.deletetopics.DeleteTopicsCodec;
import io.tributary.wire.api.describecluster.DescribeClusterCodec;
import io.tributary.wire.api.describeconfigs.DescribeConfigsCodec;
import io.tributary.wire.api.describegroups.DescribeGroupsCodec;
import io.tributary.wire.api.electleaders.ElectLeadersCodec;
import io.tributary.wire.api.reassignments.AlterPartitionReassignmentsCodec;
import io.tributary.wire.api.unregisterbroker.UnregisterBrokerCodec;
import io.tributary.wire.api.fetch.FetchCodec;
import io.tributary.wire.api.heartbeat.HeartbeatCodec;
import io.tributary.wire.api.incrementalalterconfigs.IncrementalAlterConfigsCodec;
import io.tributary.wire.api.initproducerid.InitProducerIdCodec;
import io.tributary.wire.api.joingroup.JoinGroupCodec;
import io.tributary.wire.api.leavegroup.LeaveGroupCodec;
import io.tributary.wire.api.listgroups.ListGroupsCodec;
import io.tributary.wire.api.listoffsets.ListOffsetsCodec;
import io.tributary.wire.api.metadata.MetadataCodec;
import io.tributary.wire.api.offsetcommit.OffsetCommitCodec;
import io.tributary.wire.api.offsetdelete.OffsetDeleteCodec;
import io.tributary.wire.api.offsetfetch.OffsetFetchCodec;
import io.tributary.wire.api.produce.ProduceCodec;
import io.tributary.wire.api.syncgroup.SyncGroupCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The APIs one listener implements: one codec per API key. What ApiVersions advertises is derived from
 * this list and nothing else, so an API is advertised exactly when it can be decoded.
 */
public final class ApiRegistry {

    private static final int MAX_API_KEY = Short.MAX_VALUE;

    private final ApiCodec<?, ?>[] byKey;
    private final List<ApiCodec<?, ?>> codecs;
    private final List<ApiVersionRange> advertised;

    public ApiRegistry(List<ApiCodec<?, ?>> codecs) {
        List<ApiCodec<?, ?>> sorted = new ArrayList<>(codecs);
        sorted.sort(Comparator.comparingInt(ApiCodec::apiKey));
        int maxKey = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1).apiKey();
        if (maxKey < 0 || maxKey > MAX_API_KEY) {
            throw new IllegalArgumentException("API key out of range: " + maxKey);
        }
        this.byKey = new ApiCodec<?, ?>[maxKey + 1];
        List<ApiVersionRange> ranges = new ArrayList<>();
        for (ApiCodec<?, ?> c : sorted) {
            if (c.apiKey() < 0) {
                throw new IllegalArgumentException("negative API key " + c.apiKey() + " for " + c.name());
            }
            if (byKey[c.apiKey()] != null) {
                throw new IllegalArgumentException("two codecs for API key " + c.apiKey() + ": "
                        + byKey[c.apiKey()].name() + " and " + c.name());
            }
            byKey[c.apiKey()] = c;
            ranges.add(new ApiVersionRange(c.apiKey(), c.minVersion(), c.maxVersion()));
        }
        this.codecs = List.copyOf(sorted);
        this.advertised = List.copyOf(ranges);
    }

    /**
     * The broker listener's Foundation set: the twelve APIs a single node serves, at the version ranges
     * of the pinned kafka-clients message classes. The broker composes a bigger registry with
     * {@link #plus} as it implements more, so that ApiVersions advertises exactly what it serves.
     */
    public static ApiRegistry standard() {
        return of(
                ProduceCodec.INSTANCE,
                FetchCodec.INSTANCE,
                ListOffsetsCodec.INSTANCE,
                MetadataCodec.INSTANCE,
                ApiVersionsCodec.INSTANCE,
                CreateTopicsCodec.INSTANCE,
                DeleteTopicsCodec.INSTANCE,
                InitProducerIdCodec.INSTANCE,
                DescribeConfigsCodec.INSTANCE,
                CreatePartitionsCodec.INSTANCE,
                IncrementalAlterConfigsCodec.INSTANCE,
                DescribeClusterCodec.INSTANCE);
    }

    /**
     * The controller listener's set (docs/design/cluster.md): what brokers and admin clients send to a
     * controller. Fetch is there for the metadata long-poll of {@code __cluster_metadata}; DescribeCluster
     * with endpoint type 2 is how a broker finds the active controller.
     */
    public static ApiRegistry controller() {
        return of(
                ApiVersionsCodec.INSTANCE,
                DescribeClusterCodec.INSTANCE,
                BrokerRegistrationCodec.INSTANCE,
                BrokerHeartbeatCodec.INSTANCE,
                FetchCodec.INSTANCE,
                AllocateProducerIdsCodec.INSTANCE,
                CreateTopicsCodec.INSTANCE,
                DeleteTopicsCodec.INSTANCE,
                CreatePartitionsCodec.INSTANCE,
                IncrementalAlterConfigsCodec.INSTANCE,
                AlterConfigsCodec.INSTANCE,
                AlterPartitionCodec.INSTANCE,
                ElectLeadersCodec.INSTANCE,
                AlterPartitionReassignmentsCodec.INSTANCE,
                UnregisterBrokerCodec.INSTANCE);
    }

    /**
     * The classic group protocol's codecs (docs/design/contracts.md): JoinGroup, SyncGroup, Heartbeat,
     * LeaveGroup, OffsetCommit, OffsetFetch, OffsetDelete, ListGroups, DescribeGroups, DeleteGroups.
     * No listener advertises them until the group coordinator serves them: a client that sees them
     * advertised uses groups at once, and would get errors instead of Kafka's answers. FindCoordinator,
     * which the broker answers on its own, is not among them. Add them with {@code plus(groupCodecs())}.
     */
    public static ApiCodec<?, ?>[] groupCodecs() {
        return new ApiCodec<?, ?>[] {
                OffsetCommitCodec.INSTANCE,
                OffsetFetchCodec.INSTANCE,
                JoinGroupCodec.INSTANCE,
                HeartbeatCodec.INSTANCE,
                LeaveGroupCodec.INSTANCE,
                SyncGroupCodec.INSTANCE,
                DescribeGroupsCodec.INSTANCE,
                ListGroupsCodec.INSTANCE,
                DeleteGroupsCodec.INSTANCE,
                OffsetDeleteCodec.INSTANCE};
    }

    /** A registry of exactly these codecs; two codecs for one API key are refused. */
    public static ApiRegistry of(ApiCodec<?, ?>... codecs) {
        return new ApiRegistry(List.of(codecs));
    }

    /** This registry with {@code more} codecs added; an API key already present is refused, not replaced. */
    public ApiRegistry plus(ApiCodec<?, ?>... more) {
        List<ApiCodec<?, ?>> all = new ArrayList<>(codecs);
        all.addAll(List.of(more));
        return new ApiRegistry(all);
    }

    /** The codec for an API key, or null if the API is not implemented. */
    public ApiCodec<?, ?> codec(short apiKey) {
        return apiKey >= 0 && apiKey < byKey.length ? byKey[apiKey] : null;
    }

    public List<ApiCodec<?, ?>> codecs() {
        return codecs;
    }

    /** The {@code (apiKey, minVersion, maxVersion)} list ApiVersions sends, ordered by API key. */
    public List<ApiVersionRange> advertised() {
        return advertised;
    }
}
