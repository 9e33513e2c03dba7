package io.tributary.metadata.image;

import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;

import java.util.List;
import java.util.Objects;

/** A topic: its name, its id, and its partitions, indexed by partition number (they are always 0..n-1). */
public record TopicImage(String name, TopicId id, List<PartitionRegistration> partitions) {

    public TopicImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        partitions = List.copyOf(partitions);
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The partition, or {@code null} if the topic has no such partition. */
    public PartitionRegistration partition(int partition) {
        return partition >= 0 && partition < partitions.size() ? partitions.get(partition) : null;
    }

    public TopicPartition topicPartition(int partition) {
        return new TopicPartition(name, partition);
    }
}
