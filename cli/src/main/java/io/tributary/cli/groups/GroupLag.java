package io.tributary.cli.groups;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * A group's position in each partition it reads or has read: the committed offset, the log end
 * offset, the lag between them, and the member it is assigned to. A pure function, tested on its own.
 */
public final class GroupLag {
    private GroupLag() {
    }

    /** One partition's row; {@code committed} and {@code lag} are null where the group has committed nothing. */
    public record Row(String topic, int partition, Long committed, Long logEnd, Long lag, String memberId, String clientId, String host) {
    }

    /** Who holds a partition. */
    public record Owner(String memberId, String clientId, String host) {
    }

    public static List<Row> rows(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> logEnd, Map<TopicPartition, Owner> owners) {
        Set<TopicPartition> partitions = new TreeSet<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        partitions.addAll(committed.keySet());
        partitions.addAll(owners.keySet());
        List<Row> rows = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long at = committed.get(tp);
            Long end = logEnd.get(tp);
            Long lag = at == null || end == null ? null : Math.max(0, end - at);
            Owner owner = owners.get(tp);
            rows.add(new Row(tp.topic(), tp.partition(), at, end, lag, owner == null ? null : owner.memberId(),
                    owner == null ? null : owner.clientId(), owner == null ? null : owner.host()));
        }
        return rows;
    }

    /** The sum of the lags that are known. */
    public static long total(List<Row> rows) {
        return rows.stream().map(Row::lag).filter(l -> l != null).mapToLong(Long::longValue).sum();
    }
}
