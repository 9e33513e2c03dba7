package io.tributary.coordinator;

import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.Reply;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state one shard's handlers share: the group table, the offsets, the timers, and the effects
 * of the step in progress. {@link #append} is how a handler writes: the record joins the step's
 * output and is replayed at once, so the next command sees it; {@link #replay} is the only code
 * that changes persisted state, for loaded records and appended ones alike.
 */
final class ShardContext {

    final GroupCoordinatorConfig config;
    final MemberIds memberIds;
    final Map<String, Group> groups = new HashMap<>();
    final OffsetStore offsets = new OffsetStore();
    final Timers timers = new Timers();
    private long logEndOffset;
    private boolean loading = true;
    private long stepNowMs;
    private long stepFirstOffset;
    private final List<CoordinatorRecord> stepRecords = new ArrayList<>();
    private final List<Reply> stepReplies = new ArrayList<>();

    ShardContext(GroupCoordinatorConfig config, MemberIds memberIds) {
        this.config = config;
        this.memberIds = memberIds;
    }

    boolean loading() {
        return loading;
    }

    long logEndOffset() {
        return logEndOffset;
    }

    void activate(long logEndOffset) {
        this.logEndOffset = logEndOffset;
        this.loading = false;
    }

    void loadedUpTo(long nextOffset) {
        this.logEndOffset = nextOffset;
    }

    /** Starts a step at {@code nowMs}; its effects collect until {@link #finishStep}. */
    void beginStep(long nowMs) {
        stepNowMs = nowMs;
        stepFirstOffset = logEndOffset;
        stepRecords.clear();
        stepReplies.clear();
    }

    long nowMs() {
        return stepNowMs;
    }

    ShardOutput finishStep() {
        ShardOutput out = new ShardOutput(stepFirstOffset, stepRecords, stepReplies);
        stepRecords.clear();
        stepReplies.clear();
        return out;
    }

    void reply(long requestId, CoordinatorResponse response) {
        stepReplies.add(new Reply(requestId, response));
    }

    void append(CoordinatorRecord record) {
        stepRecords.add(record);
        logEndOffset++;
        replay(record);
    }

    /** The classic group with this id, or null (there are no other types yet). */
    ClassicGroup classic(String groupId) {
        return (ClassicGroup) groups.get(groupId);
    }

    /**
     * Applies one record. A group metadata record creates or updates its group, a tombstone
     * removes it (Dead); an offset record stores or removes the offset, and creates an Empty group
     * for a group that only commits offsets, as Kafka does, so that it is listed and can expire.
     */
    void replay(CoordinatorRecord record) {
        if (record instanceof GroupMetadataRecord g) {
            if (g.value() == null) {
                Group removed = groups.remove(g.groupId());
                if (removed instanceof ClassicGroup classic && !loading) {
                    classic.markDead(stepNowMs);
                }
                if (!offsets.of(g.groupId()).isEmpty()) {
                    // Offsets outlived their group (their tombstones were not written first): they
                    // still belong to a group, an Empty one, so that they are listed and expire.
                    groups.put(g.groupId(), new ClassicGroup(g.groupId()));
                }
                return;
            }
            ClassicGroup group = classic(g.groupId());
            if (group == null) {
                group = new ClassicGroup(g.groupId());
                groups.put(g.groupId(), group);
            }
            group.replay(g.value(), loading);
        } else {
            OffsetCommitRecord o = (OffsetCommitRecord) record;
            if (o.value() == null) {
                offsets.remove(o.groupId(), o.partition());
                return;
            }
            // Every group with offsets has a group entry; only a group's first offset needs the look-up.
            if (offsets.put(o.groupId(), o.partition(), o.value())) {
                groups.computeIfAbsent(o.groupId(), ClassicGroup::new);
            }
        }
    }

    /**
     * What an offset commit does beyond storing its offset, for one that a later record of its key
     * replaces while loading ({@link ShardLoader}): its group exists. While loading, every group with
     * offsets has a group entry, so this is all the skipped record would have done to the groups.
     */
    void replayReplacedCommit(String groupId) {
        groups.computeIfAbsent(groupId, ClassicGroup::new);
    }

    /** Drops a group that holds nothing worth keeping: no members, no pending joins, no offsets. */
    void dropIfUnused(ClassicGroup group) {
        if (group.isInState(ClassicGroupState.EMPTY) && group.isEmpty() && group.pendingCount() == 0
                && group.generationId() == 0 && offsets.of(group.groupId()).isEmpty()) {
            groups.remove(group.groupId());
        }
    }
}
