package io.tributary.sim;

import io.tributary.replication.partition.EpochEndOffset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated log keeps PartitionLog's contract, and its disk lies only about the unflushed tail. */
class SimLogTest {

    private static SimLog logWithEpochs() {
        SimLog log = new SimLog();
        log.appendAsLeader(2, -1, (short) 0, -1, 1, 0);   // [0, 2) epoch 0
        log.appendAsLeader(1, -1, (short) 0, -1, 2, 0);   // [2, 3) epoch 0
        log.appendAsLeader(3, -1, (short) 0, -1, 3, 2);   // [3, 6) epoch 2
        log.appendAsLeader(1, -1, (short) 0, -1, 4, 4);   // [6, 7) epoch 4
        return log;
    }

    @Test
    void theLeaderStampsOffsetsAndEpochs() {
        SimLog log = logWithEpochs();
        assertThat(log.logEndOffset()).isEqualTo(7);
        assertThat(log.batchAt(4)).isEqualTo(new Batch(3, 3, 2, -1, (short) 0, -1, 3));
        assertThat(log.epochEntries()).containsExactly(new SimLog.EpochEntry(0, 0), new SimLog.EpochEntry(2, 3),
                new SimLog.EpochEntry(4, 6));
        assertThat(log.lastBatchEpoch()).isEqualTo(4);
    }

    @Test
    void endOffsetForAnswersAsTheLeaderEpochCache() {
        SimLog log = logWithEpochs();
        assertThat(log.endOffsetFor(4)).contains(new EpochEndOffset(4, 7));
        assertThat(log.endOffsetFor(2)).contains(new EpochEndOffset(2, 6));
        assertThat(log.endOffsetFor(3)).as("the largest epoch at or below, ending where the next starts").contains(new EpochEndOffset(2, 6));
        assertThat(log.endOffsetFor(5)).as("newer than any known").isEmpty();
    }

    @Test
    void theFollowersLookupAnswersTheAskedEpochWhenEveryLocalEpochIsNewer() {
        SimLog log = new SimLog();
        log.appendAsLeader(1, -1, (short) 0, -1, 1, 3);
        assertThat(log.localEpochAtOrBelow(1)).contains(new EpochEndOffset(1, 0));
        assertThat(log.localEpochAtOrBelow(3)).contains(new EpochEndOffset(3, 1));
        assertThat(new SimLog().localEpochAtOrBelow(3)).isEmpty();
    }

    @Test
    void truncationCutsWholeBatchesAndTheirEpochs() {
        SimLog log = logWithEpochs();
        assertThat(log.truncateTo(4)).as("the batch holding offset 4 goes whole").isEqualTo(3);
        assertThat(log.epochEntries()).containsExactly(new SimLog.EpochEntry(0, 0));
        assertThat(log.truncateTo(10)).as("nothing past the end to cut").isEqualTo(3);
    }

    @Test
    void followersKeepTheLeadersOffsetsAndEpochs() {
        SimLog leader = logWithEpochs();
        SimLog follower = new SimLog();
        follower.appendAsFollower(leader.read(0, leader.logEndOffset(), 100));
        assertThat(follower.logEndOffset()).isEqualTo(7);
        assertThat(follower.epochEntries()).isEqualTo(leader.epochEntries());
        assertThat(leader.read(3, 6, 100)).as("only whole batches below the bound").hasSize(1);
    }

    @Test
    void aCrashKeepsTheFlushedPrefixAndPerhapsPartOfTheTail() {
        for (long seed = 0; seed < 50; seed++) {
            SimLog log = logWithEpochs();
            log.flush();
            log.appendAsLeader(2, -1, (short) 0, -1, 5, 6);
            log.appendAsLeader(2, -1, (short) 0, -1, 6, 6);
            List<Batch> before = log.read(0, log.logEndOffset(), 100);
            int lost = log.crash(new SplittableRandom(seed));
            assertThat(log.logEndOffset()).isBetween(7L, 11L);
            assertThat(log.read(0, log.logEndOffset(), 100)).isEqualTo(before.subList(0, before.size() - lost));
            Optional<EpochEndOffset> newest = log.endOffsetFor(log.lastBatchEpoch());
            assertThat(newest).as("recovery re-learns the epochs of surviving batches").contains(
                    new EpochEndOffset(log.lastBatchEpoch(), log.logEndOffset()));
        }
    }
}
