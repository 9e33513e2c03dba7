package io.tributary.sim;

import io.tributary.common.ErrorCode;

/**
 * A producer client with one batch in flight: it sends to the leader it believes in (from a live
 * broker's metadata), retries on retriable errors and timeouts with the same batch (same payload,
 * same sequence), and, when idempotent, never gives up on a batch, as with Kafka's unbounded
 * {@code delivery.timeout.ms}. Idempotence implies {@code acks=all}, as Kafka requires.
 *
 * <p>New batches are sent only during the fault period; retries go on through the settle period.
 */
final class SimProducer {

    private static final int MAX_ATTEMPTS_WITHOUT_IDEMPOTENCE = 5;
    private static final long RETRY_BACKOFF_MS = 20;
    /** How much longer than the broker's produce timeout a request may go unanswered before it is sent again. */
    private static final long EXTRA_WAIT_MS = 200;

    private final Simulation sim;
    final int nodeId;
    final short acks;
    final long producerId;
    private short producerEpoch;
    private int nextSequence;
    private long tickToken;
    // the batch in flight, if any
    private boolean inflight;
    private int partition;
    private int count;
    private long payloadId;
    private int sequence;
    private long requestId = -1;
    private long retryAtMs;
    private int attempts;

    SimProducer(Simulation sim, int nodeId, short acks, boolean idempotent) {
        this.sim = sim;
        this.nodeId = nodeId;
        this.acks = idempotent ? -1 : acks;
        this.producerId = idempotent ? 1_000L + nodeId : -1L;
    }

    boolean idempotent() {
        return producerId >= 0;
    }

    void start(long nowMs) {
        tickToken = sim.nextId();
        sim.schedule(nowMs + sim.config.producerIntervalMs(), nodeId, new Timer(Timer.Kind.PRODUCER_TICK, -1, tickToken));
    }

    void onTimer(Timer t, long nowMs) {
        if (t.token() != tickToken) {
            return;
        }
        if (inflight && nowMs >= retryAtMs) {
            retry(nowMs);
        } else if (!inflight && nowMs < sim.faultPeriodEndMs()) {
            inflight = true;
            partition = sim.random.nextInt(sim.config.partitions());
            count = 1 + sim.random.nextInt(3);
            payloadId = sim.nextId();
            sequence = idempotent() ? nextSequence : -1;
            attempts = 0;
            send(nowMs);
        }
        sim.schedule(nowMs + sim.config.producerIntervalMs(), nodeId, t);
    }

    private void send(long nowMs) {
        attempts++;
        requestId = sim.nextId();
        // The broker answers an acks=all produce within its timeout; wait a little longer than that.
        retryAtMs = nowMs + sim.config.produceTimeoutMs() + EXTRA_WAIT_MS;
        int leader = sim.leaderHint(partition);
        if (leader < 0) {
            return;   // no leader known: the tick retries after the timeout
        }
        sim.send(nodeId, leader, new Message.Produce(requestId, partition, acks, count, producerId,
                idempotent() ? producerEpoch : 0, sequence, payloadId));
        if (acks == 0) {
            inflight = false;   // fire and forget
        }
    }

    private void retry(long nowMs) {
        if (!idempotent() && attempts >= MAX_ATTEMPTS_WITHOUT_IDEMPOTENCE) {
            inflight = false;
            return;
        }
        send(nowMs);
    }

    void onReply(Message.ProduceReply r, long nowMs) {
        if (!inflight || r.requestId() != requestId) {
            return;
        }
        ErrorCode error = r.error();
        if (error == ErrorCode.NONE) {
            inflight = false;
            if (idempotent()) {
                nextSequence += count;
            }
            return;
        }
        if (error == ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER || error == ErrorCode.INVALID_PRODUCER_EPOCH) {
            // The partition lost state this producer relied on: start a new epoch (what the Java client's
            // idempotent producer does on an unresolved sequence), abandoning the batch.
            inflight = false;
            producerEpoch++;
            nextSequence = 0;
            return;
        }
        // Retriable: try again at the first tick after a short backoff.
        retryAtMs = nowMs + RETRY_BACKOFF_MS;
    }
}
