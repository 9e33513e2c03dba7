package io.tributary.cli.topics;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topics list [--exclude-internal]}: one topic name a line, sorted, as {@code kafka-topics --list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List topics.")
public final class ListTopics extends ClientCommand {
    @Option(names = "--exclude-internal", description = "Leave out internal topics such as __consumer_offsets.")
    boolean excludeInternal;

    @Override
    protected int execute() throws Exception {
        List<String> names = new ArrayList<>(admin().listTopics(new ListTopicsOptions().listInternal(!excludeInternal)).names().get());
        names.sort(null);
        Table table = Table.lines();
        names.forEach(table::line);
        output.print(out(), Map.of("topics", names), table);
        return Main.OK;
    }
}
