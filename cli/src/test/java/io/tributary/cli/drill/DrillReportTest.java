package io.tributary.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdict a CI job gates on: a lost acknowledged record is 3, a partition that never recovered 4, and the report says which. */
class DrillReportTest {
    @Test
    void aCleanFailoverPassesWithTheWindowInTheJson() {
        DrillReport report = report("all", true, new Ledger.Accounting(100, 100, 0, List.of(), 0, 0, 0), List.of(1000L, 1010L, 1900L));
        assertThat(report.exitStatus()).isEqualTo(DrillReport.PASSED);
        Map<String, Object> json = report.json();
        assertThat(json).containsEntry("verdict", "passed").containsEntry("unavailableMs", Optional.of(890L))
                .containsEntry("oldLeader", 2).containsEntry("newLeader", 3).containsEntry("lossAllowedByAcks", false);
        assertThat(table(report)).contains("PASSED").contains("890 ms").doesNotContain("allowed");
    }

    @Test
    void aLostAcknowledgedRecordIsExitStatusThreeAndWithAcksOneTheReportSaysKafkaAllowsIt() {
        DrillReport report = report("1", false, new Ledger.Accounting(100, 99, 1, List.of(42L), 0, 2, 0), List.of(1000L, 1900L));
        assertThat(report.exitStatus()).isEqualTo(DrillReport.LOST);
        assertThat(report.json()).containsEntry("verdict", "lost-acknowledged-records").containsEntry("lossAllowedByAcks", true)
                .containsEntry("duplicatesAndReorderingAllowed", true);
        assertThat(table(report)).contains("LOST: 1 acknowledged record(s)").contains("sequence numbers [42]")
                .contains("With acks=1 Kafka does not promise").contains("Without idempotence");
    }

    @Test
    void aPartitionWithNoAckAfterTheFailureIsExitStatusFour() {
        DrillReport report = report("all", true, new Ledger.Accounting(50, 50, 0, List.of(), 0, 0, 0), List.of(900L, 1000L));
        assertThat(report.exitStatus()).isEqualTo(DrillReport.NOT_RECOVERED);
        assertThat(report.json()).containsEntry("verdict", "not-recovered").containsEntry("unavailableMs", Optional.empty());
        assertThat(table(report)).contains("NOT RECOVERED").contains("not recovered");
    }

    /** One partition, broker 2 failed at drill ms 1005, led by 3 afterwards, acknowledged at {@code ackTimes}. */
    private static DrillReport report(String acks, boolean idempotence, Ledger.Accounting accounting, List<Long> ackTimes) {
        DrillReport.Setup setup = new DrillReport.Setup("t", 1, 3, 2, acks, idempotence, 200);
        DrillReport.Failed failed = new DrillReport.Failed(2, "SIGKILL to ./tributary dev's node 2", 1005, 3, Map.of(0, 2),
                Optional.of(400L), Optional.empty());
        return new DrillReport(setup, failed, Windows.of(Map.of(0, ackTimes), List.of(0), 1005), Map.of(0, 3), accounting,
                accounting.acknowledged(), 0, Optional.empty(), true);
    }

    private static String table(DrillReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.table().print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
