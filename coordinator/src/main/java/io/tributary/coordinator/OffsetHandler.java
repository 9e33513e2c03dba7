package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.OffsetCommitRequest;
import io.tributary.coordinator.api.OffsetCommitResponse;
import io.tributary.coordinator.api.OffsetDeleteRequest;
import io.tributary.coordinator.api.OffsetDeleteResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.api.PartitionResult;
import io.tributary.coordinator.api.TopicsDeletedRequest;
import io.tributary.coordinator.api.TopicsDeletedResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** OffsetCommit, OffsetFetch, OffsetDelete, and the expiry of offsets ({@code offsets.retention.minutes}). */
final class OffsetHandler {

    private static final Logger log = LoggerFactory.getLogger(OffsetHandler.class);

    private final ShardContext ctx;
    private final ClassicRebalance rebalance;

    OffsetHandler(ShardContext ctx, ClassicRebalance rebalance) {
        this.ctx = ctx;
        this.rebalance = rebalance;
    }

    /**
     * Writes one record per accepted partition; the answer is released when they commit. A member
     * commits in its current generation while the group is Stable or PreparingRebalance (eager
     * consumers commit before they rejoin); a commit with generation -1 and no member id is a
     * "simple" commit, accepted while the group is Empty or does not exist (the offset record then
     * creates it).
     */
    void commit(long requestId, OffsetCommitRequest req) {
        ErrorCode error = validateCommit(req);
        if (error != ErrorCode.NONE) {
            ctx.reply(requestId, req.errorResponse(error));
            return;
        }
        long nowMs = ctx.nowMs();
        long expireMs = req.retentionTimeMs() > 0 ? nowMs + req.retentionTimeMs() : OffsetCommitValue.NO_EXPIRE_TIMESTAMP;
        List<PartitionResult> results = new ArrayList<>(req.partitions().size());
        for (OffsetCommitRequest.PartitionCommit p : req.partitions()) {
            String metadata = p.metadata() == null ? "" : p.metadata();
            if (metadata.getBytes(StandardCharsets.UTF_8).length > ctx.config.offsetMetadataBytesMax()) {
                results.add(new PartitionResult(p.partition(), ErrorCode.OFFSET_METADATA_TOO_LARGE));
                continue;
            }
            ctx.append(new OffsetCommitRecord(req.groupId(), p.partition(),
                    new OffsetCommitValue(p.offset(), p.leaderEpoch(), metadata, nowMs, expireMs)));
            results.add(new PartitionResult(p.partition(), ErrorCode.NONE));
        }
        ctx.reply(requestId, new OffsetCommitResponse(results));
    }

    private ErrorCode validateCommit(OffsetCommitRequest req) {
        ClassicGroup group = ctx.classic(req.groupId());
        if (group == null) {
            // Only a client outside group management may create a group by committing to it.
            return req.generationId() < 0 ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
        }
        if (group.isStaticMemberFenced(req.memberId(), req.groupInstanceId())) {
            return ErrorCode.FENCED_INSTANCE_ID;
        }
        if (req.generationId() < 0 && group.isInState(ClassicGroupState.EMPTY)) {
            return ErrorCode.NONE;
        }
        ClassicMember member = group.member(req.memberId());
        if (member == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (req.generationId() != group.generationId()) {
            return ErrorCode.ILLEGAL_GENERATION;
        }
        if (!MembershipHandler.acceptsMemberCommits(group.state())) {
            return ErrorCode.REBALANCE_IN_PROGRESS;
        }
        rebalance.scheduleHeartbeat(group, member, member.sessionTimeoutMs());
        return ErrorCode.NONE;
    }

    /** Answers from the stored offsets whatever the group's state, as Kafka does. */
    void fetch(long requestId, OffsetFetchRequest req) {
        Map<TopicPartition, OffsetCommitValue> stored = ctx.offsets.of(req.groupId());
        List<OffsetFetchResponse.FetchedOffset> out = new ArrayList<>();
        if (req.partitions() == null) {
            stored.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.add(fetched(e.getKey(), e.getValue())));
        } else {
            for (TopicPartition tp : req.partitions()) {
                out.add(fetched(tp, stored.get(tp)));
            }
        }
        ctx.reply(requestId, new OffsetFetchResponse(ErrorCode.NONE, out));
    }

    private static OffsetFetchResponse.FetchedOffset fetched(TopicPartition tp, OffsetCommitValue v) {
        return v == null
                ? new OffsetFetchResponse.FetchedOffset(tp, OffsetFetchResponse.NO_OFFSET, OffsetCommitValue.NO_LEADER_EPOCH, "", ErrorCode.NONE)
                : new OffsetFetchResponse.FetchedOffset(tp, v.offset(), v.leaderEpoch(), v.metadata(), ErrorCode.NONE);
    }

