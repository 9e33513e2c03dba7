package io.tributary.cli.groups;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code groups describe GROUP}: its state, coordinator and members, then per partition the committed
 * offset, log end offset, lag and owner, as {@code kafka-consumer-groups --describe} prints them.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe a consumer group: members, assignments, offsets, lag.")
public final class DescribeGroup extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    protected int execute() throws Exception {
        Map<TopicPartition, Long> committed = Groups.committed(admin(), group);
        ConsumerGroupDescription description = Groups.describe(admin(), group).orElse(null);
        if (description == null && committed.isEmpty()) {
            throw Groups.doesNotExist(group);
        }
        Map<TopicPartition, GroupLag.Owner> owners = new HashMap<>();
        List<Object> members = new ArrayList<>();
        if (description != null) {
            for (MemberDescription m : description.members()) {
                GroupLag.Owner owner = new GroupLag.Owner(m.consumerId(), m.clientId(), m.host());
                m.assignment().topicPartitions().forEach(tp -> owners.put(tp, owner));
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("memberId", m.consumerId());
                member.put("clientId", m.clientId());
                member.put("host", m.host());
                member.put("assignment", m.assignment().topicPartitions().stream()
                        .map(tp -> Map.of("topic", tp.topic(), "partition", tp.partition())).toList());
                members.add(member);
            }
        }
        List<TopicPartition> partitions = new ArrayList<>(committed.keySet());
        owners.keySet().stream().filter(tp -> !committed.containsKey(tp)).forEach(partitions::add);
        Map<TopicPartition, Long> logEnd = partitions.isEmpty() ? Map.of() : Groups.offsets(admin(), partitions, OffsetSpec.latest());
        List<GroupLag.Row> rows = GroupLag.rows(committed, logEnd, owners);
        String state = description == null ? "Empty" : description.groupState().toString();
        Integer coordinator = description == null || description.coordinator() == null ? null : description.coordinator().id();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", group);
        json.put("state", state);
        json.put("coordinator", coordinator);
        json.put("assignor", description == null ? null : description.partitionAssignor());
        json.put("members", members);
        List<Object> offsets = new ArrayList<>();
        Table table = new Table("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID")
                .line("Group: " + group + "  State: " + state + "  Coordinator: " + (coordinator == null ? "-" : coordinator)
                        + "  Members: " + members.size() + "  Total lag: " + GroupLag.total(rows))
                .whenEmpty("the group has no committed offsets and no assignments");
        for (GroupLag.Row r : rows) {
            table.row(r.topic(), r.partition(), r.committed(), r.logEnd(), r.lag(), r.memberId(), r.host(), r.clientId());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("topic", r.topic());
            o.put("partition", r.partition());
            o.put("committedOffset", r.committed());
            o.put("logEndOffset", r.logEnd());
            o.put("lag", r.lag());
            o.put("memberId", r.memberId());
            offsets.add(o);
        }
        json.put("offsets", offsets);
        json.put("totalLag", GroupLag.total(rows));
        output.print(out(), json, table);
        return Main.OK;
    }
}
