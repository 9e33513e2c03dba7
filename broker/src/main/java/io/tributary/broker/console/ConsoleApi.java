package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.broker.coordinator.GroupCoordinatorRuntime;
import io.tributary.broker.http.HttpReply;
import io.tributary.broker.http.HttpRoute;
import io.tributary.broker.image.MetadataView;
import io.tributary.broker.handler.InternalTopics;
import io.tributary.common.Time;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The console's read-only JSON API under {@code /api/} ({@code docs/console.md} is its contract).
 * What every broker knows alike (brokers, leaders, ISRs) comes from this broker's metadata image;
 * what only a partition's leader knows (follower lag, offsets, throughput) and what only a group's
 * coordinator knows (members, committed offsets) is asked of those brokers over their HTTP
 * listeners. One gathering of every broker's {@code /api/node} serves all requests for
 * {@link #GATHER_FRESH_MS}, so a few open consoles cost the cluster one fan-out per that interval.
 */
final class ConsoleApi implements HttpRoute {

    static final long GATHER_FRESH_MS = 250;
    static final int TIMELINE_LIMIT_MAX = ConsoleTimeline.EVENTS_MAX;
    static final String PATHS = "/api/cluster, /api/topics, /api/topics/{name}, /api/groups, /api/groups/{id}, /api/timeline, /api/node";

    private final LocalState local;
    private final MetadataView metadata;
    private final GroupCoordinatorRuntime groups;
    private final ConsoleTimeline timeline;
    private final PeerFetcher peers;
    private final Time time;
    private TreeMap<Integer, PeerFetcher.Answer> gathered; // only the listener's peer work thread touches these two
    private long gatheredAtMs = Long.MIN_VALUE;

    ConsoleApi(LocalState local, MetadataView metadata, GroupCoordinatorRuntime groups, ConsoleTimeline timeline, PeerFetcher peers,
               Time time) {
        this.local = local;
        this.metadata = metadata;
        this.groups = groups;
        this.timeline = timeline;
        this.peers = peers;
        this.time = time;
    }

    /** Most paths ask other brokers; {@link #localRoute()} serves the ones that never do. */
    @Override
    public boolean waitsOnPeers() {
        return true;
    }

    /**
     * {@code /api/node} and under: what this broker alone knows, which other brokers' consoles ask for.
     * It runs on the listener's local work thread, so that it never waits behind this broker's own
     * fan-out to those same brokers.
     */
    HttpRoute localRoute() {
        return this::handle;
    }

    @Override
    public HttpReply handle(FullHttpRequest request) throws Exception {
        QueryStringDecoder q = new QueryStringDecoder(request.uri());
        String[] parts = q.path().substring("/api/".length()).split("/", -1);
        String name = parts.length > 1 ? QueryStringDecoder.decodeComponent(parts[1]) : null;
        switch (parts[0]) {
            case "node":
                if (parts.length == 1) {
                    return ConsoleJson.ok(local.snapshot());
                }
                if (parts.length == 3 && parts[1].equals("groups") && !parts[2].isEmpty()) {
                    return localGroup(QueryStringDecoder.decodeComponent(parts[2]));
                }
                break;
            case "cluster":
                if (parts.length == 1) {
                    boolean internal = "true".equals(param(q, "internal"));
                    return ConsoleJson.ok(ClusterView.cluster(local.nodeId(), metadata.image(), gather(), time.milliseconds(), internal));
                }
                break;
            case "topics":
                if (parts.length == 1) {
                    return ConsoleJson.ok(Map.of("topics", ClusterView.topics(metadata.image())));
                }
                if (parts.length == 2 && !name.isEmpty()) {
                    Map<String, Object> topic = ClusterView.topic(metadata.image(), name, gather(), time.milliseconds());
                    return topic != null ? ConsoleJson.ok(topic)
                            : ConsoleJson.error(HttpResponseStatus.NOT_FOUND, "no such topic: " + name);
                }
                break;
            case "groups":
                if (parts.length == 1) {
                    return ConsoleJson.ok(groupList());
                }
                if (parts.length == 2 && !name.isEmpty()) {
                    return group(name);
                }
                break;
            case "timeline":
                if (parts.length == 1) {
                    return timeline(q);
                }
                break;
            default:
                break;
        }
        return ConsoleJson.error(HttpResponseStatus.NOT_FOUND, "no such API path: " + q.path() + " (served: " + PATHS + ")");
    }

    /** Every broker's {@code /api/node}, at most {@link #GATHER_FRESH_MS} old. */
    private TreeMap<Integer, PeerFetcher.Answer> gather() throws InterruptedException {
        long nowMs = time.milliseconds();
        if (gathered == null || nowMs - gatheredAtMs >= GATHER_FRESH_MS) {
            JsonNode self = ConsoleJson.MAPPER.valueToTree(local.snapshot());
            gathered = peers.fetchAll(metadata.image(), "/api/node", self);
            gatheredAtMs = time.milliseconds();
        }
        return gathered;
    }

    private Map<String, Object> groupList() throws InterruptedException {
        List<Object> all = new ArrayList<>();
        List<Map<String, Object>> unreachable = new ArrayList<>();
        for (PeerFetcher.Answer a : gather().values()) {
            if (a.reached()) {
                a.body().path("groups").forEach(all::add);
            } else {
                unreachable.add(Map.of("broker", a.brokerId(), "error", a.error()));
            }
        }
        all.sort((x, y) -> ((JsonNode) x).path("groupId").asText().compareTo(((JsonNode) y).path("groupId").asText()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("groups", all);
        out.put("unreachableBrokers", unreachable);
        return out;
    }

    private HttpReply localGroup(String groupId) throws Exception {
        Map<String, Object> g = GroupView.local(local.nodeId(), groups, groupId);
        return g != null ? ConsoleJson.ok(g)
                : ConsoleJson.error(HttpResponseStatus.NOT_FOUND, "broker " + local.nodeId() + " does not coordinate group " + groupId);
    }

    /** Asks the group's coordinator (the leader of its {@code __consumer_offsets} partition), then adds lag. */
    private HttpReply group(String groupId) throws Exception {
        MetadataImage image = metadata.image();
        int partition = groups.partitionFor(groupId);
        TopicImage offsets = image.topic(InternalTopics.CONSUMER_OFFSETS);
        PartitionRegistration reg = offsets == null || partition < 0 ? null : offsets.partition(partition);
        if (reg == null || !reg.hasLeader()) {
            return ConsoleJson.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "group " + groupId + " has no coordinator now: "
                    + (reg == null ? "the offsets topic does not exist yet" : "__consumer_offsets-" + partition + " has no leader"));
        }
        JsonNode group;
        if (reg.leader() == local.nodeId()) {
            Map<String, Object> g = GroupView.local(local.nodeId(), groups, groupId);
            group = g == null ? null : ConsoleJson.MAPPER.valueToTree(g);
        } else {
            BrokerRegistration coordinator = image.broker(reg.leader());
            PeerFetcher.Answer a = Waits.await(peers.fetch(coordinator, "/api/node/groups/"
                    + java.net.URLEncoder.encode(groupId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")),
                    System.nanoTime() + (PeerFetcher.TIMEOUT_MS + 200) * 1_000_000L);
            if (a == null || !a.reached()) {
                String why = a == null ? "no answer" : a.error();
                return why.contains("HTTP 404") ? ConsoleJson.error(HttpResponseStatus.NOT_FOUND, "no such group: " + groupId)
                        : ConsoleJson.error(HttpResponseStatus.BAD_GATEWAY, "the coordinator of group " + groupId + ", broker "
                        + reg.leader() + ", did not answer: " + why);
            }
            group = a.body();
        }
        if (group == null || "Dead".equals(group.path("state").asText()) && group.path("offsets").isEmpty()) {
            return ConsoleJson.error(HttpResponseStatus.NOT_FOUND, "no such group: " + groupId);
        }
        Map<String, Integer> leaders = new HashMap<>();
        for (TopicImage t : image.topics().values()) {
            for (int i = 0; i < t.partitions().size(); i++) {
                leaders.put(t.name() + "/" + i, t.partitions().get(i).leader());
            }
        }
        return ConsoleJson.ok(GroupView.withLag(group, gather(), leaders));
    }

    private HttpReply timeline(QueryStringDecoder q) throws Exception {
        int limit = 100;
        String l = param(q, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > TIMELINE_LIMIT_MAX) {
                return ConsoleJson.error(HttpResponseStatus.BAD_REQUEST, "limit must be a number from 1 to " + TIMELINE_LIMIT_MAX + ": " + l);
            }
        }
        List<ConsoleTimeline.Event> events = timeline.latest(limit);
        return ConsoleJson.ok(TimelineView.render(local.nodeId(), events, TimelineView.needsLeaders(events) ? gather() : null));
    }

    private static String param(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
