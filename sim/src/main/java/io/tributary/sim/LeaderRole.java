package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AlterPartitionRequest;
import io.tributary.metadata.controller.api.AlterPartitionResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.replication.partition.EpochEndOffset;
import io.tributary.replication.partition.IsrProposal;
import io.tributary.replication.partition.LeaderState;
import io.tributary.replication.partition.LeaderUpdate;
import io.tributary.replication.producer.ProducerCheck;
import io.tributary.replication.producer.ProducerStateTable;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A replica leading one leader epoch, around the real {@link LeaderState}: it serves follower
 * fetches (refusing other epochs, answering a diverging last fetched epoch without reporting the
 * fetch), takes produce requests (min ISR check, idempotence plan, append, commit), parks
 * {@code acks=all} produces until the high watermark passes them, serves consumers below the high
 * watermark, runs the periodic ISR check, and carries ISR proposals to the controller.
 *
 * <p>Produce and fetch handling mirror {@code broker/partition/Partition}; AlterPartition sending,
 * resending and the reaction to its response are broker glue that does not exist yet (see
 * docs/design/simulation.md for what should move into a core).
 */
final class LeaderRole {

    /** A parked acks=all produce. */
    private record Waiting(int clientId, long requestId, long baseOffset, long requiredOffset) {
    }

    private static final int MAX_WAITING = 256;
    private static final int MAX_FETCH_BATCHES = 16;

    private final Replica replica;
    final LeaderState state;
    private final Map<Integer, Long> fetchBrokerEpochs = new TreeMap<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int minInsyncReplicas;
    private long inflightAlterId = -1;
    private long isrCheckToken = -1;

    LeaderRole(Replica replica, Set<Integer> replicas, Set<Integer> isr, int minInsyncReplicas, long nowMs) {
        this.replica = replica;
        this.minInsyncReplicas = minInsyncReplicas;
        this.state = new LeaderState(replica.broker.id, replica.leaderEpoch, replicas, isr, minInsyncReplicas,
                replica.log.logEndOffset(), replica.highWatermark, nowMs);
    }

    void start(long nowMs) {
        publish(state.highWatermark());
        armIsrCheck(nowMs);
    }

    /** Leadership ended: parked produces fail, as the broker's purgatory does on a leader change. */
    void stop() {
        for (Waiting w : waiting) {
            reply(w.clientId, w.requestId, ErrorCode.NOT_LEADER_OR_FOLLOWER, -1);
        }
        waiting.clear();
        inflightAlterId = -1;
        isrCheckToken = -1;
    }

    /** The same leader epoch in a newly applied image: the ISR or min.insync.replicas may have changed. */
    void onImage(PartitionRegistration reg, int oldPartitionEpoch, int newMinInsyncReplicas, long nowMs) {
        if (newMinInsyncReplicas != minInsyncReplicas) {
            minInsyncReplicas = newMinInsyncReplicas;
            replica.sim().coverage.hit(Coverage.Mark.MIN_ISR_CHANGED);
            handle(state.onMinInsyncReplicasChanged(newMinInsyncReplicas), nowMs);
        }
        Set<Integer> isr = Set.copyOf(reg.isr());
        Set<Integer> replicas = Set.copyOf(reg.replicas());
        if (!replicas.equals(state.replicas())) {
            // A reassignment changed the replica set in this epoch (as broker/partition/Partition):
            // the followers that stay keep their positions, an adding one starts unknown, and a
            // removed one is forgotten, with the broker epoch its fetches came from.
            fetchBrokerEpochs.keySet().retainAll(replicas);
            replica.sim().checker.onLeaderIsr(replica, isr);
            inflightAlterId = -1;
            handle(state.onReplicasChanged(replicas, isr, nowMs), nowMs);
            return;
        }
        boolean proposalOver = state.pendingProposal().isPresent() && reg.partitionEpoch() != oldPartitionEpoch;
        if (!isr.equals(state.isr()) || proposalOver) {
            commitIsr(isr, nowMs);
        }
    }

