package io.tributary.bench.failover;

import io.tributary.bench.load.Ack;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverAnalysisTest {

    private static final TopicPartition C0 = new TopicPartition("C", 0);
    private static final TopicPartition A1 = new TopicPartition("A", 1);

    private static Ack acked(TopicPartition partition, String value, long ackNs, long offset) {
        return new Ack(partition, value, ackNs - 1, ackNs, offset, null);
    }

    @Test
    void failoverIsTheFirstAckInANewerEpochAfterTheSignal() {
        // Offsets 0-1 in epoch 3 (the victim's), 2 acked after the signal but still by the old leader
        // (a controlled shutdown), 3-4 in epoch 4, acknowledged out of order.
        List<Ack> acks = List.of(acked(C0, "a", 100, 0), acked(C0, "b", 200, 1), acked(C0, "c", 1_100, 2),
                acked(C0, "e", 1_900, 4), acked(C0, "d", 1_700, 3));
        List<ReadBack.Stored> stored = List.of(new ReadBack.Stored(0, 3, "a"), new ReadBack.Stored(1, 3, "b"),
                new ReadBack.Stored(2, 3, "c"), new ReadBack.Stored(3, 4, "d"), new ReadBack.Stored(4, 4, "e"));

        assertThat(FailoverAnalysis.firstAckByNewLeaderNs(acks, stored, 1_000)).hasValue(1_700);
    }

    @Test
    void noFailoverFigureWithoutANewerEpoch() {
        List<Ack> acks = List.of(acked(C0, "a", 100, 0), acked(C0, "b", 1_500, 1));
        List<ReadBack.Stored> stored = List.of(new ReadBack.Stored(0, 3, "a"), new ReadBack.Stored(1, 3, "b"));

        assertThat(FailoverAnalysis.firstAckByNewLeaderNs(acks, stored, 1_000)).isEmpty();
    }

    @Test
    void longestGapCountsAGapStraddlingTheSignalAndOneStillOpenAtTheEnd() {
        Map<TopicPartition, List<Ack>> byPartition = Map.of(
                C0, List.of(acked(C0, "a", 900, 0), acked(C0, "b", 1_600, 1), acked(C0, "c", 1_700, 2)),
                A1, List.of(acked(A1, "x", 950, 0), acked(A1, "y", 1_050, 1)));

        assertThat(FailoverAnalysis.longestAckGapNs(byPartition, List.of(C0), 1_000, 2_000)).isEqualTo(700);
        assertThat(FailoverAnalysis.longestAckGapNs(byPartition, List.of(A1), 1_000, 2_000)).isEqualTo(950);
        assertThat(FailoverAnalysis.longestAckGapNs(byPartition, List.of(C0, A1), 1_000, 1_500)).isEqualTo(600);
    }

    @Test
    void integrityCountsLostDuplicatedMisplacedAndUnacknowledged() {
        List<Ack> acks = List.of(acked(C0, "a", 1, 0), acked(C0, "b", 2, 1), acked(C0, "c", 3, 2), acked(C0, "d", 4, 5),
                new Ack(C0, "e", 5, 6, -1, "TimeoutException: expired"), new Ack(C0, "f", 6, -1, -1, null));
        Map<TopicPartition, List<ReadBack.Stored>> stored = Map.of(C0, List.of(new ReadBack.Stored(0, 1, "a"),
                new ReadBack.Stored(1, 1, "b"), new ReadBack.Stored(2, 1, "b"), new ReadBack.Stored(3, 1, "d"),
                new ReadBack.Stored(4, 1, "b")));

        FailoverAnalysis.Integrity integrity = FailoverAnalysis.integrity(acks, stored);

        assertThat(integrity).isEqualTo(new FailoverAnalysis.Integrity(4, 1, 2, 1, 1, 1));
    }
}
