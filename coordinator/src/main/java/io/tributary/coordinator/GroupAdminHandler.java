package io.tributary.coordinator;

import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.DeleteGroupsRequest;
import io.tributary.coordinator.api.DeleteGroupsResponse;
import io.tributary.coordinator.api.DescribeGroupsRequest;
import io.tributary.coordinator.api.DescribeGroupsResponse;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.ListGroupsResponse;
import io.tributary.coordinator.group.ClassicGroup;
import io.tributary.coordinator.group.ClassicGroupState;
import io.tributary.coordinator.group.ClassicMember;
import io.tributary.coordinator.group.Group;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.OffsetCommitRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** ListGroups, DescribeGroups and DeleteGroups. */
final class GroupAdminHandler {

    private static final Logger log = LoggerFactory.getLogger(GroupAdminHandler.class);

    private final ShardContext ctx;

    GroupAdminHandler(ShardContext ctx) {
        this.ctx = ctx;
    }

    void list(long requestId, ListGroupsRequest req) {
        Set<String> states = lower(req.statesFilter());
        Set<String> types = lower(req.typesFilter());
        List<ListGroupsResponse.ListedGroup> out = new ArrayList<>();
        for (Group g : ctx.groups.values()) {
            if ((states.isEmpty() || states.contains(g.stateName().toLowerCase(Locale.ROOT)))
                    && (types.isEmpty() || types.contains(g.type().kafkaName()))) {
                out.add(new ListGroupsResponse.ListedGroup(g.groupId(), g.protocolType(), g.stateName(),
                        g.type().kafkaName()));
            }
        }
        out.sort((a, b) -> a.groupId().compareTo(b.groupId()));
        ctx.reply(requestId, new ListGroupsResponse(ErrorCode.NONE, out));
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    void describe(long requestId, DescribeGroupsRequest req) {
        List<DescribeGroupsResponse.DescribedGroup> out = new ArrayList<>();
        for (String groupId : req.groupIds()) {
            ClassicGroup g = ctx.classic(groupId);
            if (g == null) {
                out.add(DescribeGroupsResponse.DescribedGroup.error(groupId, ErrorCode.GROUP_ID_NOT_FOUND));
                continue;
            }
            boolean stable = g.isInState(ClassicGroupState.STABLE);
            List<DescribeGroupsResponse.DescribedMember> members = new ArrayList<>();
            for (ClassicMember m : g.members()) {
                members.add(new DescribeGroupsResponse.DescribedMember(m.memberId(), m.groupInstanceId(), m.clientId(),
                        m.clientHost(), stable ? m.metadata(g.protocolName()) : new byte[0],
                        stable ? m.assignment() : new byte[0]));
            }
            out.add(new DescribeGroupsResponse.DescribedGroup(groupId, ErrorCode.NONE, g.stateName(), g.protocolType(),
                    stable && g.protocolName() != null ? g.protocolName() : "", members));
        }
        ctx.reply(requestId, new DescribeGroupsResponse(out));
    }

    /** Deletes Empty groups: a tombstone for each offset, then one for the group. */
    void delete(long requestId, DeleteGroupsRequest req) {
        List<DeleteGroupsResponse.GroupResult> out = new ArrayList<>();
        for (String groupId : req.groupIds()) {
            Group g = ctx.groups.get(groupId);
            ErrorCode error;
            if (g == null) {
                error = ErrorCode.GROUP_ID_NOT_FOUND;
            } else if (!g.stateName().equals(ClassicGroupState.EMPTY.kafkaName())) {
                error = ErrorCode.NON_EMPTY_GROUP;
            } else {
                List<TopicPartition> partitions = new ArrayList<>(ctx.offsets.of(groupId).keySet());
                partitions.sort(null);
                for (TopicPartition tp : partitions) {
                    ctx.append(OffsetCommitRecord.tombstone(groupId, tp));
                }
                ctx.append(GroupMetadataRecord.tombstone(groupId));
                log.info("Group {} deleted with {} offsets", groupId, partitions.size());
                error = ErrorCode.NONE;
            }
            out.add(new DeleteGroupsResponse.GroupResult(groupId, error));
        }
        ctx.reply(requestId, new DeleteGroupsResponse(out));
    }
}