    private void commitIsr(Set<Integer> isr, long nowMs) {
        replica.sim().checker.onLeaderIsr(replica, isr);
        Optional<IsrProposal> pending = state.pendingProposal();
        if (pending.isPresent() && isr.equals(pending.get().proposedIsr())) {
            replica.sim().coverage.hit(pending.get().kind() == IsrProposal.Kind.SHRINK
                    ? Coverage.Mark.ISR_SHRINK : Coverage.Mark.ISR_EXPAND);
            if (pending.get().rules().contains(IsrProposal.Rule.STALLED)) {
                replica.sim().coverage.hit(Coverage.Mark.ISR_SHRINK_STALLED);
            }
        }
        inflightAlterId = -1;
        handle(state.onIsrCommitted(isr), nowMs);
    }

    // ------------------------------------------------------------------ follower fetches

    void onFetch(Message.Fetch f, long nowMs) {
        Simulation sim = replica.sim();
        if (f.currentLeaderEpoch() != replica.leaderEpoch) {
            sim.coverage.hit(Coverage.Mark.FENCED_LEADER_FETCH_REFUSED);
            fetchError(f, f.currentLeaderEpoch() < replica.leaderEpoch ? ErrorCode.FENCED_LEADER_EPOCH : ErrorCode.UNKNOWN_LEADER_EPOCH);
            return;
        }
        if (f.replicaId() == replica.broker.id || !state.replicas().contains(f.replicaId())) {
            fetchError(f, ErrorCode.NOT_LEADER_OR_FOLLOWER);
            return;
        }
        SimLog log = replica.log;
        if (f.lastFetchedEpoch() >= 0) {
            Optional<EpochEndOffset> end = log.endOffsetFor(f.lastFetchedEpoch());
            if (end.isEmpty()) {
                throw new IllegalStateException("leader " + replica + " has no epoch at or below the follower's last fetched epoch "
                        + f.lastFetchedEpoch() + ": a follower holds an epoch newer than its leader's");
            }
            if (end.get().epoch() < f.lastFetchedEpoch() || end.get().endOffset() < f.fetchOffset()) {
                // Not reported to LeaderState: the offset says nothing about what the follower holds.
                if (sim.config.mutation() == Mutation.REPORT_DIVERGING_FETCH && f.fetchOffset() <= log.logEndOffset()) {
                    handle(state.onFollowerFetch(f.replicaId(), f.fetchOffset(), nowMs), nowMs);   // planted bug
                }
                sim.send(replica.broker.id, f.replicaId(), new Message.FetchReply(f.fetchId(), replica.partition, ErrorCode.NONE,
                        replica.highWatermark, end.get(), List.of(), log.logEndOffset()));
                return;
            }
        }
        if (f.fetchOffset() > log.logEndOffset()) {
            fetchError(f, ErrorCode.OFFSET_OUT_OF_RANGE);
            return;
        }
        if (f.brokerEpoch() < knownBrokerEpoch(f.replicaId())) {
            // From an earlier incarnation of the follower, read late: it may have lost what it reports
            // (as broker/partition/Partition, and Kafka's Replica, refuse it).
            sim.coverage.hit(Coverage.Mark.STALE_INCARNATION_FETCH_REFUSED);
            fetchError(f, ErrorCode.NOT_LEADER_OR_FOLLOWER);
            return;
        }
        fetchBrokerEpochs.put(f.replicaId(), f.brokerEpoch());
        handle(state.onFollowerFetch(f.replicaId(), f.fetchOffset(), nowMs), nowMs);
        List<Batch> batches = log.read(f.fetchOffset(), log.logEndOffset(), MAX_FETCH_BATCHES);
        sim.send(replica.broker.id, f.replicaId(), new Message.FetchReply(f.fetchId(), replica.partition, ErrorCode.NONE,
                replica.highWatermark, null, batches, log.logEndOffset()));
    }

    /** The newest broker epoch this leader knows for a follower: from its fetches or its image. */
    private long knownBrokerEpoch(int replicaId) {
        BrokerRegistration b = replica.broker.image.broker(replicaId);
        return Math.max(fetchBrokerEpochs.getOrDefault(replicaId, -1L), b == null ? -1 : b.brokerEpoch());
    }

    /** The broker epoch of the follower fetch this leader last counted, or -1 (for the checker). */
    long countedBrokerEpoch(int replicaId) {
        return fetchBrokerEpochs.getOrDefault(replicaId, -1L);
    }

