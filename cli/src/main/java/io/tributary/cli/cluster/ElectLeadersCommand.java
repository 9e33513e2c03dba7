package io.tributary.cli.cluster;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import io.tributary.cli.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code elect-leaders --preferred|--unclean (--topic T [--partition P] | --all-topic-partitions)}, as
 * {@code kafka-leader-election} does it. A partition already led by its preferred replica is not a
 * failure; any other refusal is, and makes the exit status 1 after every partition's result is shown.
 */
@Command(name = "elect-leaders", mixinStandardHelpOptions = true,
        description = "Move leadership to the preferred replica, or elect a leader outside the ISR (unclean).")
public final class ElectLeadersCommand extends ClientCommand {
    @Option(names = "--preferred", description = "Elect each partition's preferred (first) replica, if it is in the ISR.")
    boolean preferred;

    @Option(names = "--unclean", description = "Elect any live replica of a partition that has no leader (may lose records).")
    boolean unclean;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The topic whose partitions to elect for.")
    String topic;

    @Option(names = "--partition", paramLabel = "N", description = "Only this partition of --topic.")
    Integer partition;

    @Option(names = "--all-topic-partitions", description = "Every partition of every topic.")
    boolean all;

    @Override
    protected int execute() throws Exception {
        if (preferred == unclean) {
            throw new CliException("give --preferred or --unclean");
        }
        if (all == (topic != null)) {
            throw new CliException("give --topic or --all-topic-partitions");
        }
        if (partition != null && topic == null) {
            throw new CliException("--partition needs --topic");
        }
        Set<TopicPartition> partitions = null;
        if (topic != null) {
            int count = Topics.describe(admin(), List.of(topic)).get(topic).partitions().size();
            partitions = new TreeSet<>(Comparator.comparingInt(TopicPartition::partition));
            if (partition != null) {
                if (partition < 0 || partition >= count) {
                    throw new CliException("topic '" + topic + "' has no partition " + partition + " (it has " + count + ")");
                }
                partitions.add(new TopicPartition(topic, partition));
            } else {
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartition(topic, p));
                }
            }
        }
        ElectionType type = preferred ? ElectionType.PREFERRED : ElectionType.UNCLEAN;
        Map<TopicPartition, Optional<Throwable>> results = admin().electLeaders(type, partitions).partitions().get();
        List<TopicPartition> ordered = new ArrayList<>(results.keySet());
        ordered.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        Table table = new Table("TOPIC", "PARTITION", "RESULT").whenEmpty("no partition needed an election");
        List<Object> json = new ArrayList<>();
        int failed = 0;
        int elected = 0;
        for (TopicPartition tp : ordered) {
            Optional<Throwable> error = results.get(tp);
            String result;
            if (error.isEmpty()) {
                result = "elected";
                elected++;
            } else if (Errors.unwrap(error.get()) instanceof ElectionNotNeededException) {
                result = "not needed";
            } else {
                result = "failed: " + Errors.oneLine(error.get(), connection.bootstrap());
                failed++;
            }
            table.row(tp.topic(), tp.partition(), result);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("topic", tp.topic());
            item.put("partition", tp.partition());
            item.put("result", result.startsWith("failed") ? "failed" : result);
            item.put("error", error.filter(e -> !(Errors.unwrap(e) instanceof ElectionNotNeededException))
                    .map(e -> Errors.oneLine(e, connection.bootstrap())).orElse(null));
            json.add(item);
        }
        table.footer((preferred ? "preferred" : "unclean") + " election: " + elected + " elected, " + failed + " failed, "
                + (ordered.size() - elected - failed) + " not needed");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("electionType", preferred ? "preferred" : "unclean");
        result.put("partitions", json);
        result.put("elected", elected);
        result.put("failed", failed);
        output.print(out(), result, table);
        if (failed > 0) {
            System.err.println("tributary: " + failed + " partition(s) could not elect a leader; see the table");
            return Main.FAILED;
        }
        return Main.OK;
    }
}
