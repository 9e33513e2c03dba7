package io.tributary.cli.cluster;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Json;
import io.tributary.cli.Main;
import io.tributary.cli.Progress;
import io.tributary.cli.Table;
import io.tributary.cli.topics.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cluster rebalance [--execute]}: proposes an even spread of replicas and preferred leaders over
 * the live brokers ({@link RebalancePlan}) and prints it; with {@code --execute} it moves the replicas
 * (AlterPartitionReassignments, as {@code kafka-reassign-partitions} does), shows progress until every
 * move is done, then elects the preferred leaders of the moved partitions. Exit status: 0 when the
 * plan is empty, printed, or carried out; 1 when a move was refused or did not finish within
 * {@code --wait-ms} (the moves already started carry on in the cluster).
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Propose (and with --execute, run) an even spread of replicas and leaders over the live brokers.")
public final class RebalanceCommand extends ClientCommand {
    @Option(names = "--execute", description = "Move the replicas as planned, wait until done, then elect the preferred leaders.")
    boolean execute;

    @Option(names = "--wait-ms", paramLabel = "MS", defaultValue = "600000",
            description = "With --execute, how long to wait for the moves to finish (default ${DEFAULT-VALUE}).")
    long waitMs;

    @Option(names = "--include-internal", description = "Move the internal topics' replicas too (__consumer_offsets).")
    boolean includeInternal;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only these topics (repeatable); every topic by default.")
    List<String> topics;

    /** How often progress is polled while moves run. */
    static final long POLL_MS = 500;

    @Override
    protected int execute() throws Exception {
        List<Integer> live = new ArrayList<>(admin().describeCluster().nodes().get().stream().map(Node::id).sorted().toList());
        Set<String> names = topics != null ? new HashSet<>(topics)
                : admin().listTopics(new ListTopicsOptions().listInternal(includeInternal)).names().get();
        Map<String, List<List<Integer>>> assignments = new TreeMap<>();
        for (TopicDescription d : Topics.describe(admin(), names).values()) {
            if (d.isInternal() && !includeInternal && topics == null) {
                continue;
            }
            assignments.put(d.name(), d.partitions().stream().map(p -> p.replicas().stream().map(Node::id).toList()).toList());
        }
        RebalancePlan plan = RebalancePlan.of(assignments, live);
        Map<String, Object> json = printPlan(plan, live);
        if (!execute || plan.moves().isEmpty()) {
            if (json()) {
                out().println(Json.write(json));
            }
            return Main.OK;
        }
        return carryOut(plan, json);
    }

    /** Prints the plan as a table for people; returns it as JSON, which a script gets once, with the outcome when executing. */
    private Map<String, Object> printPlan(RebalancePlan plan, List<Integer> live) {
        Table table = new Table("TOPIC", "PARTITION", "REPLICAS", "PROPOSED").whenEmpty("the replicas and leaders are already spread evenly");
        List<Object> moves = new ArrayList<>();
        for (RebalancePlan.Move m : plan.moves()) {
            table.row(m.topic(), m.partition(), joined(m.from()), joined(m.to()));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("topic", m.topic());
            item.put("partition", m.partition());
            item.put("replicas", m.from());
            item.put("proposed", m.to());
            moves.add(item);
        }
        table.footer(plan.moves().size() + " partition(s) to change over live brokers " + live
                + (plan.unplaceable().isEmpty() ? "" : "; left as they are, wider than the live brokers: " + plan.unplaceable()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("liveBrokers", live);
        json.put("moves", moves);
        json.put("unplaceable", plan.unplaceable());
        json.put("execute", execute);
        if (!json()) {
            table.print(out());
        }
        return json;
    }

    private int carryOut(RebalancePlan plan, Map<String, Object> json) throws Exception {
        Map<TopicPartition, Optional<NewPartitionReassignment>> request = new LinkedHashMap<>();
        for (RebalancePlan.Move m : plan.moves()) {
            request.put(new TopicPartition(m.topic(), m.partition()), Optional.of(new NewPartitionReassignment(m.to())));
        }
        Map<TopicPartition, String> refused = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        admin().alterPartitionReassignments(request).values().forEach((tp, f) -> {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.put(tp, "interrupted");
            } catch (ExecutionException e) {
                refused.put(tp, Errors.oneLine(e, connection.bootstrap()));
            }
        });
        Set<TopicPartition> started = new HashSet<>(request.keySet());
        started.removeAll(refused.keySet());
        long deadlineMs = System.currentTimeMillis() + waitMs;
        Set<TopicPartition> moving = new HashSet<>(started);
        try (Progress progress = Progress.onStderr()) {
            while (!moving.isEmpty() && System.currentTimeMillis() < deadlineMs) {
                moving.retainAll(admin().listPartitionReassignments(started).reassignments().get().keySet());
                progress.update("moving replicas: " + (started.size() - moving.size()) + " of " + started.size() + " partition(s) done",
                        System.currentTimeMillis());
                if (!moving.isEmpty()) {
                    Thread.sleep(POLL_MS);   // a poll interval between progress queries, not a stand-in for a condition
                }
            }
        }
        Map<TopicPartition, String> elections = electPreferred(started, moving);
        json.put("moved", started.size() - moving.size());
        json.put("stillMoving", moving.stream().map(TopicPartition::toString).sorted().toList());
        json.put("refused", toText(refused));
        json.put("electionFailures", toText(elections));
        Table table = new Table("TOPIC-PARTITION", "RESULT");
        refused.forEach((tp, why) -> table.row(tp, "refused: " + why));
        moving.stream().map(TopicPartition::toString).sorted().forEach(tp -> table.row(tp, "still moving after " + waitMs + " ms"));
        elections.forEach((tp, why) -> table.row(tp, "moved; preferred leader not elected: " + why));
        table.footer((started.size() - moving.size()) + " of " + plan.moves().size() + " partition(s) moved");
        output.print(out(), json, table);
        if (!refused.isEmpty() || !moving.isEmpty()) {
            System.err.println("tributary: " + refused.size() + " move(s) refused, " + moving.size() + " not finished; see the table");
            return Main.FAILED;
        }
        return Main.OK;
    }

    /** Elects the preferred replicas of the partitions that finished moving; the failures, by partition (not needed is no failure). */
    private Map<TopicPartition, String> electPreferred(Set<TopicPartition> started, Set<TopicPartition> moving) throws Exception {
        Set<TopicPartition> done = new HashSet<>(started);
        done.removeAll(moving);
        Map<TopicPartition, String> failures = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        if (done.isEmpty()) {
            return failures;
        }
        Map<TopicPartition, Optional<Throwable>> results = admin().electLeaders(ElectionType.PREFERRED, done).partitions().get();
        results.forEach((tp, error) -> error.filter(e -> !(Errors.unwrap(e) instanceof ElectionNotNeededException))
                .ifPresent(e -> failures.put(tp, Errors.oneLine(e, connection.bootstrap()))));
        return failures;
    }

    private static Map<String, String> toText(Map<TopicPartition, String> byPartition) {
        Map<String, String> out = new LinkedHashMap<>();
        byPartition.forEach((tp, why) -> out.put(tp.toString(), why));
        return out;
    }

    private static String joined(List<Integer> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
