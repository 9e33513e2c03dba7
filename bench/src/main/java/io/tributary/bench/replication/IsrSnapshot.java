package io.tributary.bench.replication;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every partition's leader, replicas and in-sync replicas of some topics at one moment, as the admin
 * client's describeTopics reported them. The conditions the replication scenario waits for (every
 * partition fully in sync; a killed follower out of every ISR; the restarted follower back in every
 * ISR) are decided here rather than inline in a polling loop, so they are tested without a cluster.
 *
 * @param partitions by {@code topic-partition}, in name order (which is how a failure message lists them)
 */
public record IsrSnapshot(Map<String, PartitionState> partitions) {

    /** One partition: its leader's node id (-1 for none), its replicas and its ISR, in the order the broker listed them. */
    public record PartitionState(int leader, List<Integer> replicas, List<Integer> isr) {

        public PartitionState {
            replicas = List.copyOf(replicas);
            isr = List.copyOf(isr);
        }
    }

    public IsrSnapshot {
        partitions = java.util.Collections.unmodifiableMap(new TreeMap<>(partitions));
    }

    public static IsrSnapshot of(Map<String, TopicDescription> descriptions) {
        Map<String, PartitionState> states = new TreeMap<>();
        for (TopicDescription topic : descriptions.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                states.put(topic.name() + "-" + partition.partition(), new PartitionState(
                        partition.leader() == null ? -1 : partition.leader().id(),
                        partition.replicas().stream().map(Node::id).toList(),
                        partition.isr().stream().map(Node::id).toList()));
            }
        }
        return new IsrSnapshot(states);
    }

    /** Every partition has a leader and all its replicas in its ISR; false when there are no partitions at all. */
    public boolean fullyInSync() {
        return !partitions.isEmpty() && partitions.values().stream()
                .allMatch(p -> p.leader() >= 0 && p.isr().size() == p.replicas().size() && p.isr().containsAll(p.replicas()));
    }

    /** {@code nodeId} is in the ISR of every partition it is a replica of, and it is a replica of at least one. */
    public boolean inEveryIsr(int nodeId) {
        return hostedBy(nodeId) && partitions.values().stream()
                .filter(p -> p.replicas().contains(nodeId)).allMatch(p -> p.isr().contains(nodeId));
    }

    /** {@code nodeId} is in no partition's ISR, though it is a replica of at least one. */
    boolean outOfEveryIsr(int nodeId) {
        return hostedBy(nodeId) && partitions.values().stream().noneMatch(p -> p.isr().contains(nodeId));
    }

    /** {@code nodeId} leads no partition. */
    public boolean leadsNothing(int nodeId) {
        return partitions.values().stream().noneMatch(p -> p.leader() == nodeId);
    }

    private boolean hostedBy(int nodeId) {
        return partitions.values().stream().anyMatch(p -> p.replicas().contains(nodeId));
    }

    /** One line per partition, {@code topic-0 leader 1 replicas [1, 2, 3] isr [1, 2]}, for failure messages. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        partitions.forEach((name, p) -> out.append(out.length() == 0 ? "" : "; ").append(name).append(" leader ")
                .append(p.leader()).append(" replicas ").append(p.replicas()).append(" isr ").append(p.isr()));
        return out.length() == 0 ? "(no partitions)" : out.toString();
    }
}
