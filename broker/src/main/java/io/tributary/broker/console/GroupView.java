package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.common.ErrorCode;
import io.tributary.coordinator.api.CoordinatorResponse;
import io.tributary.coordinator.api.DescribeGroupsRequest;
import io.tributary.coordinator.api.DescribeGroupsResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A consumer group as its coordinator knows it ({@code /api/node/groups/{id}}: members, their
 * assignments, committed offsets), and the lag the serving broker adds from each partition's leader
 * ({@code /api/groups/{id}}): the leader's high watermark minus the committed offset, which is what
 * {@code kafka-consumer-groups --describe} shows.
 */
final class GroupView {

    static final long WAIT_MS = 500;

    private GroupView() {
    }

    /** The group from this broker's coordinator, or null when this broker does not coordinate it. */
    static Map<String, Object> local(int nodeId, GroupCoordinatorRuntime groups, String groupId) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        CoordinatorResponse d = Waits.await(groups.handle(groupId, new DescribeGroupsRequest(List.of(groupId))), deadlineNs);
        CoordinatorResponse o = Waits.await(groups.handle(groupId, new OffsetFetchRequest(groupId, null, false)), deadlineNs);
        if (!(d instanceof DescribeGroupsResponse described) || described.groups().isEmpty()
                || described.groups().get(0).error() == ErrorCode.NOT_COORDINATOR
                || described.groups().get(0).error() == ErrorCode.COORDINATOR_LOAD_IN_PROGRESS) {
            return null;
        }
        DescribeGroupsResponse.DescribedGroup g = described.groups().get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groupId", groupId);
        out.put("coordinator", nodeId);
        out.put("state", g.state());
        out.put("protocolType", g.protocolType());
        out.put("protocol", g.protocolName());
        List<Map<String, Object>> members = new ArrayList<>();
        for (DescribeGroupsResponse.DescribedMember m : g.members()) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("memberId", m.memberId());
            member.put("groupInstanceId", m.groupInstanceId());
            member.put("clientId", m.clientId());
            member.put("clientHost", m.clientHost());
            member.put("assignment", "consumer".equals(g.protocolType()) ? ConsumerAssignment.decode(m.assignment()) : Map.of());
            members.add(member);
        }
        out.put("members", members);
        List<Map<String, Object>> offsets = new ArrayList<>();
        if (o instanceof OffsetFetchResponse fetched && fetched.error() == ErrorCode.NONE) {
            for (OffsetFetchResponse.FetchedOffset f : fetched.partitions()) {
                if (f.error() == ErrorCode.NONE && f.offset() >= 0) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("topic", f.partition().topic());
                    m.put("partition", f.partition().partition());
                    m.put("committedOffset", f.offset());
                    offsets.add(m);
                }
            }
        }
        out.put("offsets", offsets);
        return out;
    }

    /**
     * Adds to the coordinator's answer, per committed partition, the leader's high watermark, the lag
     * and the member that owns it; lag is null where the leader could not be asked.
     */
    static Map<String, Object> withLag(JsonNode group, TreeMap<Integer, PeerFetcher.Answer> nodes, Map<String, Integer> leaders) {
        Map<Integer, Map<String, JsonNode>> reported = ClusterView.replicasByBroker(nodes);
        Map<String, String> owners = new HashMap<>();
        for (JsonNode m : group.path("members")) {
            m.path("assignment").fields().forEachRemaining(e -> {
                for (JsonNode p : e.getValue()) {
                    owners.put(e.getKey() + "/" + p.asInt(), m.path("memberId").asText());
                }
            });
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> out = ConsoleJson.MAPPER.convertValue(group, LinkedHashMap.class);
        List<Map<String, Object>> lags = new ArrayList<>();
        long total = 0;
        for (JsonNode o : group.path("offsets")) {
            String key = o.path("topic").asText() + "/" + o.path("partition").asInt();
            Integer leader = leaders.get(key);
            JsonNode l = leader == null ? null : reported.getOrDefault(leader, Map.of()).get(key);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", o.path("topic").asText());
            m.put("partition", o.path("partition").asInt());
            m.put("committedOffset", o.path("committedOffset").asLong());
            m.put("highWatermark", l == null ? null : l.path("highWatermark").asLong());
            Long lag = l == null ? null : Math.max(0, l.path("highWatermark").asLong() - o.path("committedOffset").asLong());
            m.put("lag", lag);
            m.put("owner", owners.get(key));
            total += lag == null ? 0 : lag;
            lags.add(m);
        }
        out.put("offsets", lags);
        out.put("totalLag", total);
        return out;
    }
}
