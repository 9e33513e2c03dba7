package io.tributary.sim;

import io.tributary.metadata.image.PartitionRegistration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the checker knows about one partition: the committed history (every batch any replica
 * has counted as below its high watermark, contiguous from offset 0), the leader of each epoch,
 * the high watermark of each epoch, every ISR the controller committed, and the acks=all
 * acknowledgements sent.
 */
final class PartitionHistory {

    /** One acks=all acknowledgement, as the leader sent it. */
    static final class Ack {
        final Batch batch;
        final int leaderId;
        final int leaderEpoch;

        Ack(Batch batch, int leaderId, int leaderEpoch) {
            this.batch = batch;
            this.leaderId = leaderId;
            this.leaderEpoch = leaderEpoch;
        }

        @Override
        public String toString() {
            return batch + " acked by b" + leaderId + " in epoch " + leaderEpoch;
        }
    }

    final int partition;
    final List<Batch> committed = new ArrayList<>();
    long maxHighWatermark;
    /** The lowest offset a crash cut from any replica (Long.MAX_VALUE if none did). */
    long lostToCrashFromOffset = Long.MAX_VALUE;
    /** Every ISR copy of committed batches was lost to crashes: Kafka promises nothing then, so history checks stop. */
    boolean lossExcused;
    final Map<Integer, Integer> leaderOfEpoch = new TreeMap<>();
    final TreeMap<Integer, Long> highWatermarkOfEpoch = new TreeMap<>();
    final Set<String> committedIsrs = new HashSet<>();
    /** The controller's last committed leader and ISR (to tell an unclean election or a fencing). */
    int controllerLeader = -1;
    /** The newest leader epoch the controller granted by an unclean election, or -1. */
    int uncleanElectionEpoch = -1;
    Set<Integer> controllerIsr = Set.of();
    Set<Integer> controllerElr = Set.of();
    Set<Integer> controllerLastKnownElr = Set.of();
    /** The controller's last committed registration of the partition (to tell how a reassignment went), or null. */
    PartitionRegistration controllerRegistration;
    int controllerLeaderEpoch = -1;
    int controllerPartitionEpoch = -1;
    /** Acks by base offset. */
    final Map<Long, Ack> acks = new TreeMap<>();
    /** acks=all answers from leaders whose epoch the controller had already superseded, checked after the event. */
    final List<Ack> deposedAcks = new ArrayList<>();

    PartitionHistory(int partition) {
        this.partition = partition;
    }

    long committedEnd() {
        return committed.isEmpty() ? 0 : committed.get(committed.size() - 1).nextOffset();
    }

    /** The committed batch starting at {@code offset}, or null. */
    Batch committedAt(long offset) {
        int lo = 0;
        int hi = committed.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long base = committed.get(mid).baseOffset();
            if (base < offset) {
                lo = mid + 1;
            } else if (base > offset) {
                hi = mid - 1;
            } else {
                return committed.get(mid);
            }
        }
        return null;
    }

    static String isrKey(int leaderEpoch, Set<Integer> isr) {
        return leaderEpoch + ":" + new java.util.TreeSet<>(isr);
    }
}
