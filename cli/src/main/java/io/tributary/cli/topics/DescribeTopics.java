package io.tributary.cli.topics;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Json;
import io.tributary.cli.Main;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code topics describe [TOPIC...]}: each topic's id, partition count, replication factor and the
 * configs set on it, then each partition's leader, replicas, ISR and offline replicas.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe topics (all when none is named).")
public final class DescribeTopics extends ClientCommand {
    @Parameters(arity = "0..*", paramLabel = "TOPIC")
    List<String> topics = new ArrayList<>();

    @Option(names = "--under-replicated-partitions", description = "Only partitions whose ISR is smaller than their replicas.")
    boolean underReplicatedOnly;

    @Option(names = "--unavailable-partitions", description = "Only partitions without a leader.")
    boolean unavailableOnly;

    @Option(names = "--exclude-internal", description = "Leave out internal topics when describing all.")
    boolean excludeInternal;

    @Override
    protected int execute() throws Exception {
        Collection<String> names = topics;
        if (names.isEmpty()) {
            names = admin().listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(!excludeInternal)).names().get();
        }
        Map<String, TopicDescription> described = Topics.describe(admin(), names);
        Map<String, Map<String, String>> configs = configsSet(described.keySet());
        Predicate<TopicPartitionInfo> shown = p -> (!underReplicatedOnly || TopicLayout.underReplicated(p))
                && (!unavailableOnly || TopicLayout.offline(p));
        List<TopicDescription> filtered = described.values().stream()
                .map(t -> new TopicDescription(t.name(), t.isInternal(), t.partitions().stream().filter(shown).toList(),
                        t.authorizedOperations(), t.topicId()))
                .filter(t -> !(underReplicatedOnly || unavailableOnly) || !t.partitions().isEmpty())
                .toList();
        if (json()) {
            out().println(Json.write(Map.of("topics", filtered.stream().map(t -> TopicLayout.json(t, configs.get(t.name()))).toList())));
            return Main.OK;
        }
        boolean withElr = TopicLayout.reportsElr(filtered);
        for (int i = 0; i < filtered.size(); i++) {
            if (i > 0) {
                out().println();
            }
            TopicDescription topic = filtered.get(i);
            TopicLayout.table(topic, configs.get(topic.name()), withElr).print(out());
        }
        return Main.OK;
    }

    /**
     * The configs set on each topic (not the defaults), as Kafka's tool shows them. A cluster that will
     * not say (no DescribeConfigs, or not authorised) leaves them unknown, shown as null, rather than
     * failing the description of the partitions.
     */
    private Map<String, Map<String, String>> configsSet(Collection<String> names) throws Exception {
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<String, Map<String, String>> set = new TreeMap<>();
        Map<ConfigResource, Config> all;
        try {
            all = admin().describeConfigs(resources).all().get();
        } catch (ExecutionException e) {
            if (!(Errors.unwrap(e) instanceof ApiException)) {
                throw e;
            }
            names.forEach(n -> set.put(n, null));
            return set;
        }
        names.forEach(n -> set.put(n, new TreeMap<>()));
        all.forEach((resource, config) -> {
            for (ConfigEntry entry : config.entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    set.get(resource.name()).put(entry.name(), entry.isSensitive() ? "(sensitive)" : entry.value());
                }
            }
        });
        return set;
    }
}
