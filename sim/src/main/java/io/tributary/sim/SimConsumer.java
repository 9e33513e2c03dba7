package io.tributary.sim;

import io.tributary.common.ErrorCode;

import java.util.Arrays;

/**
 * A consumer with every partition assigned ({@code assign}, no group): it reads from the leader it
 * believes in, below the high watermark, and hands every batch it sees to the checker, which holds
 * it to the committed history and checks that its position only moves forwards.
 */
final class SimConsumer {

    private final Simulation sim;
    final int nodeId;
    private final long[] positions;
    private long tickToken;
    private long requestId = -1;
    private int requestPartition;

    SimConsumer(Simulation sim, int nodeId) {
        this.sim = sim;
        this.nodeId = nodeId;
        this.positions = new long[sim.config.partitions()];
    }

    long position(int partition) {
        return positions[partition];
    }

    void start(long nowMs) {
        tickToken = sim.nextId();
        sim.schedule(nowMs + sim.config.consumerIntervalMs(), nodeId, new Timer(Timer.Kind.CONSUMER_TICK, -1, tickToken));
    }

    void onTimer(Timer t, long nowMs) {
        if (t.token() != tickToken) {
            return;
        }
        int partition = sim.random.nextInt(positions.length);
        int leader = sim.leaderHint(partition);
        if (leader >= 0) {
            // A new request replaces the one in flight: a late reply to the old one is ignored.
            requestId = sim.nextId();
            requestPartition = partition;
            sim.send(nodeId, leader, new Message.ConsumerFetch(requestId, partition, positions[partition]));
        }
        sim.schedule(nowMs + sim.config.consumerIntervalMs(), nodeId, t);
    }

    void onReply(Message.ConsumerFetchReply r) {
        if (r.requestId() != requestId || r.error() != ErrorCode.NONE) {
            return;
        }
        requestId = -1;
        int p = requestPartition;
        for (Batch b : r.batches()) {
            if (b.lastOffset() < positions[p]) {
                continue;
            }
            sim.checker.onConsumed(p, positions[p], b);
            positions[p] = b.nextOffset();
        }
    }

    @Override
    public String toString() {
        return "consumer positions " + Arrays.toString(positions);
    }
}
