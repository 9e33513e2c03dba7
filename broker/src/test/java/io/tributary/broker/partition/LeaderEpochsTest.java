package io.tributary.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.log.EpochEndOffset;
import io.tributary.log.EpochEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderEpochsTest {

    private static final List<EpochEntry> CACHE = List.of(new EpochEntry(1, 0), new EpochEntry(3, 10), new EpochEntry(4, 15));

    @Test
    void withTheCurrentEpochCachedTheCacheAnswersAsKafkaDoes() {
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, 4)).isEqualTo(new EpochEndOffset(4, 20));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, 3)).isEqualTo(new EpochEndOffset(3, 15));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, 2)).isEqualTo(new EpochEndOffset(1, 10));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, 0)).as("older than every entry: the requested epoch, ending at the first start")
                .isEqualTo(new EpochEndOffset(0, 0));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, 5)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 4, 20, -1)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(LeaderEpochs.startOffset(CACHE, 4, 20)).isEqualTo(15L);
    }

    @Test
    void anEpochNotWrittenYetStartsAtTheLogEnd() {
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 6, 20, 6)).isEqualTo(new EpochEndOffset(6, 20));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 6, 20, 5)).isEqualTo(new EpochEndOffset(4, 20));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 6, 20, 4)).isEqualTo(new EpochEndOffset(4, 20));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 6, 20, 3)).isEqualTo(new EpochEndOffset(3, 15));
        assertThat(LeaderEpochs.endOffsetFor(CACHE, 6, 20, 7)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(LeaderEpochs.startOffset(CACHE, 6, 20)).isEqualTo(20L);
    }

    @Test
    void anEmptyLog() {
        assertThat(LeaderEpochs.endOffsetFor(List.of(), -1, 0, 0)).as("not leading, nothing known").isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(LeaderEpochs.endOffsetFor(List.of(), 2, 0, 2)).isEqualTo(new EpochEndOffset(2, 0));
        assertThat(LeaderEpochs.endOffsetFor(List.of(), 2, 0, 1)).isEqualTo(new EpochEndOffset(1, 0));
        assertThat(LeaderEpochs.startOffset(List.of(), 2, 0)).isZero();
    }
}
