package io.tributary.e2e.harness;

import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.message.MetadataResponseData;

/**
 * What one broker's Metadata answer says about the cluster, in a canonical order (brokers by id,
 * topics by name, partitions by index), so two brokers' answers compare with {@code equals} and a
 * difference prints readably. Only what every broker must agree on is kept: the throttle time and
 * authorized operations are left out.
 */
public record MetadataView(String clusterId, int controllerId, List<BrokerView> brokers, List<TopicView> topics) {

    /** A broker as clients are told to reach it. */
    public record BrokerView(int id, String host, int port) {
    }

    /** A topic; {@code errorCode} 0 when the broker knows it. */
    public record TopicView(String name, String topicId, short errorCode, List<PartitionView> partitions) {
        public PartitionView partition(int index) {
            return partitions.stream().filter(p -> p.index() == index).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no partition " + index + ": " + this));
        }
    }

    /** A partition's leadership and replicas; {@code leader} -1 when it has none. */
    public record PartitionView(int index, short errorCode, int leader, int leaderEpoch, List<Integer> replicas,
                                List<Integer> isr, List<Integer> offlineReplicas) {
    }

    public static MetadataView of(MetadataResponseData data) {
        List<BrokerView> brokers = data.brokers().stream()
                .map(b -> new BrokerView(b.nodeId(), b.host(), b.port()))
                .sorted(Comparator.comparingInt(BrokerView::id)).toList();
        List<TopicView> topics = data.topics().stream()
                .map(t -> new TopicView(t.name(), t.topicId().toString(), t.errorCode(), t.partitions().stream()
                        .map(p -> new PartitionView(p.partitionIndex(), p.errorCode(), p.leaderId(), p.leaderEpoch(),
                                List.copyOf(p.replicaNodes()), List.copyOf(p.isrNodes()), List.copyOf(p.offlineReplicas())))
                        .sorted(Comparator.comparingInt(PartitionView::index)).toList()))
                .sorted(Comparator.comparing(TopicView::name)).toList();
        return new MetadataView(data.clusterId(), data.controllerId(), brokers, topics);
    }

    public List<Integer> brokerIds() {
        return brokers.stream().map(BrokerView::id).toList();
    }

    public TopicView topic(String name) {
        return topics.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no topic " + name + " in " + this));
    }

    /** Whether the topic is known, with {@code partitionCount} partitions that each have a leader. */
    public boolean hasLeadersFor(String name, int partitionCount) {
        return topics.stream().anyMatch(t -> t.name().equals(name) && t.errorCode() == 0
                && t.partitions().size() == partitionCount && t.partitions().stream().allMatch(p -> p.leader() >= 0));
    }
}
