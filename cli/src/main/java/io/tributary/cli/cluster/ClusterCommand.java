package io.tributary.cli.cluster;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import io.tributary.cli.topics.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import picocli.CommandLine.Command;

/**
 * {@code cluster}: the brokers and the active controller (DescribeCluster, and DescribeMetadataQuorum
 * where the cluster serves it), the partitions that are under-replicated or offline, and how
 * leadership spreads over the brokers. A broker that holds replicas but is not listed is shown offline.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Brokers, controller, partition health and leadership balance.",
        subcommands = RebalanceCommand.class)
public final class ClusterCommand extends ClientCommand {
    @Override
    protected int execute() throws Exception {
        DescribeClusterResult described = admin().describeCluster();
        String clusterId = described.clusterId().get();
        Node controller = described.controller().get();
        Collection<Node> brokers = described.nodes().get();
        QuorumInfo quorum = quorum();
        Set<String> names = admin().listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        Map<String, List<TopicPartitionInfo>> topics = new TreeMap<>();
        for (TopicDescription d : Topics.describe(admin(), names).values()) {
            topics.put(d.name(), d.partitions());
        }
        Map<Integer, Node> live = new TreeMap<>();
        brokers.forEach(n -> live.put(n.id(), n));
        Balance balance = Balance.of(topics, new ArrayList<>(live.keySet()));
        Integer controllerId = controller == null || controller.isEmpty() ? null : controller.id();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clusterId", clusterId);
        json.put("controller", controllerId);
        Table table = new Table("BROKER", "ADDRESS", "RACK", "STATUS", "LEADERS", "REPLICAS", "PREFERRED-LEADER-OF")
                .line("Cluster: " + clusterId + "  Controller: " + (controllerId == null ? "none" : controllerId) + "  Brokers: " + live.size()
                        + "  Topics: " + topics.size() + "  Partitions: " + balance.partitions())
                .line("Under-replicated partitions: " + balance.underReplicated() + "  Offline partitions: " + balance.offline()
                        + "  Led by a replica other than the preferred: " + balance.notLedByPreferred());
        if (quorum != null) {
            table.line("Metadata quorum: leader " + quorum.leaderId() + ", epoch " + quorum.leaderEpoch() + ", voters "
                    + quorum.voters().stream().map(v -> Integer.toString(v.replicaId())).toList());
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("leader", quorum.leaderId());
            q.put("epoch", quorum.leaderEpoch());
            q.put("highWatermark", quorum.highWatermark());
            q.put("voters", quorum.voters().stream().map(QuorumInfo.ReplicaState::replicaId).toList());
            json.put("quorum", q);
        }
        List<Object> brokersJson = new ArrayList<>();
        for (Balance.BrokerShare share : balance.shares()) {
            Node node = live.get(share.brokerId());
            String status = node == null ? "offline" : (controllerId != null && controllerId == share.brokerId() ? "alive, controller" : "alive");
            String address = node == null ? "-" : node.host() + ":" + node.port();
            table.row(share.brokerId(), address, node == null || node.rack() == null ? "-" : node.rack(), status,
                    share.leaders(), share.replicas(), share.preferred());
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("id", share.brokerId());
            b.put("host", node == null ? null : node.host());
            b.put("port", node == null ? null : node.port());
            b.put("rack", node == null ? null : node.rack());
            b.put("alive", node != null);
            b.put("controller", controllerId != null && controllerId == share.brokerId());
            b.put("leaders", share.leaders());
            b.put("replicas", share.replicas());
            b.put("preferredLeaderOf", share.preferred());
            brokersJson.add(b);
        }
        json.put("brokers", brokersJson);
        json.put("partitions", balance.partitions());
        json.put("underReplicatedPartitions", balance.underReplicated());
        json.put("offlinePartitions", balance.offline());
        json.put("notLedByPreferredReplica", balance.notLedByPreferred());
        List<Object> troubleJson = new ArrayList<>();
        for (Balance.Trouble t : balance.troubles()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("topic", t.topic());
            item.put("partition", t.partition());
            item.put("leader", t.leader());
            item.put("replicas", t.replicas());
            item.put("isr", t.isr());
            item.put("status", t.status());
            troubleJson.add(item);
        }
        json.put("troubledPartitions", troubleJson);
        if (json()) {
            out().println(io.tributary.cli.Json.write(json));
            return Main.OK;
        }
        table.print(out());
        if (!balance.troubles().isEmpty()) {
            out().println();
            Table troubles = new Table("TOPIC", "PARTITION", "LEADER", "REPLICAS", "ISR", "STATUS");
            balance.troubles().forEach(t -> troubles.row(t.topic(), t.partition(), t.leader() == null ? "none" : t.leader(),
                    joined(t.replicas()), joined(t.isr()), t.status()));
            troubles.print(out());
        }
        return Main.OK;
    }

    /** The metadata quorum, or null where the cluster does not serve DescribeQuorum (Tributary's quorum is Ratis). */
    private QuorumInfo quorum() throws Exception {
        try {
            return admin().describeMetadataQuorum().quorumInfo().get();
        } catch (ExecutionException e) {
            if (Errors.unwrap(e) instanceof UnsupportedVersionException) {
                return null;
            }
            throw e;
        }
    }

    private static String joined(List<Integer> ids) {
        return ids.isEmpty() ? "-" : String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
