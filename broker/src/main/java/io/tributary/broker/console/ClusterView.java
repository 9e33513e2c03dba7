package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.BrokerEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds {@code /api/cluster} and {@code /api/topics/{name}} from two sources: this broker's metadata
 * image (brokers and their state, every partition's leader, replicas and ISR: the same on every
 * broker) and the brokers' own answers to {@code /api/node} (follower lag from each partition's leader,
 * offsets and throughput). Where a leader could not be asked, its partitions' lag and offsets are
 * null, never guessed.
 */
final class ClusterView {

    private ClusterView() {
    }

    /** Answers indexed by broker, then by "topic/partition", for the replicas each broker reported. */
    static Map<Integer, Map<String, JsonNode>> replicasByBroker(TreeMap<Integer, PeerFetcher.Answer> answers) {
        Map<Integer, Map<String, JsonNode>> out = new HashMap<>();
        for (PeerFetcher.Answer a : answers.values()) {
            if (!a.reached()) {
                continue;
            }
            Map<String, JsonNode> byPartition = new HashMap<>();
            for (JsonNode r : a.body().path("replicas")) {
                byPartition.put(r.path("topic").asText() + "/" + r.path("partition").asInt(), r);
            }
            out.put(a.brokerId(), byPartition);
        }
        return out;
    }

    static int activeControllerId(int self, TreeMap<Integer, PeerFetcher.Answer> answers) {
        PeerFetcher.Answer mine = answers.get(self);
        int id = mine != null && mine.reached() ? mine.body().path("activeControllerId").asInt(-1) : -1;
        for (PeerFetcher.Answer a : answers.values()) {
            if (id < 0 && a.reached()) {
                id = a.body().path("activeControllerId").asInt(-1);
            }
        }
        return id;
    }

    static Map<String, Object> cluster(int self, MetadataImage image, TreeMap<Integer, PeerFetcher.Answer> answers, long nowMs,
                                       boolean internal) {
        Map<Integer, Map<String, JsonNode>> reported = replicasByBroker(answers);
        int controller = activeControllerId(self, answers);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("servedBy", self);
        out.put("timeMs", nowMs);
        out.put("clusterId", image.clusterId().orElse(null));
        out.put("metadataOffset", image.lastAppliedOffset());
        out.put("activeControllerId", controller);
        Map<Integer, int[]> counts = new HashMap<>();
        List<Map<String, Object>> topics = new ArrayList<>();
        int partitions = 0;
        int offline = 0;
        int underReplicated = 0;
        for (TopicImage t : image.topics().values()) {
            boolean isInternal = t.name().startsWith("__");
            List<Map<String, Object>> parts = new ArrayList<>();
            for (int i = 0; i < t.partitions().size(); i++) {
                PartitionRegistration reg = t.partitions().get(i);
                Map<String, Object> p = partition(image, t.name(), i, reg, reported);
                for (int r : reg.replicas()) {
                    int[] c = counts.computeIfAbsent(r, k -> new int[2]);
                    c[0]++;
                    if (r == reg.leader()) {
                        c[1]++;
                    }
                }
                partitions++;
                offline += (boolean) p.get("offline") ? 1 : 0;
                underReplicated += (boolean) p.get("underReplicated") ? 1 : 0;
                parts.add(p);
            }
            if (isInternal && !internal) {
                continue;
            }
            Map<String, Object> topic = new LinkedHashMap<>();
            topic.put("name", t.name());
            topic.put("id", t.id().toString());
            topic.put("internal", isInternal);
            topic.put("partitions", parts);
            topics.add(topic);
        }
        List<Map<String, Object>> brokers = new ArrayList<>();
        for (BrokerRegistration b : image.brokers().values()) {
            PeerFetcher.Answer a = answers.get(b.brokerId());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", b.brokerId());
            BrokerEndpoint first = b.endpoints().stream().filter(e -> !e.listenerName().equals(PeerFetcher.LISTENER_NAME))
                    .findFirst().orElse(null);
            m.put("host", first == null ? null : first.host());
            m.put("port", first == null ? null : first.port());
            m.put("rack", b.rack());
            m.put("state", b.fenced() ? "fenced" : b.inControlledShutdown() ? "controlled-shutdown" : "alive");
            m.put("reachable", a != null && a.reached());
            m.put("error", a == null ? null : a.error());
            m.put("activeController", b.brokerId() == controller);
            int[] c = counts.getOrDefault(b.brokerId(), new int[2]);
            m.put("replicas", c[0]);
            m.put("leaders", c[1]);
            brokers.add(m);
        }
        out.put("brokers", brokers);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("brokers", image.brokers().size());
        summary.put("aliveBrokers", image.activeBrokerIds().size());
        summary.put("partitions", partitions);
        summary.put("offlinePartitions", offline);
        summary.put("underReplicatedPartitions", underReplicated);
        out.put("summary", summary);
        out.put("topics", topics);
        return out;
    }

