package io.tributary.coordinator;

/**
 * Which {@code __consumer_offsets} partition, and so which coordinator, owns a group. The same
 * formula as Kafka's ({@code Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions}), so a
 * group lands on the same partition number as it would in Kafka.
 */
public final class GroupRouting {

    private GroupRouting() {
    }

    public static int partitionFor(String groupId, int offsetsTopicPartitions) {
        if (offsetsTopicPartitions < 1) {
            throw new IllegalArgumentException("offsets.topic.num.partitions must be >= 1, got " + offsetsTopicPartitions);
        }
        int hash = groupId.hashCode();
        // Kafka's Utils.abs maps Integer.MIN_VALUE to 0 rather than leaving it negative.
        int abs = hash == Integer.MIN_VALUE ? 0 : Math.abs(hash);
        return abs % offsetsTopicPartitions;
    }
}
