package io.tributary.sim;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;

/**
 * The simulation's topics and how its partitions are numbered. Every partition of every topic has
 * one index, which replicas, timers, messages and the checker use: the data topic's partitions
 * first ({@code 0 .. dataPartitions - 1}, the same numbers as before there was a second topic),
 * then {@code __consumer_offsets}'s ({@code dataPartitions ..}). Only the edges (the metadata
 * image, AlterPartition, the coordinator's routing) translate an index to a topic and partition.
 */
final class SimTopics {

    static final String DATA = "t";
    static final String OFFSETS = "__consumer_offsets";

    private final int dataPartitions;
    private final int offsetsPartitions;

    SimTopics(int dataPartitions, int offsetsPartitions) {
        this.dataPartitions = dataPartitions;
        this.offsetsPartitions = offsetsPartitions;
    }

    /** Every partition of every topic. */
    int count() {
        return dataPartitions + offsetsPartitions;
    }

    int offsetsPartitions() {
        return offsetsPartitions;
    }

    boolean isOffsets(int index) {
        return index >= dataPartitions;
    }

    String topic(int index) {
        return isOffsets(index) ? OFFSETS : DATA;
    }

    /** The partition number within its topic. */
    int partition(int index) {
        return isOffsets(index) ? index - dataPartitions : index;
    }

    /** The index of {@code __consumer_offsets} partition {@code partition}. */
    int offsetsIndex(int partition) {
        return dataPartitions + partition;
    }

    /** The index of a topic's partition, or -1 for a topic or partition the simulation does not have. */
    int index(String topic, int partition) {
        if (DATA.equals(topic) && partition >= 0 && partition < dataPartitions) {
            return partition;
        }
        if (OFFSETS.equals(topic) && partition >= 0 && partition < offsetsPartitions) {
            return dataPartitions + partition;
        }
        return -1;
    }

    /** The partition's registration in an image, or null while its topic does not exist there. */
    PartitionRegistration registration(MetadataImage image, int index) {
        TopicImage t = image.topic(topic(index));
        return t == null ? null : t.partition(partition(index));
    }
}
