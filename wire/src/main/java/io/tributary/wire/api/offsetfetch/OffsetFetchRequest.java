package io.tributary.wire.api.offsetfetch;

import io.tributary.wire.api.TopicRef;
import java.util.List;

/**
 * An OffsetFetch request: the committed offsets of groups. Before v8 it asks about one group; from v8
 * (KIP-709) about any number, each answered on its own.
 *
 * @param requireStable v7+ (KIP-447): answer {@code UNSTABLE_OFFSET_COMMIT} for a partition with a
 *                      pending transactional commit instead of the last stable offset; false before
 */
public record OffsetFetchRequest(List<Group> groups, boolean requireStable) {

    public OffsetFetchRequest {
        groups = List.copyOf(groups);
    }

    /**
     * @param memberId    v9+ (KIP-848 members), null before or for classic groups
     * @param memberEpoch v9+, -1 before or for classic groups
     * @param topics      null for every topic the group has offsets for (v2+); by name before v10, by id from v10
     */
    public record Group(String groupId, String memberId, int memberEpoch, List<Topic> topics) {

        public Group {
            topics = topics == null ? null : List.copyOf(topics);
        }

        public boolean allTopics() {
            return topics == null;
        }
    }

    public record Topic(TopicRef topic, List<Integer> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }
}
