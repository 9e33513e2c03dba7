package io.tributary.wire.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.ErrorCode;
import io.tributary.wire.GroupSampleRequests;
import io.tributary.wire.KafkaWire;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.api.deletegroups.DeleteGroupsCodec;
import io.tributary.wire.api.deletegroups.DeleteGroupsRequest;
import io.tributary.wire.api.deletegroups.DeleteGroupsResponse;
import io.tributary.wire.api.describegroups.DescribeGroupsCodec;
import io.tributary.wire.api.describegroups.DescribeGroupsRequest;
import io.tributary.wire.api.describegroups.DescribeGroupsResponse;
import io.tributary.wire.api.listgroups.ListGroupsCodec;
import io.tributary.wire.api.listgroups.ListGroupsRequest;
import io.tributary.wire.api.listgroups.ListGroupsResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ListGroups, DescribeGroups and DeleteGroups at every version kafka-clients 4.3.1 has. */
class GroupAdminCodecsTest {

    @Test
    void versionsAreExactlyThoseOfThePinnedClient() {
        assertThat(ListGroupsCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.LIST_GROUPS.latestVersion());
        assertThat(DescribeGroupsCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.DESCRIBE_GROUPS.latestVersion());
        assertThat(DeleteGroupsCodec.INSTANCE.maxVersion()).isEqualTo(ApiKeys.DELETE_GROUPS.latestVersion());
        assertThat(List.of(ListGroupsCodec.INSTANCE.apiKey(), DescribeGroupsCodec.INSTANCE.apiKey(), DeleteGroupsCodec.INSTANCE.apiKey()))
                .containsExactly(ApiKeys.LIST_GROUPS.id, ApiKeys.DESCRIBE_GROUPS.id, ApiKeys.DELETE_GROUPS.id);
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5})
    void listGroupsRoundTrip(short version) {
        ListGroupsRequest r = KafkaWire.decode(GroupSampleRequests.sample(ListGroupsCodec.API_KEY, version), version);
        assertThat(r).isEqualTo(new ListGroupsRequest(version >= 4 ? List.of("Stable", "Empty") : List.of(),
                version >= 5 ? List.of("classic") : List.of()));
        RequestHeader header = KafkaWire.header(ListGroupsCodec.API_KEY, version);
        ListGroupsResponseData d = KafkaWire.parse(ListGroupsCodec.INSTANCE.encode(header, new ListGroupsResponse(2, ErrorCode.NONE, List.of(
                new ListGroupsResponse.Group("payments", "consumer", "Stable", "classic"),
                new ListGroupsResponse.Group("offsets-only", "", "Empty", null)))), version, new ListGroupsResponseData());
        assertThat(d.groups()).extracting(ListGroupsResponseData.ListedGroup::groupId).containsExactly("payments", "offsets-only");
        assertThat(d.groups().get(0).protocolType()).isEqualTo("consumer");
        assertThat(d.groups().get(0).groupState()).isEqualTo(version >= 4 ? "Stable" : "");
        assertThat(d.groups().get(0).groupType()).isEqualTo(version >= 5 ? "classic" : "");
        assertThat(d.throttleTimeMs()).isEqualTo(version >= 1 ? 2 : 0);
        assertThat(ListGroupsCodec.INSTANCE.errorResponse(header, r, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS))
                .isEqualTo(new ListGroupsResponse(0, ErrorCode.COORDINATOR_LOAD_IN_PROGRESS, List.of()));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4, 5, 6})
    void describeGroupsRoundTrip(short version) {
        DescribeGroupsRequest r = KafkaWire.decode(GroupSampleRequests.sample(DescribeGroupsCodec.API_KEY, version), version);
        assertThat(r).isEqualTo(new DescribeGroupsRequest(List.of("payments", "orders"), version >= 3));

        RequestHeader header = KafkaWire.header(DescribeGroupsCodec.API_KEY, version);
        DescribeGroupsResponse response = new DescribeGroupsResponse(0, List.of(
                new DescribeGroupsResponse.Group(ErrorCode.NONE, null, "payments", "Stable", "consumer", "range", List.of(
                        new DescribeGroupsResponse.Member("m-1", "instance-1", "client-1", "/10.0.0.1",
                                ByteBuffer.wrap(GroupSampleRequests.SUBSCRIPTION), ByteBuffer.wrap(GroupSampleRequests.ASSIGNMENT))), 0b1000),
                DescribeGroupsResponse.Group.failed("orders", ErrorCode.GROUP_ID_NOT_FOUND, "no such group")));
        DescribeGroupsResponseData d = KafkaWire.parse(DescribeGroupsCodec.INSTANCE.encode(header, response), version,
                new DescribeGroupsResponseData());
        DescribeGroupsResponseData.DescribedGroup payments = d.groups().get(0);
        assertThat(payments.groupState()).isEqualTo("Stable");
        assertThat(payments.protocolData()).isEqualTo("range");
        assertThat(payments.authorizedOperations()).isEqualTo(version >= 3 ? 0b1000 : Integer.MIN_VALUE);
        DescribeGroupsResponseData.DescribedGroupMember m = payments.members().get(0);
        assertThat(m.groupInstanceId()).isEqualTo(version >= 4 ? "instance-1" : null);
        assertThat(m.clientHost()).isEqualTo("/10.0.0.1");
        assertThat(m.memberMetadata()).isEqualTo(GroupSampleRequests.SUBSCRIPTION);
        assertThat(m.memberAssignment()).isEqualTo(GroupSampleRequests.ASSIGNMENT);
        assertThat(d.groups().get(1).errorCode()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND.code());
        assertThat(d.groups().get(1).errorMessage()).isEqualTo(version >= 6 ? "no such group" : null);

        DescribeGroupsResponse failed = DescribeGroupsCodec.INSTANCE.errorResponse(header, r, ErrorCode.NOT_COORDINATOR);
        assertThat(failed.groups()).extracting(DescribeGroupsResponse.Group::groupId).containsExactly("payments", "orders");
        assertThat(failed.groups()).allSatisfy(g -> assertThat(g.error()).isEqualTo(ErrorCode.NOT_COORDINATOR));
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2})
    void deleteGroupsRoundTrip(short version) {
        DeleteGroupsRequest r = KafkaWire.decode(GroupSampleRequests.sample(DeleteGroupsCodec.API_KEY, version), version);
        assertThat(r).isEqualTo(new DeleteGroupsRequest(List.of("payments", "orders")));
        RequestHeader header = KafkaWire.header(DeleteGroupsCodec.API_KEY, version);
        DeleteGroupsResponseData d = KafkaWire.parse(DeleteGroupsCodec.INSTANCE.encode(header, new DeleteGroupsResponse(1, List.of(
                new DeleteGroupsResponse.Result("payments", ErrorCode.NONE),
                new DeleteGroupsResponse.Result("orders", ErrorCode.NON_EMPTY_GROUP)))), version, new DeleteGroupsResponseData());
        assertThat(d.results().find("payments").errorCode()).isZero();
        assertThat(d.results().find("orders").errorCode()).isEqualTo(ErrorCode.NON_EMPTY_GROUP.code());
        assertThat(DeleteGroupsCodec.INSTANCE.errorResponse(header, r, ErrorCode.NOT_COORDINATOR).results())
                .containsExactly(new DeleteGroupsResponse.Result("payments", ErrorCode.NOT_COORDINATOR),
                        new DeleteGroupsResponse.Result("orders", ErrorCode.NOT_COORDINATOR));
    }
}
