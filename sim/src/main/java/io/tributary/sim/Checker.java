package io.tributary.sim;

import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants of docs/ARCHITECTURE.md, checked as the schedule runs:
 * <ol>
 *   <li>At most one leader per partition per leader epoch; epochs only grow (in the controller's
 *       image, and in each replica's role).</li>
 *   <li>A leader's high watermark never goes back within its epoch; when it moves it does not pass
 *       the log end of any member of the controller's committed ISR that is running in the
 *       incarnation the controller knows; a new leader holds every offset any earlier leader
 *       counted committed; and a leader's ISR is one the controller committed for its epoch.</li>
 *   <li>(at the end) every acks=all acknowledgement is readable at its offset.</li>
 *   <li>Below each replica's high watermark its batches are the committed history: checked after
 *       every event, incrementally (each replica remembers how far it was compared).</li>
 * </ol>
 * plus idempotence (no batch of an idempotent producer written twice) and consumers (what they
 * read is the committed history, at their position).
 *
 * <p>Power loss may lose committed records only as Kafka allows it: see {@link #evaluateExcuses}.
 * From then on the partition's history checks stop (the cluster may legitimately rewrite those
 * offsets), and the {@code COMMITTED_LOST_TO_POWER_LOSS} mark counts it.
 */
final class Checker {

    static final boolean DEBUG_EPOCHS = Boolean.getBoolean("sim.debugEpochs");
    private final Simulation sim;
    private final PartitionHistory[] partitions;
    /** The group coordinator's invariant (committed offsets never go back). */
    final CoordinatorChecker coordinator;

    Checker(Simulation sim, int partitionCount) {
        this.sim = sim;
        this.coordinator = new CoordinatorChecker(sim);
        this.partitions = new PartitionHistory[partitionCount];
        for (int p = 0; p < partitionCount; p++) {
            partitions[p] = new PartitionHistory(p);
        }
    }

    PartitionHistory history(int partition) {
        return partitions[partition];
    }

    // ------------------------------------------------------------------ controller

    /**
     * @param image    the state after one record of a committed batch
     * @param batchEnd the state after the whole batch (a fencing may follow the election it caused)
     */
    void onMetadataCommitted(MetadataImage image, MetadataImage batchEnd) {
        for (int p = 0; p < partitions.length; p++) {
            PartitionRegistration reg = sim.topics.registration(image, p);
            if (reg == null) {
                continue;
            }
            PartitionHistory h = partitions[p];
            if (reg.leaderEpoch() < h.controllerLeaderEpoch || reg.partitionEpoch() < h.controllerPartitionEpoch) {
                throw new InvariantViolation("epochs only grow", "partition " + p + " went from leader epoch "
                        + h.controllerLeaderEpoch + " / partition epoch " + h.controllerPartitionEpoch + " to " + reg);
            }
            if (reg.partitionEpoch() != h.controllerPartitionEpoch) {
                h.committedIsrs.add(PartitionHistory.isrKey(reg.leaderEpoch(), Set.copyOf(reg.isr())));
            }
            boolean uncleanAllowed = Boolean.parseBoolean(image.topicConfigs(sim.topics.topic(p))
                    .get(TopicConfigs.UNCLEAN_LEADER_ELECTION_ENABLE));
            if (!reg.hasLeader() && !uncleanAllowed) {
                for (int replica : reg.replicas()) {
                    if (!reg.inIsr(replica) && image.isActiveBroker(replica)) {
                        sim.coverage.hit(Coverage.Mark.UNCLEAN_ELECTION_REFUSED);
                        break;
                    }
                }
            }
            if (reg.leaderEpoch() > h.controllerLeaderEpoch && h.controllerLeaderEpoch >= 0) {
                onElection(h, reg, image, batchEnd, uncleanAllowed);
            }
            if (h.controllerRegistration != null && h.controllerRegistration.isReassigning()) {
                onMoveProgress(h.controllerRegistration, reg);
            }
            h.controllerRegistration = reg;
            h.controllerLeader = reg.leader();
            h.controllerIsr = Set.copyOf(reg.isr());
            h.controllerElr = Set.copyOf(reg.elr());
            h.controllerLastKnownElr = Set.copyOf(reg.lastKnownElr());
            h.controllerLeaderEpoch = reg.leaderEpoch();
            h.controllerPartitionEpoch = reg.partitionEpoch();
            evaluateExcuses(h);
        }
    }

    /**
     * A new leader epoch was committed. A leader from outside the previous ISR is an unclean
     * election: a bug unless the topic allows it, and then any committed record the new leader
     * lacks is lost to that election (allowed; the partition's history checks stop).
     */
    private void onElection(PartitionHistory h, PartitionRegistration reg, MetadataImage image, MetadataImage batchEnd,
                            boolean uncleanAllowed) {
        int old = h.controllerLeader;
        BrokerRegistration oldBroker = old < 0 ? null : batchEnd.broker(old);
        if (old >= 0 && reg.leader() >= 0 && reg.leader() != old && (oldBroker == null || oldBroker.fenced())) {
            sim.coverage.hit(Coverage.Mark.LEADER_ELECTED_AFTER_FENCING);
        }
        if (reg.leader() < 0 || h.controllerIsr.contains(reg.leader())) {
            return;
        }
        Batch last = h.committed.isEmpty() ? null : h.committed.get(h.committed.size() - 1);
        SimBroker elected = sim.brokers[reg.leader()];
        BrokerRegistration electedRegistration = image.broker(reg.leader());
        // A broker that crashed before the controller noticed never leads in that incarnation (it
        // acts only on its current registration); its next registration brings another election.
        boolean running = elected.up && electedRegistration != null && electedRegistration.brokerEpoch() == elected.brokerEpoch;
        boolean holdsCommitted = last == null || !running || holds(elected, h.partition, last);
        if (h.controllerElr.contains(reg.leader())) {
            // KIP-966: an ELR member left the ISR while the ISR was below min.insync.replicas, when
            // the high watermark could not move, so it holds every committed record.
            sim.coverage.hit(h.controllerIsr.isEmpty() ? Coverage.Mark.LEADER_ELECTED_FROM_ELR
                    : Coverage.Mark.LAST_REPLICA_STANDING_ELR_ELECTED);
            if (!h.lossExcused && !holdsCommitted) {
                throw new InvariantViolation("an ELR member elected holds every committed record", "partition " + h.partition
                        + " elected b" + reg.leader() + " from the ELR " + h.controllerElr + " (ISR " + h.controllerIsr
                        + ") but it lacks " + last + ": " + sim.brokers[reg.leader()].replicas.get(h.partition));
            }
            return;
        }
        if (h.controllerLastKnownElr.contains(reg.leader()) && h.controllerIsr.isEmpty()) {
            // No ISR or ELR member is left; the controller trusts the last known leader, loudly. It
            // may lack what it had not flushed when it stopped: such a loss is that choice's.
            sim.coverage.hit(Coverage.Mark.LAST_KNOWN_LEADER_ELECTED);
            if (!h.lossExcused && !holdsCommitted) {
                h.lossExcused = true;
                sim.coverage.hit(Coverage.Mark.COMMITTED_LOST_TO_LAST_KNOWN_LEADER);
            }
            return;
        }
        PartitionRegistration before = h.controllerRegistration;
        if (before != null && before.isReassigning() && !reg.isReassigning()) {
            // The controller committed the leader's ISR expansion (to a replica that caught up) and
            // the move's completion in one change, which moved the leadership off a removed leader
            // to that replica: the leader counted it in its high watermark while the expansion was pending.
            if (!h.lossExcused && !holdsCommitted) {
                throw new InvariantViolation("a leader elected by a completed move holds every committed record", "partition "
                        + h.partition + " moved to b" + reg.leader() + " (" + before + " to " + reg + ") but it lacks " + last
                        + ": " + sim.brokers[reg.leader()].replicas.get(h.partition));
            }
            return;
        }
        if (!uncleanAllowed) {
            throw new InvariantViolation("no unclean election unless the topic allows it", "partition " + h.partition + " elected b"
                    + reg.leader() + " from outside the ISR " + h.controllerIsr + ": " + reg);
        }
        sim.coverage.hit(Coverage.Mark.UNCLEAN_ELECTION_ALLOWED);
        h.uncleanElectionEpoch = reg.leaderEpoch();
        if (!h.lossExcused && !h.committed.isEmpty() && !holds(sim.brokers[reg.leader()], h.partition, h.committed.get(h.committed.size() - 1))) {
            h.lossExcused = true;
            sim.coverage.hit(Coverage.Mark.COMMITTED_LOST_TO_UNCLEAN_ELECTION);
        }
    }

    /** Coverage of a move in progress (KIP-455), from one committed registration to the next. */
    private void onMoveProgress(PartitionRegistration before, PartitionRegistration after) {
        for (int adding : before.addingReplicas()) {
            if (!before.inIsr(adding) && after.inIsr(adding)) {
                sim.coverage.hit(Coverage.Mark.REASSIGNMENT_REPLICA_JOINED_ISR);
            }
        }
        if (!after.isReassigning() && Set.copyOf(after.replicas()).equals(Set.copyOf(before.targetReplicas()))) {
            sim.coverage.hit(Coverage.Mark.REASSIGNMENT_COMPLETED);
            if (before.leader() >= 0 && before.removingReplicas().contains(before.leader()) && after.leader() != before.leader()) {
                sim.coverage.hit(Coverage.Mark.REASSIGNMENT_LEADER_MOVED);
            }
        }
    }

    // ------------------------------------------------------------------ leaders

    void onBecomeLeader(Replica r, Set<Integer> isr) {
        PartitionHistory h = partitions[r.partition];
        Integer previous = h.leaderOfEpoch.putIfAbsent(r.leaderEpoch, r.broker.id);
        if (previous != null && previous != r.broker.id) {
            throw new InvariantViolation("one leader per epoch", "partition " + r.partition + " epoch " + r.leaderEpoch
                    + " is led by b" + previous + " and by b" + r.broker.id);
        }
        onLeaderIsr(r, isr);
        // Only earlier epochs count: a broker behind on metadata may take up an epoch late, after a
        // later epoch's leader has moved on (it is deposed already; it cannot commit anything).
        long committedBefore = 0;
        for (long hw : h.highWatermarkOfEpoch.headMap(r.leaderEpoch).values()) {
            committedBefore = Math.max(committedBefore, hw);
        }
        if (!h.lossExcused && r.log.logEndOffset() < committedBefore) {
            throw new InvariantViolation("a new leader holds everything committed", r + " became leader but earlier epochs'"
                    + " high watermark already reached " + committedBefore);
        }
    }

    void onLeaderIsr(Replica r, Set<Integer> isr) {
        PartitionHistory h = partitions[r.partition];
        if (!h.committedIsrs.contains(PartitionHistory.isrKey(r.leaderEpoch, isr))) {
            throw new InvariantViolation("the ISR changes only through the controller", r + " uses ISR " + isr
                    + ", which the controller never committed in leader epoch " + r.leaderEpoch);
        }
    }

    void onLeaderHw(Replica r, long highWatermark) {
        PartitionHistory h = partitions[r.partition];
        Long before = h.highWatermarkOfEpoch.put(r.leaderEpoch, highWatermark);
        if (before != null && highWatermark < before) {
            throw new InvariantViolation("the high watermark never goes back", r + " moved its high watermark from " + before
                    + " to " + highWatermark + " in leader epoch " + r.leaderEpoch);
        }
        h.maxHighWatermark = Math.max(h.maxHighWatermark, highWatermark);
        if (r.leaderEpoch < h.uncleanElectionEpoch) {
            // Deposed by an unclean election it does not know of, this leader still commits with its
            // own ISR, whose members the new leader's ISR does not hold: what it commits now is lost
            // to that election, which the topic allowed.
            if (!h.lossExcused) {
                h.lossExcused = true;
                sim.coverage.hit(Coverage.Mark.COMMITTED_LOST_TO_UNCLEAN_ELECTION);
            }
            return;
        }
        MetadataImage image = sim.committedImage();
        PartitionRegistration reg = sim.topics.registration(image, r.partition);
        for (int member : reg.isr()) {
            SimBroker b = sim.brokers[member];
            BrokerRegistration registration = image.broker(member);
            if (!b.up || registration == null || registration.brokerEpoch() != b.brokerEpoch) {
                continue;   // not running in the incarnation the controller knows (it crashed, or has yet to re-register)
            }
            BrokerRegistration seen = r.broker.image.broker(member);
            long counted = r.leaderRole == null ? -1 : r.leaderRole.countedBrokerEpoch(member);
            if (member != r.broker.id && counted >= 0 && counted < registration.brokerEpoch()
                    && seen != null && seen.brokerEpoch() == counted) {
                // The leader counted what an earlier incarnation of the member reported, and its image
                // cannot know the member restarted (a deposed leader, behind on metadata; Kafka's
                // leader is as blind). If that restart lost what the leader now counts committed, the
                // member came back from an unclean stop and was kept in (or elected from) the ISR:
                // KIP-966's "last replica standing" case, excused and counted as such.
                Batch leaders = highWatermark == 0 ? null : r.log.batchAt(highWatermark - 1);
                if (!h.lossExcused && h.lostToCrashFromOffset < highWatermark && leaders != null && !holds(b, r.partition, leaders)) {
                    h.lossExcused = true;
                    sim.coverage.hit(Coverage.Mark.LAST_ISR_MEMBER_LOST_COMMITTED);
                }
                continue;
            }
            Replica replica = b.replicas.get(r.partition);
            long logEnd = replica == null ? 0 : replica.log.logEndOffset();
            if (logEnd < highWatermark) {
                throw new InvariantViolation("the high watermark never passes an ISR member's log end", r + " moved its high watermark to "
                        + highWatermark + " but ISR member b" + member + " (" + replica + ") ends at " + logEnd);
            }
            // Not only as long: the member holds the leader's records there (by log matching, the last
            // batch below the high watermark stands for all before it).
            Batch leaders = highWatermark == 0 ? null : r.log.batchAt(highWatermark - 1);
            if (leaders != null && replica != null && !leaders.equals(replica.log.batchAt(highWatermark - 1))) {
                throw new InvariantViolation("the high watermark never passes an ISR member's log end", r + " moved its high watermark to "
                        + highWatermark + " but ISR member b" + member + " holds " + replica.log.batchAt(highWatermark - 1)
                        + " where the leader holds " + leaders);
            }
        }
    }

    void onAckAll(Replica r, Batch batch) {
        PartitionHistory h = partitions[r.partition];
        PartitionHistory.Ack before = h.acks.get(batch.baseOffset());
        if (before != null && !before.batch.equals(batch) && !h.lossExcused) {
            throw new InvariantViolation("acknowledged records survive", "offset " + batch.baseOffset() + " of partition "
                    + r.partition + " was acknowledged as " + before + " and later as " + batch + " by " + r);
        }
        h.acks.put(batch.baseOffset(), new PartitionHistory.Ack(batch, r.broker.id, r.leaderEpoch));
        if (r.leaderEpoch < h.controllerLeaderEpoch) {
            // Checked after the event, once the history and the excuses have caught up with it.
            sim.coverage.hit(Coverage.Mark.DEPOSED_LEADER_ACKED);
            h.deposedAcks.add(new PartitionHistory.Ack(batch, r.broker.id, r.leaderEpoch));
        }
    }

    // ------------------------------------------------------------------ consumers

    void onConsumed(int partition, long position, Batch batch) {
        PartitionHistory h = partitions[partition];
        if (h.lossExcused) {
            return;   // acknowledged offsets may have been rewritten: a consumer may be past the new log
        }
        if (batch.baseOffset() != position) {
            throw new InvariantViolation("consumers read in order", "a consumer at " + position + " of partition " + partition
                    + " was given " + batch);
        }
        Batch committed = h.committedAt(batch.baseOffset());
        if (batch.baseOffset() < h.committedEnd() && !batch.equals(committed)) {
            throw new InvariantViolation("consumers read the committed history", "a consumer of partition " + partition + " read "
                    + batch + " where the committed history holds " + committed);
        }
    }

    // ------------------------------------------------------------------ crashes

    /** Each replica's log end on broker {@code b}, by partition, before it crashes. */
    long[] logEndsBefore(SimBroker b) {
        long[] ends = new long[partitions.length];
        for (Replica r : b.replicas.values()) {
            ends[r.partition] = r.log.logEndOffset();
        }
        return ends;
    }

    /** Notes where each partition's replica on {@code b} lost batches in this crash, then re-evaluates the excuses. */
    void afterCrash(SimBroker b, long[] logEndsBefore) {
        for (Replica r : b.replicas.values()) {
            PartitionHistory h = partitions[r.partition];
            long after = r.log.logEndOffset();
            if (after < logEndsBefore[r.partition]) {
                h.lostToCrashFromOffset = Math.min(h.lostToCrashFromOffset, after);
            }
        }
        for (PartitionHistory h : partitions) {
            evaluateExcuses(h);
        }
    }

    /**
     * Kafka keeps committed records through any failure that leaves one ISR member holding them;
     * with power loss (no fsync per write) it promises nothing more. So once a crash has cut
     * batches that are (or later became) committed from a replica, and no member of the committed
     * ISR still holds the committed history (its last batch, which by log matching stands for the
     * whole prefix), the partition's loss is excused.
     *
     * <p>Two kinds are told apart. If no running replica holds the history either, every copy was
     * lost to crashes ({@code COMMITTED_LOST_TO_POWER_LOSS}). If some replica outside the ISR still
     * holds it, the ISR was shrunk (by fencing) to members that lost it: the "last replica standing"
     * weakness KIP-966 addresses, which the controller does not guard against yet
     * ({@code LAST_ISR_MEMBER_LOST_COMMITTED}).
     */
    void evaluateExcuses(PartitionHistory h) {
        if (h.lossExcused || h.committed.isEmpty() || h.lostToCrashFromOffset >= h.committedEnd()) {
            return;
        }
        MetadataImage image = sim.committedImage();
        PartitionRegistration reg = sim.topics.registration(image, h.partition);
        if (reg == null) {
            return;
        }
        Batch last = h.committed.get(h.committed.size() - 1);
        // The ELR (KIP-966) counts as the ISR does: its members may be elected, and hold what was
        // committed; so does the last known leader, the controller's choice when both are empty.
        for (int member : reg.isr()) {
            if (holds(sim.brokers[member], h.partition, last)) {
                return;
            }
        }
        for (int member : reg.elr()) {
            if (holds(sim.brokers[member], h.partition, last)) {
                return;
            }
        }
        for (int member : reg.lastKnownElr()) {
            if (holds(sim.brokers[member], h.partition, last)) {
                return;   // with no ISR or ELR left, the controller elects it (see onElection)
            }
        }
        h.lossExcused = true;
        boolean elsewhere = false;
        for (SimBroker b : sim.brokers) {
            elsewhere |= b.up && holds(b, h.partition, last);
        }
        sim.coverage.hit(elsewhere ? Coverage.Mark.LAST_ISR_MEMBER_LOST_COMMITTED : Coverage.Mark.COMMITTED_LOST_TO_POWER_LOSS);
    }

    private static boolean holds(SimBroker b, int partition, Batch batch) {
        Replica r = b.replicas.get(partition);
        return r != null && batch.equals(r.log.batchAt(batch.baseOffset()));
    }

    // ------------------------------------------------------------------ after every event

    /** Invariant 4, incrementally: each running replica's batches below its high watermark are the committed history. */
    void afterEvent() {
        for (SimBroker b : sim.brokers) {
            if (!b.up) {
                continue;
            }
            for (Replica r : b.replicas.values()) {
                String mismatch = DEBUG_EPOCHS ? r.log.epochCacheMismatch() : null;
                if (mismatch != null) {
                    throw new InvariantViolation("DEBUG epoch cache", r + ": " + mismatch);
                }
                if (r.highWatermark > r.log.checkedUpToOffset) {
                    verifyPrefix(r);
                }
            }
        }
        for (PartitionHistory h : partitions) {
            if (!h.deposedAcks.isEmpty()) {
                checkDeposedAcks(h);
            }
        }
        coordinator.afterEvent();
    }

    /**
     * A deposed leader that does not know it yet may acknowledge acks=all, but only records every
     * leader of a later epoch holds: each was elected from an ISR the deposed leader's HW counted.
     */
    private void checkDeposedAcks(PartitionHistory h) {
        for (PartitionHistory.Ack a : h.deposedAcks) {
            for (SimBroker b : sim.brokers) {
                Replica later = b.up ? b.replicas.get(h.partition) : null;
                if (!h.lossExcused && later != null && later.isLeader() && later.leaderEpoch > a.leaderEpoch
                        && !a.batch.equals(later.log.batchAt(a.batch.baseOffset()))) {
                    throw new InvariantViolation("acks=all is never acknowledged by a deposed leader unless later leaders hold it",
                            a + " but " + later + " holds " + later.log.batchAt(a.batch.baseOffset()));
                }
            }
        }
        h.deposedAcks.clear();
    }

    private void verifyPrefix(Replica r) {
        PartitionHistory h = partitions[r.partition];
        SimLog log = r.log;
        long hw = r.highWatermark;
        if (hw > log.logEndOffset()) {
            throw new InvariantViolation("a high watermark never passes its own log end", r.toString());
        }
        if (h.lossExcused) {
            log.checkedUpToOffset = hw;
            return;
        }
        boolean grew = false;
        for (int i = log.indexHolding(log.checkedUpToOffset); i >= 0 && i < log.batchCount(); i++) {
            Batch b = log.batch(i);
            if (b.baseOffset() >= hw) {
                break;
            }
            long end = h.committedEnd();
            if (b.baseOffset() < end) {
                Batch committed = h.committedAt(b.baseOffset());
                if (!b.equals(committed)) {
                    throw new InvariantViolation("replicas agree below the high watermark", r + " holds " + b
                            + " below its high watermark " + hw + " where the committed history holds "
                            + (committed != null ? committed : "no batch starting there"));
                }
            } else if (b.baseOffset() == end) {
                h.committed.add(b);
                grew = true;
            } else {
                throw new InvariantViolation("replicas agree below the high watermark", r + " holds " + b
                        + " but the committed history ends at " + end);
            }
        }
        log.checkedUpToOffset = hw;
        if (grew) {
            evaluateExcuses(h);   // records a crash already took from the ISR may only now count committed
        }
    }

    // ------------------------------------------------------------------ at the end

    /** After the faults healed and the cluster settled. */
    void finalCheck() {
        MetadataImage image = sim.committedImage();
        for (PartitionHistory h : partitions) {
            PartitionRegistration reg = sim.topics.registration(image, h.partition);
            if (reg == null) {
                throw new InvariantViolation("liveness", "topic " + sim.topics.topic(h.partition) + " was never created");
            }
            evaluateExcuses(h);
            if (!reg.hasLeader()) {
                throw new InvariantViolation("every partition has a leader", "partition " + h.partition + " has none after settling: " + reg);
            }
            Replica leader = sim.brokers[reg.leader()].replicas.get(h.partition);
            if (leader == null || !leader.isLeader() || leader.leaderEpoch != reg.leaderEpoch()) {
                throw new InvariantViolation("every partition has a leader", "partition " + h.partition + " names b" + reg.leader()
                        + " in epoch " + reg.leaderEpoch() + " but that broker is " + leader);
            }
            if (reg.isReassigning()) {
                throw new InvariantViolation("reassignments finish after the faults heal", "partition " + h.partition
                        + " is still moving after settling: " + reg + "; the leader is " + leader);
            }
            checkOnlyReplicasHoldCopies(h.partition, reg);
            if (reg.isr().size() != reg.replicas().size()) {
                throw new InvariantViolation("the ISR heals", "partition " + h.partition + " still has ISR " + reg.isr()
                        + " of replicas " + reg.replicas() + " after settling; the leader is " + leader
                        + " with " + (leader.leaderRole.state.pendingProposal().map(p -> "pending " + p).orElse("nothing pending")));
            }
            for (PartitionHistory.Ack a : h.acks.values()) {
                if (h.lossExcused) {
                    break;
                }
                Batch found = leader.log.batchAt(a.batch.baseOffset());
                if (!a.batch.equals(found) || leader.highWatermark <= a.batch.lastOffset()) {
                    throw new InvariantViolation("acknowledged records survive", "acks=all " + a + " is not readable after settling: "
                            + leader + " holds " + found + " there");
                }
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < leader.log.batchCount(); i++) {
                Batch b = leader.log.batch(i);
                if (b.producerId() >= 0 && !seen.add(b.producerId() + "/" + b.producerEpoch() + "/" + b.baseSequence())) {
                    throw new InvariantViolation("idempotent batches are written once", leader + " holds " + b + " twice");
                }
            }
        }
        coordinator.finalCheck();
    }

    /**
     * Once moves are over, exactly the replica set holds the partition: every replica has a copy, and
     * a broker a completed (or cancelled) move removed holds none. A broker that is down is not
     * asked: it deletes what it no longer hosts when it registers again.
     */
    private void checkOnlyReplicasHoldCopies(int partition, PartitionRegistration reg) {
        for (SimBroker b : sim.brokers) {
            boolean holds = b.replicas.containsKey(partition);
            if (b.up && holds != reg.isReplica(b.id)) {
                throw new InvariantViolation("exactly the replica set holds a partition after its moves", "b" + b.id
                        + (holds ? " still holds " + b.replicas.get(partition) : " holds no copy") + " of partition " + partition
                        + " whose replicas are " + reg.replicas() + " (" + b + ")");
            }
        }
    }
}
