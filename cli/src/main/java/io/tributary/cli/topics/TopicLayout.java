package io.tributary.cli.topics;

import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * One topic's partitions as {@code kafka-topics --describe} reports them: leader, replicas, ISR, the
 * replicas that are offline (on no live broker: the client marks such a node as having no host, as
 * Kafka's tool does), and, when the cluster reports them (KIP-966), the eligible leader replicas and
 * last known ELR. A pure function of the admin client's description, so it is tested without a cluster.
 */
public final class TopicLayout {
    private TopicLayout() {
    }

    /** Whether the partition has fewer in-sync replicas than replicas. */
    public static boolean underReplicated(TopicPartitionInfo p) {
        return p.isr().size() < p.replicas().size();
    }

    /** Whether the partition has no leader. */
    public static boolean offline(TopicPartitionInfo p) {
        return p.leader() == null || p.leader().isEmpty() || p.leader().id() < 0;
    }

    /** Replicas whose broker the cluster does not list as alive. */
    public static List<Integer> offlineReplicas(TopicPartitionInfo p) {
        return p.replicas().stream().filter(Node::isEmpty).map(Node::id).toList();
    }

    /**
     * Whether the cluster reported eligible leader replicas (the admin client leaves them null when it
     * read the topic from a Metadata answer, which has no such field), so the ELR columns have a meaning.
     */
    public static boolean reportsElr(List<TopicDescription> topics) {
        return topics.stream().flatMap(t -> t.partitions().stream()).anyMatch(p -> p.elr() != null);
    }

    public static Map<String, Object> json(TopicDescription topic, Map<String, String> configs) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic.name());
        json.put("topicId", topic.topicId() == null ? null : topic.topicId().toString());
        json.put("internal", topic.isInternal());
        json.put("partitionCount", topic.partitions().size());
        json.put("replicationFactor", topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size());
        json.put("configs", configs);
        List<Object> partitions = new ArrayList<>();
        for (TopicPartitionInfo p : topic.partitions()) {
            Map<String, Object> partition = new LinkedHashMap<>();
            partition.put("partition", p.partition());
            partition.put("leader", offline(p) ? null : p.leader().id());
            partition.put("replicas", ids(p.replicas()));
            partition.put("isr", ids(p.isr()));
            partition.put("offlineReplicas", offlineReplicas(p));
            partition.put("elr", ids(p.elr()));
            partition.put("lastKnownElr", ids(p.lastKnownElr()));
            partitions.add(partition);
        }
        json.put("partitions", partitions);
        return json;
    }

    /** The summary line and the partition table, as people read it; {@code configs} null when unknown. */
    public static Table table(TopicDescription topic, Map<String, String> configs, boolean withElr) {
        List<String> headers = new ArrayList<>(List.of("PARTITION", "LEADER", "REPLICAS", "ISR", "OFFLINE"));
        if (withElr) {
            headers.addAll(List.of("ELR", "LAST-KNOWN-ELR"));
        }
        Table table = new Table(headers.toArray(String[]::new));
        int rf = topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
        table.line("Topic: " + topic.name() + "  TopicId: " + topic.topicId() + "  PartitionCount: " + topic.partitions().size()
                + "  ReplicationFactor: " + rf + "  Configs: " + (configs == null ? "(unknown: the cluster did not describe them)"
                        : configs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","))));
        for (TopicPartitionInfo p : topic.partitions()) {
            List<Object> row = new ArrayList<>(List.of(p.partition(), offline(p) ? "none" : Integer.toString(p.leader().id()),
                    joined(ids(p.replicas())), joined(ids(p.isr())), joined(offlineReplicas(p))));
            if (withElr) {
                row.add(joined(ids(p.elr())));
                row.add(joined(ids(p.lastKnownElr())));
            }
            table.row(row.toArray());
        }
        return table;
    }

    /** The nodes' ids; null where the cluster did not report the list. */
    static List<Integer> ids(List<Node> nodes) {
        return nodes == null ? null : nodes.stream().map(Node::id).toList();
    }

    static String joined(List<Integer> ids) {
        return ids == null || ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