    /**
     * Deletes offsets of an Empty group, or of topics a live consumer group does not consume
     * (GROUP_SUBSCRIBED_TO_TOPIC for the others); a live group of another protocol type refuses
     * with NON_EMPTY_GROUP.
     */
    void delete(long requestId, OffsetDeleteRequest req) {
        Group group = ctx.groups.get(req.groupId());
        if (group == null) {
            ctx.reply(requestId, req.errorResponse(ErrorCode.GROUP_ID_NOT_FOUND));
            return;
        }
        if (!group.isEmpty() && !"consumer".equals(group.protocolType())) {
            ctx.reply(requestId, req.errorResponse(ErrorCode.NON_EMPTY_GROUP));
            return;
        }
        List<PartitionResult> results = new ArrayList<>();
        for (TopicPartition tp : req.partitions()) {
            if (group.isSubscribedTo(tp.topic())) {
                results.add(new PartitionResult(tp, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC));
                continue;
            }
            if (ctx.offsets.get(req.groupId(), tp) != null) {
                ctx.append(OffsetCommitRecord.tombstone(req.groupId(), tp));
            }
            results.add(new PartitionResult(tp, ErrorCode.NONE));
        }
        ctx.reply(requestId, new OffsetDeleteResponse(ErrorCode.NONE, results));
    }

    /**
     * Writes tombstones for expired offsets. An offset with an expire timestamp (OffsetCommit
     * v2-v4) expires then. Otherwise, it expires {@code offsets.retention.minutes} after the group
     * became Empty (KIP-211), or after its commit if that time is unknown or the group is Stable but
     * no longer consumes the topic; a live group's consumed topics never expire. An Empty group
     * left without offsets is deleted too.
     */
    void expire() {
        long nowMs = ctx.nowMs();
        long retentionMs = ctx.config.offsetsRetentionMs();
        int expired = 0;
        List<String> groupIds = new ArrayList<>();
        ctx.offsets.groups().forEach(groupIds::add);
        for (String groupId : groupIds) {
            Group group = ctx.groups.get(groupId);
            List<TopicPartition> doomed = new ArrayList<>();
            for (Map.Entry<TopicPartition, OffsetCommitValue> e : ctx.offsets.of(groupId).entrySet()) {
                OffsetCommitValue v = e.getValue();
                boolean gone;
                if (v.expireTimestampMs() != OffsetCommitValue.NO_EXPIRE_TIMESTAMP) {
                    gone = nowMs >= v.expireTimestampMs();
                } else if (group == null || group.isEmpty()) {
                    long emptySinceMs = group == null ? -1 : group.emptySinceMs();
                    long baseMs = emptySinceMs >= 0 ? emptySinceMs : v.commitTimestampMs();
                    gone = nowMs - baseMs >= retentionMs;
                } else {
                    // As Kafka: only a Stable group knows for sure which topics its members consume.
                    gone = group.stateName().equals(ClassicGroupState.STABLE.kafkaName())
                            && !group.isSubscribedTo(e.getKey().topic()) && nowMs - v.commitTimestampMs() >= retentionMs;
                }
                if (gone) {
                    doomed.add(e.getKey());
                }
            }
            expired += remove(groupId, group, doomed, "its last offsets expired");
        }
        if (expired > 0) {
            log.info("Expired {} offsets", expired);
        }
    }

    /**
     * Deletes every group's offsets of topics that were deleted, as Kafka's coordinator does when the
     * metadata says a topic is gone; an Empty group left without offsets is deleted with them.
     */
    void topicsDeleted(long requestId, TopicsDeletedRequest req) {
        int deleted = 0;
        List<String> groupIds = new ArrayList<>();
        ctx.offsets.groups().forEach(groupIds::add);
        for (String groupId : groupIds) {
            List<TopicPartition> doomed = new ArrayList<>();
            for (TopicPartition tp : ctx.offsets.of(groupId).keySet()) {
                if (req.topics().contains(tp.topic())) {
                    doomed.add(tp);
                }
            }
            deleted += remove(groupId, ctx.groups.get(groupId), doomed, "its topics were deleted");
        }
        if (deleted > 0) {
            log.info("Deleted {} committed offsets of deleted topics {}", deleted, new TreeSet<>(req.topics()));
        }
        ctx.reply(requestId, new TopicsDeletedResponse(ErrorCode.NONE, deleted));
    }

    /** Writes tombstones for {@code doomed} (sorted, so replicas and replays agree); returns how many. */
    private int remove(String groupId, Group group, List<TopicPartition> doomed, String why) {
        doomed.sort(null);
        for (TopicPartition tp : doomed) {
            ctx.append(OffsetCommitRecord.tombstone(groupId, tp));
        }
        if (!doomed.isEmpty() && group instanceof ClassicGroup classic && classic.isInState(ClassicGroupState.EMPTY)
                && ctx.offsets.of(groupId).isEmpty()) {
            ctx.append(GroupMetadataRecord.tombstone(groupId));
            log.info("Group {} deleted: it was empty and {}", groupId, why);
        }
        return doomed.size();
    }
}
