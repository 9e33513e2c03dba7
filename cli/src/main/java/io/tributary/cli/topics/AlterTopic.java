package io.tributary.cli.topics;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.KeyValues;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code topics alter TOPIC [--partitions N] [--config K=V]... [--delete-config K]...}: more partitions
 * (CreatePartitions) and topic configs set or removed (IncrementalAlterConfigs), as {@code kafka-topics
 * --alter} and {@code kafka-configs --alter} do.
 */
@Command(name = "alter", mixinStandardHelpOptions = true, description = "Add partitions to a topic, or set or remove its configs.")
public final class AlterTopic extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", description = "The new partition count (it can only grow).")
    Integer partitions;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config to set.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--delete-config", paramLabel = "KEY", description = "A topic config to remove (back to the default).")
    List<String> deleteConfigs = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        Map<String, String> set = KeyValues.parse("--config", configs);
        if (partitions == null && set.isEmpty() && deleteConfigs.isEmpty()) {
            throw new CliException("nothing to alter: give --partitions, --config or --delete-config");
        }
        Topics.describe(admin(), List.of(topic));
        Table table = Table.lines();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        if (partitions != null) {
            admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get();
            json.put("partitions", partitions);
            table.line("topic '" + topic + "' now has " + partitions + " partitions");
        }
        if (!set.isEmpty() || !deleteConfigs.isEmpty()) {
            List<AlterConfigOp> ops = new ArrayList<>();
            set.forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
            deleteConfigs.forEach(k -> ops.add(new AlterConfigOp(new ConfigEntry(k, ""), AlterConfigOp.OpType.DELETE)));
            admin().incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), ops)).all().get();
            json.put("configsSet", set);
            json.put("configsDeleted", deleteConfigs);
            set.forEach((k, v) -> table.line("set " + k + "=" + v + " on topic '" + topic + "'"));
            deleteConfigs.forEach(k -> table.line("removed " + k + " from topic '" + topic + "'"));
        }
        output.print(out(), json, table);
        return Main.OK;
    }
}
