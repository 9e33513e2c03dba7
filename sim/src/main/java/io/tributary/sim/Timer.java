package io.tributary.sim;

/**
 * A timer firing on one node. {@code token} tells a live timer from a stale one: a node that
 * re-arms a timer (a new fetch, a new term, a restart) bumps its token, and a firing whose token
 * no longer matches is ignored.
 *
 * @param partition the partition the timer is about, or -1
 */
record Timer(Kind kind, int partition, long token) {

    enum Kind {
        /** Broker: send the next heartbeat. */
        HEARTBEAT,
        /** Broker: retry registration. */
        REGISTER_RETRY,
        /** Broker, as leader: the periodic ISR check ({@code replica.lag.time.max.ms / 2}). */
        ISR_CHECK,
        /** Broker, as follower: send the next fetch (after the backoff). */
        FETCH,
        /** Broker, as follower: no fetch response came; fetch again. */
        FETCH_TIMEOUT,
        /** Broker, as leader: no AlterPartition response came; resend the pending proposal. */
        ALTER_PARTITION_RETRY,
        /** Broker: flush logs (make the tail durable). */
        FLUSH,
        /** Broker: write the high-watermark checkpoint. */
        HW_CHECKPOINT,
        /** Broker, as leader: an acks=all produce waited too long. */
        PRODUCE_TIMEOUT,
        /** Controller: fence brokers whose sessions lapsed. */
        FENCE_STALE,
        /** Client: the producer sends, retries or times out. */
        PRODUCER_TICK,
        /** Client: the consumer fetches. */
        CONSUMER_TICK,
        /** Harness: create the topic once enough brokers are up. */
        CREATE_TOPIC,
        /** Harness: draw the next faults. */
        FAULT_TICK,
        /** Broker, as leader of an offsets partition: the group coordinator finished loading it. */
        COORDINATOR_LOAD,
        /** Broker, as leader of an offsets partition: the coordinator's next deadline (sessions, rebalances, commit timeouts). */
        COORDINATOR_TICK,
        /** Client: the group member sends its next request or gives up waiting. */
        GROUP_TICK
    }

    @Override
    public String toString() {
        return "timer " + kind + (partition >= 0 ? " p" + partition : "") + " #" + token;
    }
}