    private static Map<String, Object> partition(MetadataImage image, String topic, int partition, PartitionRegistration reg,
                                                 Map<Integer, Map<String, JsonNode>> reported) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("partition", partition);
        p.put("leader", reg.leader());
        p.put("leaderEpoch", reg.leaderEpoch());
        p.put("replicas", reg.replicas());
        p.put("isr", reg.isr());
        p.put("elr", reg.elr());
        p.put("offline", !reg.hasLeader() || !image.isActiveBroker(reg.leader()));
        p.put("underReplicated", reg.isr().size() < reg.replicas().size());
        JsonNode leaderSide = reg.hasLeader() ? reported.getOrDefault(reg.leader(), Map.of()).get(topic + "/" + partition) : null;
        Map<Integer, JsonNode> followers = new HashMap<>();
        if (leaderSide != null) {
            for (JsonNode f : leaderSide.path("followers")) {
                followers.put(f.path("broker").asInt(), f);
            }
        }
        List<Map<String, Object>> states = new ArrayList<>();
        for (int r : reg.replicas()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("broker", r);
            s.put("role", r == reg.leader() ? "leader" : "follower");
            s.put("inIsr", reg.isr().contains(r));
            JsonNode f = followers.get(r);
            s.put("lagRecords", r == reg.leader() ? Long.valueOf(0) : f == null ? null : f.path("lagRecords").asLong());
            s.put("lagMs", r == reg.leader() ? Long.valueOf(0) : f == null ? null : f.path("lagMs").asLong());
            states.add(s);
        }
        p.put("replicaStates", states);
        return p;
    }

    /** {@code /api/topics/{name}}: every partition's offsets and throughput from its leader; null when the topic is unknown. */
    static Map<String, Object> topic(MetadataImage image, String name, TreeMap<Integer, PeerFetcher.Answer> answers, long nowMs) {
        TopicImage t = image.topic(name);
        if (t == null) {
            return null;
        }
        Map<Integer, Map<String, JsonNode>> reported = replicasByBroker(answers);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", t.name());
        out.put("id", t.id().toString());
        out.put("timeMs", nowMs);
        List<Map<String, Object>> parts = new ArrayList<>();
        double records = 0;
        double bytes = 0;
        for (int i = 0; i < t.partitions().size(); i++) {
            PartitionRegistration reg = t.partitions().get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("partition", i);
            p.put("leader", reg.leader());
            p.put("replicas", reg.replicas());
            p.put("isr", reg.isr());
            p.put("offline", !reg.hasLeader() || !image.isActiveBroker(reg.leader()));
            JsonNode l = reg.hasLeader() ? reported.getOrDefault(reg.leader(), Map.of()).get(name + "/" + i) : null;
            for (String field : List.of("logStartOffset", "logEndOffset", "highWatermark", "sizeBytes")) {
                p.put(field, l == null ? null : l.path(field).asLong());
            }
            p.put("recordsPerSec", l == null ? null : l.path("recordsPerSec").asDouble());
            p.put("bytesPerSec", l == null ? null : l.path("bytesPerSec").asDouble());
            if (l != null) {
                records += l.path("recordsPerSec").asDouble();
                bytes += l.path("bytesPerSec").asDouble();
            }
            parts.add(p);
        }
        out.put("recordsPerSec", Math.round(records * 10) / 10.0);
        out.put("bytesPerSec", Math.round(bytes));
        out.put("partitions", parts);
        return out;
    }

    /** {@code /api/topics}: each topic's name, partition count, replication factor and partitions in trouble. */
    static List<Map<String, Object>> topics(MetadataImage image) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (TopicImage t : image.topics().values()) {
            int offline = 0;
            int under = 0;
            for (PartitionRegistration reg : t.partitions()) {
                offline += !reg.hasLeader() || !image.isActiveBroker(reg.leader()) ? 1 : 0;
                under += reg.isr().size() < reg.replicas().size() ? 1 : 0;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("internal", t.name().startsWith("__"));
            m.put("partitions", t.partitions().size());
            m.put("replicationFactor", t.partitions().isEmpty() ? 0 : t.partitions().get(0).replicas().size());
            m.put("offlinePartitions", offline);
            m.put("underReplicatedPartitions", under);
            out.add(m);
        }
        return out;
    }
}
