package io.tributary.coordinator;

import io.tributary.common.TopicPartition;
import io.tributary.coordinator.record.OffsetCommitValue;

import java.util.HashMap;
import java.util.Map;

/** The committed offsets of a shard's groups, as replayed from their records. O(1) per record. */
final class OffsetStore {

    private final Map<String, Map<TopicPartition, OffsetCommitValue>> byGroup = new HashMap<>();

    /** Stores an offset; true if the group had no offsets before, so the caller looks the group up only then. */
    boolean put(String groupId, TopicPartition partition, OffsetCommitValue value) {
        Map<TopicPartition, OffsetCommitValue> offsets = byGroup.get(groupId);
        boolean first = offsets == null;
        if (first) {
            offsets = new HashMap<>();
            byGroup.put(groupId, offsets);
        }
        offsets.put(partition, value);
        return first;
    }

    void remove(String groupId, TopicPartition partition) {
        Map<TopicPartition, OffsetCommitValue> offsets = byGroup.get(groupId);
        if (offsets != null) {
            offsets.remove(partition);
            if (offsets.isEmpty()) {
                byGroup.remove(groupId);
            }
        }
    }

    OffsetCommitValue get(String groupId, TopicPartition partition) {
        Map<TopicPartition, OffsetCommitValue> offsets = byGroup.get(groupId);
        return offsets == null ? null : offsets.get(partition);
    }

    /** A group's offsets (a live view; copy before changing the store while iterating). */
    Map<TopicPartition, OffsetCommitValue> of(String groupId) {
        return byGroup.getOrDefault(groupId, Map.of());
    }

    Iterable<String> groups() {
        return byGroup.keySet();
    }

    int size() {
        int n = 0;
        for (Map<TopicPartition, OffsetCommitValue> m : byGroup.values()) {
            n += m.size();
        }
        return n;
    }
}
