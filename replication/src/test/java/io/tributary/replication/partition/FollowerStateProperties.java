package io.tributary.replication.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A follower whose log carries a previous leader's divergent tail fetches from a new leader (clean
 * election: both hold the committed prefix) until it has caught up, while the leader keeps
 * appending. The follower must converge on the leader's log, never cut below its own high
 * watermark, keep its high watermark within its log end and never let it go backwards, and hold the
 * leader's exact records below it (invariant 4).
 *
 * <p>A log is modelled as the leader epoch of each offset; a record is one batch.
 */
class FollowerStateProperties {

    @Property(tries = 200)
    void aFollowerConvergesOnTheLeadersLog(@ForAll long seed) {
        Random random = new Random(seed);
        List<Integer> prefix = epochs(random, 0, 2, random.nextInt(30));
        int oldEpoch = 2;
        List<Integer> leaderLog = new ArrayList<>(prefix);
        leaderLog.addAll(epochs(random, 3, 5, random.nextInt(20)));
        List<Integer> followerLog = new ArrayList<>(prefix);
        for (int i = random.nextInt(15); i > 0; i--) {
            followerLog.add(oldEpoch); // written by the old leader, never reached the new one
        }
        long leaderHw = random.nextInt(prefix.size() + 1);
        FollowerState f = new FollowerState(1, 5, followerLog.size(), random.nextInt((int) leaderHw + 1));

        for (int round = 0; round < 200; round++) {
            if (random.nextInt(4) == 0) {
                leaderLog.add(5);
            }
            leaderHw = Math.min(leaderLog.size(), leaderHw + random.nextInt(4));
            long hwBefore = f.highWatermark();
            FollowerAction action = f.onFetchResponse(leaderAnswer(random, leaderLog, followerLog, f.fetchOffset(), leaderHw),
                    epoch -> endOffsetFor(followerLog, epoch));
            if (action instanceof FollowerAction.Append a) {
                for (long o = a.baseOffset(); o < a.nextOffset(); o++) {
                    followerLog.add(leaderLog.get((int) o));
                }
                f.onAppended(followerLog.size());
            } else if (action instanceof FollowerAction.Truncate t) {
                assertThat(t.belowHighWatermark()).as("a clean election never cuts committed records").isFalse();
                followerLog.subList((int) t.truncateToOffset(), followerLog.size()).clear();
                f.onTruncated(followerLog.size());
            }
            assertThat(f.logEndOffset()).isEqualTo(followerLog.size());
            assertThat(f.highWatermark()).isLessThanOrEqualTo(f.logEndOffset()).isGreaterThanOrEqualTo(hwBefore)
                    .isLessThanOrEqualTo(leaderHw);
            assertThat(followerLog.subList(0, (int) f.highWatermark()))
                    .as("below the high watermark the follower holds the leader's records")
                    .isEqualTo(leaderLog.subList(0, (int) f.highWatermark()));
        }
        // Drain: a leader that stops appending is caught up with in a bounded number of fetches.
        for (int round = 0; round < 100 && !followerLog.equals(leaderLog); round++) {
            FollowerAction action = f.onFetchResponse(leaderAnswer(random, leaderLog, followerLog, f.fetchOffset(), leaderHw),
                    epoch -> endOffsetFor(followerLog, epoch));
            if (action instanceof FollowerAction.Append a) {
                followerLog.addAll(leaderLog.subList((int) a.baseOffset(), (int) a.nextOffset()));
                f.onAppended(followerLog.size());
            } else if (action instanceof FollowerAction.Truncate t) {
                followerLog.subList((int) t.truncateToOffset(), followerLog.size()).clear();
                f.onTruncated(followerLog.size());
            }
        }
        assertThat(followerLog).isEqualTo(leaderLog);
        f.onFetchResponse(FetchedPartition.empty(f.fetchOffset(), leaderLog.size()), epoch -> endOffsetFor(followerLog, epoch));
        assertThat(f.highWatermark()).isEqualTo(leaderLog.size());
    }

    /** What the leader answers: a diverging epoch when the follower's last fetched epoch does not line up, else records. */
    private static FetchedPartition leaderAnswer(Random random, List<Integer> leaderLog, List<Integer> followerLog,
                                                 long fetchOffset, long leaderHw) {
        if (!followerLog.isEmpty()) {
            int lastFetchedEpoch = followerLog.get(followerLog.size() - 1);
            Optional<EpochEndOffset> leaderEnd = endOffsetFor(leaderLog, lastFetchedEpoch);
            if (leaderEnd.isEmpty()) {
                return FetchedPartition.diverging(fetchOffset, leaderHw, new EpochEndOffset(0, 0));
            }
            if (leaderEnd.get().epoch() != lastFetchedEpoch || leaderEnd.get().endOffset() < fetchOffset) {
                return FetchedPartition.diverging(fetchOffset, leaderHw, leaderEnd.get());
            }
        }
        if (fetchOffset == leaderLog.size()) {
            return FetchedPartition.empty(fetchOffset, leaderHw);
        }
        long next = Math.min(leaderLog.size(), fetchOffset + 1 + random.nextInt(5));
        return FetchedPartition.records(fetchOffset, leaderHw, fetchOffset, next);
    }

    /** The largest epoch at or below {@code epoch} in a log and the offset where it ends, as a leader-epoch cache answers. */
    private static Optional<EpochEndOffset> endOffsetFor(List<Integer> log, int epoch) {
        int found = -1;
        for (int e : log) {
            if (e <= epoch) {
                found = e;
            }
        }
        if (found < 0) {
            // Only newer epochs (or none): the log's cache answers the asked epoch, ending where the log starts.
            return log.isEmpty() ? Optional.empty() : Optional.of(new EpochEndOffset(epoch, 0));
        }
        long end = log.size();
        for (int o = 0; o < log.size(); o++) {
            if (log.get(o) > found) {
                end = o;
                break;
            }
        }
        return Optional.of(new EpochEndOffset(found, end));
    }

    private static List<Integer> epochs(Random random, int lowest, int highest, int count) {
        List<Integer> epochs = new ArrayList<>();
        int epoch = lowest;
        for (int i = 0; i < count; i++) {
            if (epoch < highest && random.nextInt(5) == 0) {
                epoch++;
            }
            epochs.add(epoch);
        }
        return epochs;
    }
}
