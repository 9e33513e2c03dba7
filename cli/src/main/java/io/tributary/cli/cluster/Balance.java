package io.tributary.cli.cluster;

import io.tributary.cli.topics.TopicLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * How leadership and replicas spread over the brokers, and which partitions need an operator: those
 * whose ISR is short (under-replicated), those with no leader (offline), and those whose leader is not
 * their preferred (first) replica, which {@code elect-leaders --preferred} moves back. A pure function.
 */
public final class Balance {
    /** One broker's share: partitions it leads, replicas it holds, and how many of those it is preferred for. */
    public record BrokerShare(int brokerId, int leaders, int replicas, int preferred) {
    }

    /** A partition that needs an operator's eye, and why. */
    public record Trouble(String topic, int partition, Integer leader, List<Integer> replicas, List<Integer> isr, String status) {
    }

    private final Map<Integer, int[]> shares = new TreeMap<>();
    private final List<Trouble> troubles = new ArrayList<>();
    private int partitions;
    private int notPreferred;
    private int underReplicated;
    private int offline;

    /** Counts every partition of {@code topics} (topic name to its partitions), for the brokers in {@code brokerIds}. */
    public static Balance of(Map<String, List<TopicPartitionInfo>> topics, List<Integer> brokerIds) {
        Balance balance = new Balance();
        brokerIds.forEach(id -> balance.shares.put(id, new int[3]));
        topics.forEach((topic, infos) -> infos.forEach(p -> balance.add(topic, p)));
        return balance;
    }

    private void add(String topic, TopicPartitionInfo p) {
        partitions++;
        boolean isOffline = TopicLayout.offline(p);
        Integer leader = isOffline ? null : p.leader().id();
        for (Node replica : p.replicas()) {
            shares.computeIfAbsent(replica.id(), id -> new int[3])[1]++;
        }
        if (!p.replicas().isEmpty()) {
            shares.computeIfAbsent(p.replicas().get(0).id(), id -> new int[3])[2]++;
        }
        if (leader != null) {
            shares.computeIfAbsent(leader, id -> new int[3])[0]++;
            if (!p.replicas().isEmpty() && p.replicas().get(0).id() != leader) {
                notPreferred++;
            }
        }
        String status = isOffline ? "offline" : TopicLayout.underReplicated(p) ? "under-replicated" : null;
        if (isOffline) {
            offline++;
        } else if (TopicLayout.underReplicated(p)) {
            underReplicated++;
        }
        if (status != null) {
            troubles.add(new Trouble(topic, p.partition(), leader, p.replicas().stream().map(Node::id).toList(),
                    p.isr().stream().map(Node::id).toList(), status));
        }
    }

    public List<BrokerShare> shares() {
        List<BrokerShare> list = new ArrayList<>();
        shares.forEach((id, c) -> list.add(new BrokerShare(id, c[0], c[1], c[2])));
        return list;
    }

    public List<Trouble> troubles() {
        return List.copyOf(troubles);
    }

    public int partitions() {
        return partitions;
    }

    /** Led partitions whose leader is not their first replica. */
    public int notLedByPreferred() {
        return notPreferred;
    }

    public int underReplicated() {
        return underReplicated;
    }

    public int offline() {
        return offline;
    }
}
