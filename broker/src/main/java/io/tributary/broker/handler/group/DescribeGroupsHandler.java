package io.tributary.broker.handler.group;

import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.AuthorizedOperations;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.DescribeGroupsResponse.DescribedGroup;
import io.tributary.coordinator.api.DescribeGroupsResponse.DescribedMember;
import io.tributary.wire.api.describegroups.DescribeGroupsRequest;
import io.tributary.wire.api.describegroups.DescribeGroupsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeGroups: each group is described by its own coordinator (NOT_COORDINATOR for groups this
 * broker does not coordinate). An unknown group is GROUP_ID_NOT_FOUND from v6 (KIP-1043); before,
 * Kafka describes it with no error in state Dead, and so does this.
 */
public final class DescribeGroupsHandler implements ApiHandler<DescribeGroupsRequest, DescribeGroupsResponse> {

    private final GroupCoordinatorRuntime coordinator;

    public DescribeGroupsHandler(GroupCoordinatorRuntime coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletableFuture<DescribeGroupsResponse> handle(RequestContext ctx, DescribeGroupsRequest r) {
        short version = ctx.header().apiVersion();
        int operations = r.includeAuthorizedOperations() ? AuthorizedOperations.GROUP : DescribeGroupsResponse.OPERATIONS_OMITTED;
        return PerCoordinator.gather(coordinator, r.groups().stream().map(GroupWire::orEmpty).toList(),
                io.tributary.coordinator.api.DescribeGroupsRequest::new,
                resp -> ((io.tributary.coordinator.api.DescribeGroupsResponse) resp).groups(), DescribedGroup::groupId)
                .thenApply(groups -> {
                    List<DescribeGroupsResponse.Group> out = new ArrayList<>(groups.size());
                    for (DescribedGroup g : groups) {
                        out.add(group(g, version, operations));
                    }
                    return new DescribeGroupsResponse(0, out);
                });
    }

    private static DescribeGroupsResponse.Group group(DescribedGroup g, short version, int operations) {
        ErrorCode error = g.error() == ErrorCode.GROUP_ID_NOT_FOUND && version < 6 ? ErrorCode.NONE : g.error();
        List<DescribeGroupsResponse.Member> members = new ArrayList<>(g.members().size());
        for (DescribedMember m : g.members()) {
            members.add(new DescribeGroupsResponse.Member(m.memberId(), m.groupInstanceId(), m.clientId(), m.clientHost(),
                    GroupWire.buffer(m.metadata()), GroupWire.buffer(m.assignment())));
        }
        return new DescribeGroupsResponse.Group(error, null, g.groupId(), GroupWire.orEmpty(g.state()),
                GroupWire.orEmpty(g.protocolType()), GroupWire.orEmpty(g.protocolName()), members,
                error == ErrorCode.NONE ? operations : DescribeGroupsResponse.OPERATIONS_OMITTED);
    }
}
