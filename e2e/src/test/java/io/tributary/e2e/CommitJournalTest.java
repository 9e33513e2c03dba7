package io.tributary.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The journal's checks catch what they are for: a lost acknowledged commit and a skipped record. */
class CommitJournalTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);

    @Test
    void aCleanHandOverResumesAtTheAcknowledgedCommitWithNoViolation() {
        CommitJournal journal = new CommitJournal();
        consume(journal, "a", 0, 10);
        journal.acknowledged("a", 1, 2, Map.of(P0, new OffsetAndMetadata(10)));
        consume(journal, "a", 10, 12); // read, never committed: may come again
        journal.revoked("a", Set.of(P0));
        journal.assigned("b", Set.of(P0));
        consume(journal, "b", 10, 15);
        journal.acknowledged("b", 3, 4, Map.of(P0, new OffsetAndMetadata(15)));

        assertThat(journal.violations()).isEmpty();
        assertThat(journal.redeliveries()).isEqualTo(2);
        assertThat(journal.firstNeverConsumed(P0, 15)).isEqualTo(-1);
        assertThat(journal.resumePoints()).extracting(CommitJournal.ResumePoint::firstOffset, CommitJournal.ResumePoint::ackedCommitThen)
                .containsExactly(tuple(0L, 0L), tuple(10L, 10L));
    }

    @Test
    void aRecordBelowAnAcknowledgedCommitIsALostCommit() {
        CommitJournal journal = new CommitJournal();
        consume(journal, "a", 0, 10);
        journal.acknowledged("a", 1, 2, Map.of(P0, new OffsetAndMetadata(10)));
        journal.assigned("b", Set.of(P0));
        consume(journal, "b", 7, 8);

        assertThat(journal.violations()).singleElement().asString().contains("offset 7, below the acknowledged commit 10");
    }

    @Test
    void aCommitPastAnOffsetNoMemberReadIsASkippedRecord() {
        CommitJournal journal = new CommitJournal();
        consume(journal, "a", 0, 5);
        journal.acknowledged("a", 1, 2, Map.of(P0, new OffsetAndMetadata(5)));
        journal.assigned("b", Set.of(P0));
        consume(journal, "b", 6, 9);
        journal.acknowledged("b", 3, 4, Map.of(P0, new OffsetAndMetadata(9)));

        assertThat(journal.violations()).singleElement().asString().contains("offset 5 was never consumed");
        assertThat(journal.firstNeverConsumed(P0, 9)).isEqualTo(5);
    }

    private static void consume(CommitJournal journal, String member, long from, long to) {
        if (from == 0) {
            journal.assigned(member, Set.of(P0));
        }
        for (long offset = from; offset < to; offset++) {
            journal.consumed(member, P0, offset);
        }
    }
}
