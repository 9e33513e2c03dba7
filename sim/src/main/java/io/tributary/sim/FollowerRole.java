package io.tributary.sim;

import io.tributary.common.ErrorCode;
import io.tributary.replication.partition.FetchedPartition;
import io.tributary.replication.partition.FollowerAction;
import io.tributary.replication.partition.FollowerState;

/**
 * A replica following one leader for one leader epoch: the broker's replica fetcher for one
 * partition, around the real {@link FollowerState}. One fetch is in flight at a time; a response
 * is matched to it by id, so duplicated, late or reordered responses are ignored. After records
 * or a truncation the next fetch goes at once; after an empty response or an error it waits
 * {@code fetchBackoffMs}; with no response it is re-sent after {@code fetchTimeoutMs}.
 *
 * <p>The glue here is broker logic (the replica fetcher does not exist in {@code broker} yet);
 * it belongs in a core once it does: see docs/design/simulation.md.
 */
final class FollowerRole {

    private final Replica replica;
    private final int leaderId;
    private final int leaderEpoch;
    private FollowerState state;
    private long inflightFetchId = -1;
    private long inflightFetchOffset = -1;

    FollowerRole(Replica replica, int leaderId, int leaderEpoch) {
        this.replica = replica;
        this.leaderId = leaderId;
        this.leaderEpoch = leaderEpoch;
        this.state = new FollowerState(leaderId, leaderEpoch, replica.log.logEndOffset(), replica.highWatermark);
    }

    /** Sends the next fetch from the log end. */
    void fetch(long nowMs) {
        Simulation sim = replica.sim();
        long fetchId = sim.nextId();
        inflightFetchId = fetchId;
        inflightFetchOffset = state.fetchOffset();
        // As Kafka: the newest epoch in the cache. After leading an epoch without writing, that epoch
        // is the newest; the leader answers with a diverging epoch, and the truncation (to the log end)
        // clears the empty entry before any batch of an older epoch is appended behind it.
        int lastFetchedEpoch = sim.config.mutation() == Mutation.TRUNCATE_TO_HW ? -1 : replica.log.latestEpoch();
        sim.send(replica.broker.id, leaderId, new Message.Fetch(fetchId, replica.partition, replica.broker.id,
                replica.broker.brokerEpoch, inflightFetchOffset, lastFetchedEpoch, leaderEpoch));
        sim.schedule(nowMs + sim.config.fetchTimeoutMs(), replica.broker.id,
                new Timer(Timer.Kind.FETCH_TIMEOUT, replica.partition, fetchId));
    }

    void onTimer(Timer t, long nowMs) {
        if (t.token() != inflightFetchId) {
            return;
        }
        if (t.kind() == Timer.Kind.FETCH || t.kind() == Timer.Kind.FETCH_TIMEOUT) {
            fetch(nowMs);
        }
    }

    void onFetchReply(Message.FetchReply r, long nowMs) {
        if (r.fetchId() != inflightFetchId || inflightFetchOffset < 0) {
            return;
        }
        long fetchOffset = inflightFetchOffset;
        inflightFetchOffset = -1;
        Simulation sim = replica.sim();
        if (r.error() != ErrorCode.NONE) {
            if (r.error() == ErrorCode.OFFSET_OUT_OF_RANGE) {
                // Only without last fetched epochs (the KIP-101 mutation): restart from the leader's log end, as old Kafka did.
                replica.truncate(r.leaderLogEndOffset());
                replica.highWatermark = Math.min(replica.highWatermark, replica.log.logEndOffset());
                state = new FollowerState(leaderId, leaderEpoch, replica.log.logEndOffset(), replica.highWatermark);
            }
            backoff(nowMs);
            return;
        }
        FetchedPartition response;
        if (r.divergingEpoch() != null) {
            response = FetchedPartition.diverging(fetchOffset, r.highWatermark(), r.divergingEpoch());
        } else if (r.batches().isEmpty()) {
            response = FetchedPartition.empty(fetchOffset, r.highWatermark());
        } else {
            response = FetchedPartition.records(fetchOffset, r.highWatermark(), r.batches().get(0).baseOffset(),
                    r.batches().get(r.batches().size() - 1).nextOffset());
        }
        FollowerAction action = state.onFetchResponse(response, replica.log::localEpochAtOrBelow);
        boolean progressed = false;
        if (action instanceof FollowerAction.Append) {
            replica.log.appendAsFollower(r.batches());
            replica.replayProducers(r.batches());
            state.onAppended(replica.log.logEndOffset());
            progressed = true;
        } else if (action instanceof FollowerAction.Truncate t) {
            long before = replica.log.logEndOffset();
            long end = replica.truncate(t.truncateToOffset());
            state.onTruncated(end);
            if (end < before) {
                sim.coverage.hit(Coverage.Mark.DIVERGING_EPOCH_TRUNCATION);
            }
            progressed = true;
        }
        replica.highWatermark = state.highWatermark();
        if (progressed) {
            fetch(nowMs);
        } else {
            backoff(nowMs);
        }
    }

    private void backoff(long nowMs) {
        Simulation sim = replica.sim();
        long token = sim.nextId();
        inflightFetchId = token;
        sim.schedule(nowMs + sim.config.fetchBackoffMs(), replica.broker.id, new Timer(Timer.Kind.FETCH, replica.partition, token));
    }

    FollowerState state() {
        return state;
    }
}
