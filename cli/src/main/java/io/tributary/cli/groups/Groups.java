package io.tributary.cli.groups;

import io.tributary.cli.CliException;
import io.tributary.cli.Errors;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/** Group look-ups the group commands share. */
final class Groups {
    private Groups() {
    }

    /** The group's description; empty when the cluster knows no such group (the coordinator calls it Dead). */
    static java.util.Optional<ConsumerGroupDescription> describe(Admin admin, String group) throws Exception {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            return d.groupState() == GroupState.DEAD ? java.util.Optional.empty() : java.util.Optional.of(d);
        } catch (ExecutionException e) {
            if (Errors.unwrap(e) instanceof GroupIdNotFoundException) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    static CliException doesNotExist(String group) {
        return new CliException("group '" + group + "' does not exist");
    }

    /** The group's committed offsets (partitions without one are left out). */
    static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp, om.offset());
            }
        });
        return committed;
    }

    /** The offset {@code spec} names in each partition (earliest, latest, or at a time: -1 when no record is that late). */
    static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, spec));
        Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(query).all().get();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        found.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }
}
