package io.tributary.bench.groups;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The admin requests the group measurements make around what they time, each bounded by {@value #TIMEOUT_S} s. */
final class GroupAdmin {

    static final String OFFSETS_TOPIC = "__consumer_offsets";
    static final long TIMEOUT_S = 30;

    private GroupAdmin() {
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin, List<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Commits {@code offsets} for an empty group, so that its members start there (and the group's coordinator is known to work). */
    static void commit(Admin admin, String groupId, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        admin.alterConsumerGroupOffsets(groupId, committed).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static ConsumerGroupDescription describe(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    /** Each partition of {@value #OFFSETS_TOPIC}, by number, as describeTopics shows it now. */
    static Map<Integer, TopicPartitionInfo> offsetsPartitions(Admin admin) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(OFFSETS_TOPIC)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(OFFSETS_TOPIC);
        return description.partitions().stream().collect(Collectors.toMap(TopicPartitionInfo::partition, Function.identity(),
                (a, b) -> a, TreeMap::new));
    }

    /** The leader of each partition of {@value #OFFSETS_TOPIC}, -1 where there is none. */
    static Map<Integer, Integer> offsetsLeaders(Admin admin) throws Exception {
        return offsetsPartitions(admin).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().leader() == null ? -1 : e.getValue().leader().id(), (a, b) -> a, TreeMap::new));
    }
}