    /**
     * The image names each follower's current registration: one registered again in a later broker
     * epoch than its counted fetches came from restarted, and may have lost the tail it reported, so
     * its position is forgotten until it fetches again (broker/partition/Partition does the same).
     */
    void onBrokerRegistrations(long nowMs) {
        for (Map.Entry<Integer, Long> e : List.copyOf(fetchBrokerEpochs.entrySet())) {
            BrokerRegistration b = replica.broker.image.broker(e.getKey());
            if (b != null && b.brokerEpoch() > e.getValue()) {
                replica.sim().coverage.hit(Coverage.Mark.FOLLOWER_RESTART_FORGOTTEN);
                fetchBrokerEpochs.put(e.getKey(), b.brokerEpoch());
                handle(state.onFollowerRestarted(e.getKey()), nowMs);
            }
        }
    }

    private void fetchError(Message.Fetch f, ErrorCode error) {
        replica.sim().send(replica.broker.id, f.replicaId(), new Message.FetchReply(f.fetchId(), replica.partition, error,
                -1, null, List.of(), replica.log.logEndOffset()));
    }

    // ------------------------------------------------------------------ produce

    void onProduce(int clientId, Message.Produce p, long nowMs) {
        Simulation sim = replica.sim();
        if (p.acks() == -1 && !state.hasMinIsr()) {
            sim.coverage.hit(Coverage.Mark.NOT_ENOUGH_REPLICAS);
            reply(clientId, p, ErrorCode.NOT_ENOUGH_REPLICAS, -1);
            return;
        }
        ProducerStateTable.AppendPlan plan = replica.producers.plan();
        int lastSeq = p.baseSequence() < 0 ? -1 : p.baseSequence() + p.count() - 1;
        ProducerCheck check = plan.check(p.producerId(), p.producerEpoch(), p.baseSequence(), lastSeq);
        if (check instanceof ProducerCheck.Duplicate d) {
            sim.coverage.hit(Coverage.Mark.IDEMPOTENT_DUPLICATE);
            respondAfterAppend(clientId, p, d.firstOffset(), d.lastOffset() + 1, nowMs);
            return;
        }
        if (check instanceof ProducerCheck.Reject r) {
            reply(clientId, p, r.error(), -1);
            return;
        }
        Batch b = replica.log.appendAsLeader(p.count(), p.producerId(), p.producerEpoch(), p.baseSequence(), p.payloadId(),
                replica.leaderEpoch);
        plan.record(0, b.baseOffset(), b.lastOffset(), nowMs);
        plan.commit();
        handle(state.onLocalAppend(replica.log.logEndOffset(), nowMs), nowMs);
        respondAfterAppend(clientId, p, b.baseOffset(), b.nextOffset(), nowMs);
    }

    /**
     * Appends a group coordinator's batch (acks=all, so refused below min.insync.replicas, as the
     * coordinator's writes are in Kafka); null when refused.
     */
    Batch appendCoordinatorBatch(int count, long payloadId, long nowMs) {
        if (!state.hasMinIsr()) {
            return null;
        }
        Batch b = replica.log.appendAsLeader(count, -1, (short) 0, -1, payloadId, replica.leaderEpoch);
        handle(state.onLocalAppend(replica.log.logEndOffset(), nowMs), nowMs);
        return b;
    }

    private void respondAfterAppend(int clientId, Message.Produce p, long baseOffset, long nextOffset, long nowMs) {
        if (p.acks() == 1) {
            reply(clientId, p.requestId(), ErrorCode.NONE, baseOffset);
        } else if (p.acks() == -1) {
            if (waiting.size() >= MAX_WAITING) {
                reply(clientId, p.requestId(), ErrorCode.REQUEST_TIMED_OUT, -1);
                return;
            }
            waiting.addLast(new Waiting(clientId, p.requestId(), baseOffset, nextOffset));
            Simulation sim = replica.sim();
            sim.schedule(nowMs + sim.config.produceTimeoutMs(), replica.broker.id,
                    new Timer(Timer.Kind.PRODUCE_TIMEOUT, replica.partition, p.requestId()));
            completeWaiting();
        }
    }

