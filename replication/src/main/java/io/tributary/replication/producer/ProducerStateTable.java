package io.tributary.replication.producer;

import io.tributary.common.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The idempotence state of one partition: for each producer id, its epoch and its last five
 * batches. It is a pure state machine: no clock, no files; the caller passes times in and
 * persists snapshots it asks for.
 *
 * <p>Two ways in, matching the two ways batches reach a log:
 * <ul>
 *   <li>On the leader, a produce request is checked against a scratch view first
 *       ({@link #plan()}), appended, and only then committed, so a request that fails half way
 *       leaves the table untouched.</li>
 *   <li>On followers and during recovery, {@link #replay} records what the log already holds,
 *       without checks: the leader checked it when it was written.</li>
 * </ul>
 *
 * <p>The rules follow Kafka's: an older epoch is fenced ({@code INVALID_PRODUCER_EPOCH}); a new
 * epoch must start at sequence 0; within an epoch a batch must continue the last sequence, and a
 * batch equal to one of the last five is a duplicate answered with its original offsets. A
 * producer the partition does not know is accepted at any sequence, because its state may have
 * expired, which must not stall a live producer (KIP-360).
 *
 * <p>A producer is forgotten only when it expires ({@code producer.id.expiration.ms}) or when the
 * log it was learned from is emptied or cut below all its batches. Retention deleting its batches
 * does not forget it, as in Kafka since KIP-360: otherwise a retry of its last batch would be
 * written again, and a gap in its sequence would pass unseen.
 */
public final class ProducerStateTable {

    private final Map<Long, ProducerEntry> producers = new HashMap<>();

    /** The number of producer ids tracked. */
    public int size() {
        return producers.size();
    }

    public ProducerEntry entry(long producerId) {
        return producers.get(producerId);
    }

    public Collection<ProducerEntry> entries() {
        return Collections.unmodifiableCollection(producers.values());
    }

    /** Starts checking one produce request's batches for this partition. */
    public AppendPlan plan() {
        return new AppendPlan();
    }

    /**
     * Records a batch that is already in the log (follower append, recovery scan) without checking
     * it. A batch without a producer id is ignored.
     */
    public void replay(long producerId, short epoch, int firstSeq, int lastSeq, long firstOffset, long lastOffset,
                       long timestampMs) {
        if (producerId < 0) {
            return;
        }
        ProducerEntry e = producers.computeIfAbsent(producerId, id -> new ProducerEntry(id, epoch));
        if (epoch < e.epoch()) {
            // A stale epoch in the log can only come from a bug upstream; refusing it keeps the table honest.
            throw new IllegalStateException("producer " + producerId + " replayed epoch " + epoch
                    + " below its current epoch " + e.epoch() + " at offset " + firstOffset);
        }
        e.bumpEpoch(epoch);
        e.add(new BatchMetadata(firstSeq, lastSeq, firstOffset, lastOffset, timestampMs));
    }

    /** Forgets every batch at or above {@code offset} (log truncation); producers left with nothing are dropped. */
    public void truncateFrom(long offset) {
        producers.values().removeIf(e -> e.truncateFrom(offset));
    }

    /**
     * A follower's log was cut at {@code offset}: when every producer with a batch at or above it still
     * retains a batch below it, forgetting those batches leaves each producer exactly as it was after
     * its last batch below the cut (its epoch too: a new epoch forgets the older batches, so a producer
     * whose epoch changed above the cut retains none below it). Then this truncates and returns true.
     * Otherwise (a producer first seen above the cut, or one whose retained batches all lie above it)
     * it changes nothing and returns false: only a reload from a snapshot and the log knows that
     * producer's state. The last timestamp stays as it was, which can only delay an expiration.
     */
    public boolean truncateTailIfRetained(long offset) {
        for (ProducerEntry e : producers.values()) {
            if (e.lastOffset() >= offset && !e.retainsBatchBelow(offset)) {
                return false;
            }
        }
        truncateFrom(offset);
        return true;
    }

    /**
     * After the table was reloaded from a snapshot and the log (a truncation), puts back each producer
     * of {@code previous} (the table before the reload) that the reload did not find and whose batches
     * all lie below {@code logEndOffset}: a truncation there did not touch it, but its batches and the
     * snapshots after them may have gone with retention, leaving the reload blind to it. Returns how
     * many came back.
     */
    public int restoreUntouched(Collection<ProducerEntry> previous, long logEndOffset) {
        int restored = 0;
        for (ProducerEntry e : previous) {
            if (!producers.containsKey(e.producerId()) && e.lastOffset() >= 0 && e.lastOffset() < logEndOffset) {
                producers.put(e.producerId(), e.copy());
                restored++;
            }
        }
        return restored;
    }

    /** Drops producers not heard from for {@code expirationMs} ({@code producer.id.expiration.ms}); returns how many. */
    public int expire(long nowMs, long expirationMs) {
        int removed = 0;
        for (Iterator<ProducerEntry> it = producers.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().lastTimestampMs() > expirationMs) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** Replaces the whole state, as loaded from a snapshot. */
    public void restore(Collection<ProducerEntry> entries) {
        producers.clear();
        for (ProducerEntry e : entries) {
            producers.put(e.producerId(), e);
        }
    }

    static boolean inSequence(int lastSeq, int nextSeq) {
        return nextSeq == lastSeq + 1 || (lastSeq == Integer.MAX_VALUE && nextSeq == 0);
    }

    /**
     * A scratch view for one produce request: {@link #check} each batch in order, append the
     * accepted ones, {@link #record} their offsets, then {@link #commit}. Until the commit the
     * table is untouched, so abandoning a plan (a failed append) needs no undo.
     *
     * <p>Legal order: {@code check*} then {@code record} for every accepted batch, then {@code commit}
     * once. A commit with an accepted batch left unrecorded is refused.
     */
    public final class AppendPlan {

        private record Pending(long producerId, short epoch, int firstSeq, int lastSeq, long[] offsets) {
        }

        private final List<Pending> accepted = new ArrayList<>(1);
        private boolean committed;

        private Pending lastPendingOf(long producerId) {
            for (int i = accepted.size() - 1; i >= 0; i--) {
                if (producerId >= 0 && accepted.get(i).producerId == producerId) {
                    return accepted.get(i);
                }
            }
            return null;
        }

        /**
         * Checks the next batch of the request. On {@code Accept} the batch becomes part of the plan and
         * gets the next index (0, 1, ...), which {@link #record} takes; batches without a producer id
         * are always accepted and take an index too.
         */
        public ProducerCheck check(long producerId, short epoch, int firstSeq, int lastSeq) {
            if (committed) {
                throw new IllegalStateException("plan already committed");
            }
            if (producerId < 0) {
                // Not idempotent: nothing to check, but it still takes an index so callers count simply.
                accepted.add(new Pending(producerId, epoch, firstSeq, lastSeq, null));
                return ProducerCheck.ACCEPT;
            }
            Pending pending = lastPendingOf(producerId);
            ProducerEntry entry = producers.get(producerId);
            short currentEpoch;
            int currentLastSeq;
            if (pending != null) {
                currentEpoch = pending.epoch;
                currentLastSeq = pending.lastSeq;
            } else if (entry != null) {
                currentEpoch = entry.epoch();
                currentLastSeq = entry.lastSeq();
            } else {
                accepted.add(new Pending(producerId, epoch, firstSeq, lastSeq, null));
                return ProducerCheck.ACCEPT;
            }
            if (epoch < currentEpoch) {
                return new ProducerCheck.Reject(ErrorCode.INVALID_PRODUCER_EPOCH,
                        "producer " + producerId + " epoch " + epoch + " is older than the current epoch " + currentEpoch);
            }
            if (epoch > currentEpoch) {
                if (firstSeq != 0) {
                    return new ProducerCheck.Reject(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                            "producer " + producerId + " starts epoch " + epoch + " at sequence " + firstSeq + ", expected 0");
                }
            } else {
                if (pending == null) {
                    BatchMetadata dup = entry.findDuplicate(firstSeq, lastSeq);
                    if (dup != null) {
                        return new ProducerCheck.Duplicate(dup.firstOffset(), dup.lastOffset(), dup.timestampMs());
                    }
                }
                if (currentLastSeq == -1 ? firstSeq != 0 : !inSequence(currentLastSeq, firstSeq)) {
                    return new ProducerCheck.Reject(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
                            "producer " + producerId + " epoch " + epoch + " sent sequence " + firstSeq
                                    + " after " + currentLastSeq);
                }
            }
            accepted.add(new Pending(producerId, epoch, firstSeq, lastSeq, null));
            return ProducerCheck.ACCEPT;
        }

        /** The number of accepted batches so far. */
        public int acceptedCount() {
            return accepted.size();
        }

        /** Gives the {@code index}-th accepted batch (0-based, in check order) the offsets the log assigned it. */
        public void record(int index, long firstOffset, long lastOffset, long timestampMs) {
            Pending p = accepted.get(index);
            if (p.offsets != null) {
                throw new IllegalStateException("batch " + index + " recorded twice");
            }
            accepted.set(index, new Pending(p.producerId, p.epoch, p.firstSeq, p.lastSeq,
                    new long[] {firstOffset, lastOffset, timestampMs}));
        }

        /** Applies the plan to the table. */
        public void commit() {
            if (committed) {
                throw new IllegalStateException("plan already committed");
            }
            for (int i = 0; i < accepted.size(); i++) {
                if (accepted.get(i).offsets == null) {
                    throw new IllegalStateException("batch " + i + " was accepted but never recorded");
                }
            }
            committed = true;
            for (Pending p : accepted) {
                // replay ignores batches without a producer id.
                replay(p.producerId, p.epoch, p.firstSeq, p.lastSeq, p.offsets[0], p.offsets[1], p.offsets[2]);
            }
        }
    }
}
