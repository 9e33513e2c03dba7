package io.tributary.cli.topics;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Errors;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topics delete TOPIC... [--if-exists]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete topics and their records.")
public final class DeleteTopics extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "TOPIC")
    List<String> topics;

    @Option(names = "--if-exists", description = "Succeed for a topic that does not exist.")
    boolean ifExists;

    @Override
    protected int execute() throws Exception {
        Map<String, KafkaFuture<Void>> futures = admin().deleteTopics(topics).topicNameValues();
        List<String> deleted = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String topic : topics) {
            try {
                futures.get(topic).get();
                deleted.add(topic);
            } catch (ExecutionException e) {
                if (!(Errors.unwrap(e) instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                if (!ifExists) {
                    throw Topics.doesNotExist(topic);
                }
                absent.add(topic);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("deleted", deleted);
        json.put("absent", absent);
        Table table = Table.lines();
        deleted.forEach(t -> table.line("deleted topic '" + t + "'"));
        absent.forEach(t -> table.line("topic '" + t + "' does not exist"));
        output.print(out(), json, table);
        return Main.OK;
    }
}
