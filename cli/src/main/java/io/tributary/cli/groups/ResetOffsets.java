package io.tributary.cli.groups;

import io.tributary.cli.CliException;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import io.tributary.cli.consume.StartPosition;
import io.tributary.cli.topics.Topics;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code groups reset-offsets GROUP (--topic T | --all-topics) --to-earliest|--to-latest|--to-offset N|
 * --to-datetime T|--shift-by N [--dry-run|--execute]}. As {@code kafka-consumer-groups --reset-offsets}:
 * it prints the plan and changes nothing unless {@code --execute}, and refuses while the group has
 * members, whose own commits would overwrite the reset.
 */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true, description = "Move a group's committed offsets (a dry run unless --execute).")
public final class ResetOffsets extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Option(names = "--topic", paramLabel = "TOPIC[:P,P...]", description = "A topic, or some of its partitions, to reset.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--all-topics", description = "Every partition the group has an offset in.")
    boolean allTopics;

    @Option(names = "--to-earliest", description = "To each partition's first offset.")
    boolean toEarliest;

    @Option(names = "--to-latest", description = "To each partition's log end.")
    boolean toLatest;

    @Option(names = "--to-offset", paramLabel = "N", description = "To offset N (clamped into the partition's offsets).")
    Long toOffset;

    @Option(names = "--to-datetime", paramLabel = "TIME", description = "To the first record at or after TIME (ms or ISO-8601).")
    String toDatetime;

    @Option(names = "--shift-by", paramLabel = "N", description = "By N from the committed offset (negative moves back).")
    Long shiftBy;

    @Option(names = "--dry-run", description = "Print the plan only (the default).")
    boolean dryRun;

    @Option(names = "--execute", description = "Commit the new offsets.")
    boolean execute;

    @Override
    protected int execute() throws Exception {
        OffsetPlan.Target target = target();
        if (dryRun && execute) {
            throw new CliException("give --dry-run or --execute, not both");
        }
        if (allTopics == !topics.isEmpty()) {
            throw new CliException("give --topic (one or more) or --all-topics");
        }
        Optional<ConsumerGroupDescription> description = Groups.describe(admin(), group);
        if (execute && description.isPresent() && !description.get().members().isEmpty()) {
            throw new CliException("group '" + group + "' has " + description.get().members().size() + " active member(s) (state "
                    + description.get().groupState() + "); stop its consumers before resetting its offsets");
        }
        Map<TopicPartition, Long> committed = Groups.committed(admin(), group);
        List<TopicPartition> partitions = partitions(committed);
        if (partitions.isEmpty()) {
            throw new CliException("group '" + group + "' has no offsets to reset; name a topic with --topic");
        }
        Map<TopicPartition, Long> earliest = Groups.offsets(admin(), partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> latest = Groups.offsets(admin(), partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> atTime = target instanceof OffsetPlan.ToDatetime t
                ? Groups.offsets(admin(), partitions, OffsetSpec.forTimestamp(t.timestampMs())) : Map.of();
        Map<TopicPartition, OffsetAndMetadata> plan = new LinkedHashMap<>();
        Table table = new Table("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
        List<Object> json = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            long next = OffsetPlan.newOffset(target, earliest.get(tp), latest.get(tp), committed.get(tp), atTime.getOrDefault(tp, -1L));
            plan.put(tp, new OffsetAndMetadata(next));
            table.row(group, tp.topic(), tp.partition(), committed.get(tp), next);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("topic", tp.topic());
            item.put("partition", tp.partition());
            item.put("currentOffset", committed.get(tp));
            item.put("newOffset", next);
            json.add(item);
        }
        if (execute) {
            admin().alterConsumerGroupOffsets(group, plan).all().get();
        }
        table.footer(execute ? "reset the offsets of group '" + group + "' in " + plan.size() + " partition(s)"
                : "dry run: nothing changed (add --execute to commit these offsets)");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("executed", execute);
        result.put("partitions", json);
        output.print(out(), result, table);
        return Main.OK;
    }

    private OffsetPlan.Target target() {
        List<OffsetPlan.Target> given = new ArrayList<>();
        if (toEarliest) {
            given.add(new OffsetPlan.ToEarliest());
        }
        if (toLatest) {
            given.add(new OffsetPlan.ToLatest());
        }
        if (toOffset != null) {
            given.add(new OffsetPlan.ToOffset(toOffset));
        }
        if (toDatetime != null) {
            try {
                given.add(new OffsetPlan.ToDatetime(StartPosition.parseTime(toDatetime, ZoneId.systemDefault())));
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        if (shiftBy != null) {
            given.add(new OffsetPlan.ShiftBy(shiftBy));
        }
        if (given.size() != 1) {
            throw new CliException("give exactly one of --to-earliest, --to-latest, --to-offset, --to-datetime and --shift-by");
        }
        return given.get(0);
    }

    private List<TopicPartition> partitions(Map<TopicPartition, Long> committed) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        if (allTopics) {
            partitions.addAll(committed.keySet());
        } else {
            Map<String, List<Integer>> wanted = new LinkedHashMap<>();
            for (String spec : topics) {
                int colon = spec.indexOf(':');
                String topic = colon < 0 ? spec : spec.substring(0, colon);
                List<Integer> some = new ArrayList<>();
                if (colon >= 0) {
                    for (String p : spec.substring(colon + 1).split(",")) {
                        try {
                            some.add(Integer.parseInt(p.trim()));
                        } catch (NumberFormatException e) {
                            throw new CliException("--topic " + spec + ": '" + p + "' is not a partition number");
                        }
                    }
                }
                wanted.put(topic, some);
            }
            Map<String, Integer> counts = new HashMap<>();
            Topics.describe(admin(), wanted.keySet()).forEach((name, d) -> counts.put(name, d.partitions().size()));
            wanted.forEach((topic, some) -> {
                int count = counts.get(topic);
                if (some.isEmpty()) {
                    for (int p = 0; p < count; p++) {
                        partitions.add(new TopicPartition(topic, p));
                    }
                }
                for (int p : some) {
                    if (p < 0 || p >= count) {
                        throw new CliException("topic '" + topic + "' has no partition " + p + " (it has " + count + ")");
                    }
                    partitions.add(new TopicPartition(topic, p));
                }
            });
        }
        partitions.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        return partitions;
    }
}