    private void completeWaiting() {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
            Waiting w = it.next();
            if (replica.highWatermark >= w.requiredOffset) {
                it.remove();
                ErrorCode error = state.hasMinIsr() ? ErrorCode.NONE : ErrorCode.NOT_ENOUGH_REPLICAS_AFTER_APPEND;
                if (error == ErrorCode.NONE) {
                    replica.sim().coverage.hit(Coverage.Mark.ACKS_ALL_ACKNOWLEDGED);
                    replica.sim().checker.onAckAll(replica, replica.log.batchAt(w.baseOffset));
                } else {
                    replica.sim().coverage.hit(Coverage.Mark.NOT_ENOUGH_REPLICAS_AFTER_APPEND);
                }
                reply(w.clientId, w.requestId, error, w.baseOffset);
            }
        }
    }

    private void reply(int clientId, Message.Produce p, ErrorCode error, long baseOffset) {
        if (p.acks() != 0) {
            reply(clientId, p.requestId(), error, baseOffset);
        }
    }

    private void reply(int clientId, long requestId, ErrorCode error, long baseOffset) {
        replica.sim().send(replica.broker.id, clientId, new Message.ProduceReply(requestId, error, baseOffset));
    }

    // ------------------------------------------------------------------ consumers

    void onConsumerFetch(int clientId, Message.ConsumerFetch c) {
        List<Batch> batches = c.offset() < replica.highWatermark
                ? replica.log.read(c.offset(), replica.highWatermark, 8) : List.of();
        replica.sim().send(replica.broker.id, clientId,
                new Message.ConsumerFetchReply(c.requestId(), ErrorCode.NONE, batches, replica.highWatermark));
    }

    // ------------------------------------------------------------------ timers, ISR changes

    void onTimer(Timer t, long nowMs) {
        Simulation sim = replica.sim();
        switch (t.kind()) {
            case ISR_CHECK -> {
                if (t.token() == isrCheckToken) {
                    handle(state.maybeShrinkIsr(nowMs, sim.config.replicaLagTimeMaxMs(), sim.config.replicaFetchStallMaxMs()), nowMs);
                    armIsrCheck(nowMs);
                }
            }
            case ALTER_PARTITION_RETRY -> {
                if (t.token() == inflightAlterId && state.pendingProposal().isPresent()) {
                    sendAlterPartition(state.pendingProposal().get(), nowMs);
                }
            }
            case PRODUCE_TIMEOUT -> {
                for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
                    Waiting w = it.next();
                    if (w.requestId == t.token()) {
                        it.remove();
                        reply(w.clientId, w.requestId, ErrorCode.REQUEST_TIMED_OUT, -1);
                    }
                }
            }
            default -> throw new IllegalStateException("leader got " + t);
        }
    }

    private void armIsrCheck(long nowMs) {
        Simulation sim = replica.sim();
        isrCheckToken = sim.nextId();
        // As the broker: every half of the lag time or every quarter of the stall time, whichever is sooner.
        sim.schedule(nowMs + Math.min(sim.config.replicaLagTimeMaxMs() / 2, sim.config.replicaFetchStallMaxMs() / 4), replica.broker.id,
                new Timer(Timer.Kind.ISR_CHECK, replica.partition, isrCheckToken));
    }

    /** Acts on what one input changed, in the order LeaderUpdate documents: publish the HW, then send the proposal. */
    private void handle(LeaderUpdate update, long nowMs) {
        publish(replica.sim().config.mutation() == Mutation.HW_AS_LOG_END ? replica.log.logEndOffset() : update.highWatermark());
        if (update.proposal().isPresent()) {
            IsrProposal proposal = update.proposal().get();
            if (proposal.kind() == IsrProposal.Kind.EXPAND && !eligibleToJoin(proposal)) {
                // KIP-841/903: the leader does not ask to add a replica its image shows fenced, shutting
                // down, or registered in another broker epoch than the one it fetched with; the
                // controller would refuse it (INELIGIBLE_REPLICA). LeaderState has no input for this.
                publish(state.onIsrProposalRejected().highWatermark());
                return;
            }
            if (replica.sim().config.mutation() == Mutation.EXPAND_BEFORE_COMMIT && proposal.kind() == IsrProposal.Kind.EXPAND) {
                // Planted bug: count the expansion as committed before the controller says so.
                replica.sim().checker.onLeaderIsr(replica, proposal.proposedIsr());
                publish(state.onIsrCommitted(proposal.proposedIsr()).highWatermark());
            }
            sendAlterPartition(proposal, nowMs);
        }
    }

    private boolean eligibleToJoin(IsrProposal proposal) {
        for (int id : proposal.changedReplicas()) {
            BrokerRegistration b = replica.broker.image.broker(id);
            Long fetchEpoch = fetchBrokerEpochs.get(id);
            if (b == null || !b.isActive() || fetchEpoch == null || fetchEpoch != b.brokerEpoch()) {
                return false;
            }
        }
        return true;
    }

    private void publish(long highWatermark) {
        if (highWatermark != replica.highWatermark) {
            replica.highWatermark = highWatermark;
            replica.sim().checker.onLeaderHw(replica, highWatermark);
            completeWaiting();
            if (replica.coordinatorRole != null) {
                replica.coordinatorRole.onHighWatermark(replica.sim().nowMs());
            }
        }
    }

    private void sendAlterPartition(IsrProposal proposal, long nowMs) {
        Simulation sim = replica.sim();
        SimBroker broker = replica.broker;
        TopicImage topic = broker.image.topic(sim.topics.topic(replica.partition));
        List<AlterPartitionRequest.IsrMember> members = new ArrayList<>();
        for (int id : new TreeSet<>(proposal.proposedIsr())) {
            long epoch;
            if (id == broker.id) {
                epoch = broker.brokerEpoch;
            } else if (fetchBrokerEpochs.containsKey(id)) {
                epoch = fetchBrokerEpochs.get(id);
            } else {
                BrokerRegistration b = broker.image.broker(id);
                epoch = b == null ? -1 : b.brokerEpoch();
            }
            members.add(new AlterPartitionRequest.IsrMember(id, epoch));
        }
        AlterPartitionRequest request = new AlterPartitionRequest(broker.id, broker.brokerEpoch, List.of(
                new AlterPartitionRequest.TopicData(topic.id(), List.of(new AlterPartitionRequest.PartitionData(
                        sim.topics.partition(replica.partition), replica.leaderEpoch, members, replica.partitionEpoch)))));
        inflightAlterId = sim.nextId();
        sim.send(broker.id, Simulation.CONTROLLER, new Message.AlterPartition(inflightAlterId, request));
        sim.schedule(nowMs + sim.config.alterPartitionRetryMs(), broker.id,
                new Timer(Timer.Kind.ALTER_PARTITION_RETRY, replica.partition, inflightAlterId));
    }

    void onAlterPartitionReply(Message.AlterPartitionReply r, long nowMs) {
        if (r.requestId() != inflightAlterId) {
            return;
        }
        inflightAlterId = -1;
        Simulation sim = replica.sim();
        AlterPartitionResponse resp = r.response();
        ApiError error = resp.error();
        AlterPartitionResponse.PartitionResult result = null;
        if (error.isSuccess()) {
            result = resp.topics().get(0).partitions().get(0);
            error = result.error();
        }
        if (error.isSuccess()) {
            PartitionRegistration reg = sim.topics.registration(broker().image, replica.partition);
            if (result.partitionEpoch() <= replica.partitionEpoch && state.pendingProposal().isPresent() && reg != null) {
                // The image already holds this partition epoch (or a later one): the proposal is over.
                commitIsr(Set.copyOf(reg.isr()), nowMs);
            }
            return;
        }
        switch (error.code()) {
            case FENCED_LEADER_EPOCH, NOT_LEADER_OR_FOLLOWER -> sim.coverage.hit(Coverage.Mark.FENCED_ALTER_PARTITION_REFUSED);
            case INVALID_UPDATE_VERSION, INELIGIBLE_REPLICA, STALE_BROKER_EPOCH ->
                    sim.coverage.hit(Coverage.Mark.STALE_ALTER_PARTITION_REFUSED);
            default -> {
            }
        }
        // Only a refusal that says the controller will not commit the proposal ends it here
        // (LeaderState's contract). Any other error (a stale partition epoch, a deposed leader, a stale
        // broker epoch) keeps it pending until the image moves: the controller may well have committed
        // it already (say, on an earlier copy of this request), and forgetting it would let the high
        // watermark pass a replica the committed ISR holds.
        boolean willNotCommit = switch (error.code()) {
            case INELIGIBLE_REPLICA, OPERATION_NOT_ATTEMPTED, INVALID_REQUEST, NEW_LEADER_ELECTED -> true;
            default -> false;
        };
        if (willNotCommit && state.pendingProposal().isPresent()) {
            handle(state.onIsrProposalRejected(), nowMs);
        }
    }

    private SimBroker broker() {
        return replica.broker;
    }
}
