package io.tributary.common;

import java.util.Objects;

/** A partition of a topic, named the way operators name it: {@code topic-partition}. */
public record TopicPartition(String topic, int partition) implements Comparable<TopicPartition> {

    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
    }

    /** The directory name Kafka uses for this partition's log, kept so operators find what they expect. */
    public String dirName() {
        return topic + "-" + partition;
    }

    /** Parses a {@link #dirName()}; the partition number follows the last dash because topic names may contain dashes. */
    public static TopicPartition fromDirName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            throw new IllegalArgumentException("not a partition directory name: " + name);
        }
        return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
    }

    @Override
    public int compareTo(TopicPartition o) {
        int c = topic.compareTo(o.topic);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return dirName();
    }
}
