package io.tributary.coordinator.api;

import io.tributary.common.ErrorCode;

import java.util.List;

/**
 * DescribeGroups's answer, one entry per group asked. An unknown group is described as state
 * {@code Dead} with GROUP_ID_NOT_FOUND; the broker sends NONE instead to clients below v6, which
 * do not know that error, as Kafka does. Member metadata and assignments are filled only while the
 * group is Stable, as Kafka does.
 */
public record DescribeGroupsResponse(List<DescribedGroup> groups) implements CoordinatorResponse {

    public DescribeGroupsResponse {
        groups = List.copyOf(groups);
    }

    public record DescribedGroup(String groupId, ErrorCode error, String state, String protocolType,
                                 String protocolName, List<DescribedMember> members) {

        public DescribedGroup {
            members = List.copyOf(members);
        }

        public static DescribedGroup error(String groupId, ErrorCode error) {
            return new DescribedGroup(groupId, error, error == ErrorCode.GROUP_ID_NOT_FOUND ? "Dead" : "", "", "", List.of());
        }
    }

    public record DescribedMember(String memberId, String groupInstanceId, String clientId, String clientHost,
                                  byte[] metadata, byte[] assignment) {
    }
}
