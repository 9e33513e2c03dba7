package io.tributary.cli.drill;

import io.tributary.cli.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a drill saw, and its verdict: the exit status a CI job gates on, the JSON for the job, and
 * the table for people. Times are in ms, relative to the moment the failure was started (negative
 * before it).
 */
public record DrillReport(Setup setup, Failed failed, Map<Integer, Windows.Window> windows, Map<Integer, Integer> leadersAfter,
        Ledger.Accounting accounting, long sent, long sendFailures, Optional<String> firstSendError, boolean topicDeleted) {

    /** The exit status when every acknowledged record was read back and every partition recovered. */
    public static final int PASSED = 0;
    /** The exit status when an acknowledged record was not found in the log. */
    public static final int LOST = 3;
    /** The exit status when a partition acknowledged nothing after the failure within --recovery-timeout-ms. */
    public static final int NOT_RECOVERED = 4;

    /** The drill's settings, as the topic was created and the producer configured. */
    public record Setup(String topic, int partitions, int replicationFactor, int minInsyncReplicas, String acks,
            boolean idempotence, double ratePerSec) {
    }

    /**
     * The failure: which broker (the leader of partition 0), how, when (drill ms), how long the kill
     * took, the partitions' leaders before, when a new leader of partition 0 showed in metadata (ms
     * after the failure began), and how to bring the broker back.
     */
    public record Failed(int broker, String how, long atMs, long killTookMs, Map<Integer, Integer> leadersBefore,
            Optional<Long> newLeaderVisibleMs, Optional<String> bringBack) {
    }

    public int exitStatus() {
        if (accounting.lost() > 0) {
            return LOST;
        }
        return Windows.overallMs(windows).isPresent() ? PASSED : NOT_RECOVERED;
    }

    public String verdict() {
        return switch (exitStatus()) {
            case LOST -> "lost-acknowledged-records";
            case NOT_RECOVERED -> "not-recovered";
            default -> "passed";
        };
    }

    /** Kafka promises no acknowledged record is lost only with acks=all (and min.insync.replicas &gt; 1). */
    boolean lossAllowedByAcks() {
        return !"all".equals(setup.acks);
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verdict", verdict());
        json.put("exitStatus", exitStatus());
        json.put("topic", setup.topic);
        json.put("partitions", setup.partitions);
        json.put("replicationFactor", setup.replicationFactor);
        json.put("minInsyncReplicas", setup.minInsyncReplicas);
        json.put("acks", setup.acks);
        json.put("idempotence", setup.idempotence);
        json.put("ratePerSec", setup.ratePerSec);
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("broker", failed.broker);
        failure.put("how", failed.how);
        failure.put("killTookMs", failed.killTookMs);
        failure.put("bringBack", failed.bringBack);
        json.put("failure", failure);
        json.put("oldLeader", failed.broker);
        json.put("newLeader", leadersAfter.getOrDefault(0, -1));
        json.put("newLeaderVisibleMs", failed.newLeaderVisibleMs);
        json.put("unavailableMs", Windows.overallMs(windows));
        List<Object> partitions = new ArrayList<>();
        windows.forEach((p, w) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("partition", p);
            row.put("leaderBefore", failed.leadersBefore.getOrDefault(p, -1));
            row.put("leaderAfter", leadersAfter.getOrDefault(p, -1));
            row.put("lastAckBeforeMs", w.lastAckBeforeMs().map(t -> t - failed.atMs));
            row.put("firstAckAfterMs", w.firstAckAfterMs().map(t -> t - failed.atMs));
            row.put("unavailableMs", w.lengthMs());
            partitions.add(row);
        });
        json.put("partitionWindows", partitions);
        Map<String, Object> records = new LinkedHashMap<>();
        records.put("sent", sent);
        records.put("acknowledged", accounting.acknowledged());
        records.put("failed", sendFailures);
        records.put("consumed", accounting.consumed());
        records.put("lost", accounting.lost());
        records.put("lostSamples", accounting.lostSamples());
        records.put("duplicates", accounting.duplicates());
        records.put("reordered", accounting.reordered());
        records.put("unacknowledgedButWritten", accounting.unacknowledgedButWritten());
        records.put("firstSendError", firstSendError);
        json.put("records", records);
        json.put("lossAllowedByAcks", lossAllowedByAcks());
        json.put("duplicatesAndReorderingAllowed", !setup.idempotence);
        json.put("topicDeleted", topicDeleted);
        return json;
    }

    public Table table() {
        Table table = new Table("PARTITION", "LEADER BEFORE", "LEADER AFTER", "LAST ACK BEFORE", "FIRST ACK AFTER", "UNAVAILABLE");
        table.line("Failover drill on '" + setup.topic + "': " + setup.partitions + (setup.partitions == 1 ? " partition" : " partitions")
                + ", replication factor " + setup.replicationFactor + ", min.insync.replicas " + setup.minInsyncReplicas
                + "; acks=" + setup.acks + ", idempotence " + (setup.idempotence ? "on" : "off") + ", "
                + String.format("%.0f", setup.ratePerSec) + " records/s");
        table.line("Failed broker " + failed.broker + " (leader of partition 0) by " + failed.how + " (took " + failed.killTookMs + " ms); "
                + failed.newLeaderVisibleMs.map(ms -> "new leader " + leadersAfter.getOrDefault(0, -1) + " visible in metadata after " + ms + " ms")
                        .orElse("no new leader of partition 0 showed in metadata"));
        table.line("");
        windows.forEach((p, w) -> table.row(p, failed.leadersBefore.getOrDefault(p, -1), leaderName(leadersAfter.getOrDefault(p, -1)),
                w.lastAckBeforeMs().map(t -> signedMs(t - failed.atMs)).orElse("-"),
                w.firstAckAfterMs().map(t -> signedMs(t - failed.atMs)).orElse("none"),
                w.lengthMs().map(ms -> ms + " ms").orElse("not recovered")));
        table.footer("");
        table.footer("Unavailable: " + Windows.overallMs(windows).map(ms -> ms + " ms (the longest partition's silence between two acknowledgements)")
                .orElse("a partition did not recover within --recovery-timeout-ms"));
        table.footer("Records: " + sent + " sent, " + accounting.acknowledged() + " acknowledged, " + sendFailures + " failed"
                + firstSendError.map(e -> " (first: " + e + ")").orElse("") + ", " + accounting.consumed() + " consumed");
        table.footer("Acknowledged but lost: " + accounting.lost()
                + (accounting.lostSamples().isEmpty() ? "" : " (sequence numbers " + accounting.lostSamples() + (accounting.lost() > accounting.lostSamples().size() ? " ..." : "") + ")")
                + ", duplicates: " + accounting.duplicates() + ", reordered: " + accounting.reordered()
                + ", written though not acknowledged: " + accounting.unacknowledgedButWritten());
        if (lossAllowedByAcks()) {
            table.footer("With acks=" + setup.acks + " Kafka does not promise that an acknowledged record survives its leader's failure:"
                    + " losses here are allowed; use acks=all for the guarantee.");
        }
        if (!setup.idempotence) {
            table.footer("Without idempotence a retried write may be written twice or after a later one: duplicates and reordering"
                    + " here are allowed; enable.idempotence=true prevents both.");
        }
        table.footer(switch (exitStatus()) {
            case LOST -> "LOST: " + accounting.lost() + " acknowledged record(s) are not in the log (exit status " + LOST + ").";
            case NOT_RECOVERED -> "NOT RECOVERED: a partition acknowledged nothing after the failure (exit status " + NOT_RECOVERED + ").";
            default -> "PASSED: every acknowledged record was read back, and every partition recovered.";
        });
        table.footer("Topic " + (topicDeleted ? "deleted." : "'" + setup.topic + "' kept."));
        failed.bringBack.ifPresent(hint -> table.footer("Broker " + failed.broker + " is down: " + hint + "."));
        return table;
    }

    private static String signedMs(long ms) {
        return (ms >= 0 ? "+" : "") + ms + " ms";
    }

    private static String leaderName(int leader) {
        return leader < 0 ? "none" : Integer.toString(leader);
    }
}
