package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code /api/timeline}: this broker's {@link ConsoleTimeline}, newest first, with the reason of an
 * ISR shrink that a leader proposed taken from that leader: the rule that fired (lag past
 * {@code replica.lag.time.max.ms}, a stalled fetch) is known only there, as its last proposal.
 */
final class TimelineView {

    private static final String PROPOSED = "proposed it (AlterPartition)";

    private TimelineView() {
    }

    static boolean needsLeaders(List<ConsoleTimeline.Event> events) {
        return events.stream().anyMatch(e -> e.reason().endsWith(PROPOSED));
    }

    static Map<String, Object> render(int self, List<ConsoleTimeline.Event> events, TreeMap<Integer, PeerFetcher.Answer> nodes) {
        Map<Integer, Map<String, JsonNode>> reported = nodes == null ? Map.of() : ClusterView.replicasByBroker(nodes);
        Set<String> refined = new HashSet<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (ConsoleTimeline.Event e : events) {
            String reason = e.reason();
            String key = e.topic() + "/" + e.partition();
            if (e.kind().equals("isr-shrink") && reason.endsWith(PROPOSED) && refined.add(key)) {
                int leader = Integer.parseInt(reason.split(" ")[1]);
                JsonNode r = reported.getOrDefault(leader, Map.of()).get(key);
                JsonNode proposal = r == null ? null : r.get("lastIsrProposal");
                if (proposal != null && proposal.path("kind").asText().equals("shrink")) {
                    reason = "leader " + leader + ": " + proposal.path("reason").asText();
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("timeMs", e.timeMs());
            m.put("metadataOffset", e.metadataOffset());
            m.put("kind", e.kind());
            m.put("topic", e.topic());
            m.put("partition", e.topic() == null ? null : e.partition());
            m.put("broker", e.broker());
            m.put("detail", e.detail());
            m.put("reason", reason);
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("servedBy", self);
        body.put("events", out);
        return body;
    }
}
