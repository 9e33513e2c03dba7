package io.tributary.cli.groups;

import io.tributary.cli.ClientCommand;
import io.tributary.cli.Main;
import io.tributary.cli.Table;
import io.tributary.cli.Errors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import picocli.CommandLine.Command;

/** {@code groups list}: every consumer group with its state and type. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List consumer groups.")
public final class ListGroups extends ClientCommand {
    @Override
    protected int execute() throws Exception {
        List<GroupListing> groups = new ArrayList<>(consumerGroups());
        groups.sort(Comparator.comparing(GroupListing::groupId));
        Table table = new Table("GROUP", "STATE", "TYPE").whenEmpty("no consumer groups");
        List<Object> json = new ArrayList<>();
        for (GroupListing g : groups) {
            String state = g.groupState().map(Object::toString).orElse("-");
            String type = g.type().map(Object::toString).orElse("-");
            table.row(g.groupId(), state, type);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("group", g.groupId());
            item.put("state", g.groupState().map(Object::toString).orElse(null));
            item.put("type", g.type().map(Object::toString).orElse(null));
            json.add(item);
        }
        output.print(out(), Map.of("groups", json), table);
        return Main.OK;
    }

    /**
     * Consumer groups, filtered by the cluster (ListGroups v5, KIP-848); a cluster too old to filter by
     * type lists every group, and the consumer groups are those of protocol type "consumer" (or none, for
     * groups that only commit offsets).
     */
    private Collection<GroupListing> consumerGroups() throws Exception {
        try {
            return admin().listGroups(ListGroupsOptions.forConsumerGroups()).all().get();
        } catch (ExecutionException e) {
            if (!(Errors.unwrap(e) instanceof UnsupportedVersionException)) {
                throw e;
            }
            return admin().listGroups(new ListGroupsOptions()).all().get().stream()
                    .filter(g -> g.protocol().isEmpty() || "consumer".equals(g.protocol())).toList();
        }
    }
}
