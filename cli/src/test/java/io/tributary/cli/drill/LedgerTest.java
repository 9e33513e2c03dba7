package io.tributary.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.drill.Ledger.Ack;
import io.tributary.cli.drill.Ledger.Read;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drill's accounting from given sequences: what counts as lost, duplicated, reordered. */
class LedgerTest {
    @Test
    void aCleanRunHasNothingLostDuplicatedOrReordered() {
        Ledger.Accounting a = Ledger.account(acks(0, 6, 2), reads(0, 6, 2));
        assertThat(a).isEqualTo(new Ledger.Accounting(6, 6, 0, List.of(), 0, 0, 0));
    }

    @Test
    void anAcknowledgedRecordMissingFromTheLogIsLostAndNamed() {
        List<Read> reads = new ArrayList<>(reads(0, 6, 2));
        reads.removeIf(r -> r.seq() == 3);
        Ledger.Accounting a = Ledger.account(acks(0, 6, 2), reads);
        assertThat(a.lost()).isEqualTo(1);
        assertThat(a.lostSamples()).containsExactly(3L);
        assertThat(a.consumed()).isEqualTo(5);
    }

    @Test
    void aSequenceWrittenAtTwoOffsetsIsADuplicateButTheSameOffsetReadTwiceIsNot() {
        List<Read> reads = new ArrayList<>(List.of(new Read(0, 0, 0), new Read(0, 1, 1), new Read(0, 2, 1), new Read(0, 3, 2)));
        // The consumer re-read offset 3 (a retried fetch): the log still holds it once.
        reads.add(new Read(0, 3, 2));
        Ledger.Accounting a = Ledger.account(acks(0, 3, 1), reads);
        assertThat(a.duplicates()).isEqualTo(1);
        assertThat(a.consumed()).isEqualTo(4);
        assertThat(a.reordered()).isZero();
        assertThat(a.lost()).isZero();
    }

    @Test
    void aLowerSequenceAfterAHigherOneInAPartitionIsReorderedAndPartitionsAreJudgedApart() {
        // Partition 0 holds 0, 4, 2 (2 came after 4: one reordered); partition 1 holds 1, 3, 5 in order.
        List<Read> reads = List.of(new Read(0, 0, 0), new Read(0, 1, 4), new Read(0, 2, 2), new Read(1, 0, 1), new Read(1, 1, 3), new Read(1, 2, 5));
        Ledger.Accounting a = Ledger.account(acks(0, 6, 2), reads);
        assertThat(a.reordered()).isEqualTo(1);
        assertThat(a.duplicates()).isZero();
        assertThat(a.lost()).isZero();
    }

    @Test
    void readsAreJudgedInOffsetOrderNotInTheOrderTheyArrived() {
        List<Read> reads = List.of(new Read(0, 2, 2), new Read(0, 0, 0), new Read(0, 1, 1));
        assertThat(Ledger.account(acks(0, 3, 1), reads).reordered()).isZero();
    }

    @Test
    void aWrittenRecordWhoseSendFailedIsCountedButNotLost() {
        List<Ack> acks = new ArrayList<>(acks(0, 4, 1));
        acks.removeIf(a -> a.seq() == 2);
        Ledger.Accounting a = Ledger.account(acks, reads(0, 4, 1));
        assertThat(a.unacknowledgedButWritten()).isEqualTo(1);
        assertThat(a.lost()).isZero();
        assertThat(a.acknowledged()).isEqualTo(3);
    }

    @Test
    void theLostCountIsExactButOnlyTheFirstFewAreNamed() {
        Ledger.Accounting a = Ledger.account(acks(0, 50, 1), List.of());
        assertThat(a.lost()).isEqualTo(50);
        assertThat(a.lostSamples()).hasSize(Ledger.SAMPLES_MAX).startsWith(0L, 1L, 2L);
    }

    /** Acknowledgements of sequences [from, to), spread over the partitions as the drill sends them, one ms apart. */
    private static List<Ack> acks(long from, long to, int partitions) {
        List<Ack> acks = new ArrayList<>();
        for (long s = from; s < to; s++) {
            acks.add(new Ack(s, (int) (s % partitions), s / partitions, s));
        }
        return acks;
    }

    /** The same sequences, read at the offsets they were acknowledged at. */
    private static List<Read> reads(long from, long to, int partitions) {
        return acks(from, to, partitions).stream().map(a -> new Read(a.partition(), a.offset(), a.seq())).toList();
    }
}
