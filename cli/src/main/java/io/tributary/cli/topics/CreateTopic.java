package io.tributary.cli.topics;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.KeyValues;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topics create NAME [--partitions N] [--replication-factor R] [--config K=V]... [--if-not-exists]}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic.")
public final class CreateTopic extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions (default: the cluster's num.partitions).")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "R",
            description = "Replicas of each partition (default: the cluster's default.replication.factor).")
    Short replicationFactor;

    @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A topic config, such as retention.ms=86400000.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--if-not-exists", description = "Succeed when the topic exists already.")
    boolean ifNotExists;

    @Option(names = "--validate-only", description = "Ask the cluster whether it would create the topic, and create nothing.")
    boolean validateOnly;

    @Override
    protected int execute() throws Exception {
        if (partitions != null && partitions < 1) {
            throw new CliException("--partitions must be at least 1, got " + partitions);
        }
        Map<String, String> topicConfigs = KeyValues.parse("--config", configs);
        NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                .configs(topicConfigs);
        CreateTopicsResult result = admin().createTopics(List.of(newTopic), new CreateTopicsOptions().validateOnly(validateOnly));
        boolean created = true;
        try {
            result.all().get();
        } catch (Exception e) {
            if (!(ifNotExists && Errors.unwrap(e) instanceof TopicExistsException)) {
                throw e;
            }
            created = false;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", topic);
        json.put("created", created && !validateOnly);
        json.put("validateOnly", validateOnly);
        if (created) {
            json.put("partitions", result.numPartitions(topic).get());
            json.put("replicationFactor", result.replicationFactor(topic).get());
            json.put("topicId", validateOnly ? null : result.topicId(topic).get().toString());
        }
        String verb = validateOnly ? "would create" : "created";
        output.print(out(), json, Table.lines().line(created
                ? verb + " topic '" + topic + "' (" + json.get("partitions") + " partitions, replication factor "
                        + json.get("replicationFactor") + ")"
                : "topic '" + topic + "' exists already"));
        return Main.OK;
    }
}
