package io.tributary.controller;

import io.tributary.common.config.ConfigException;
import io.tributary.metadata.controller.ControllerConfig;

import java.util.Map;

/**
 * What the {@link ControllerDriver} needs: the node id, the pure controller's config, and the
 * driver's own bounds. {@link #fromProperties} reads Kafka's keys; the bounds are fixed defaults
 * (changed only by tests through the {@code with...} methods).
 *
 * <p>Broker liveness defaults (Kafka: {@code broker.session.timeout.ms}=9000,
 * {@code broker.heartbeat.interval.ms}=2000); the reasoning is in docs/design/cluster.md, "Failure
 * detection":
 * <ul>
 *   <li>{@value #DEFAULT_BROKER_HEARTBEAT_INTERVAL_MS} ms between heartbeats and a session of
 *       {@link ControllerConfig#DEFAULT_BROKER_SESSION_TIMEOUT_MS} ms, five heartbeats, the ratio
 *       Kafka keeps. A crashed process is noticed when its connection closes, within a round trip;
 *       the session only has to catch a stopped or cut-off broker, in 1.5 to 1.9 s, while riding
 *       out a lost packet's retransmissions and ordinary GC pauses.</li>
 *   <li>The session check runs every quarter session, at most every
 *       {@value #SESSION_CHECK_INTERVAL_MAX_MS} ms, so a lapse is acted on at most that late. The
 *       check is a scan of the registered brokers on the controller thread that writes nothing
 *       unless a session lapsed, so running it often costs next to nothing, and it takes the
 *       jitter out of the time to fence a stopped broker (1.5 to 1.6 s instead of 1.5 to 1.9 s).</li>
 * </ul>
 *
 * @param nodeId                this node's {@code node.id}
 * @param controller            the pure controller's config (its {@code maxUncommittedBatches}
 *                              bounds the batches in flight to the log)
 * @param sessionCheckIntervalMs how often the active controller fences brokers whose session lapsed
 * @param requestsMax           requests that may wait for the controller thread
 * @param logEventsMax          log events that may wait for it before the log's thread is held back
 * @param tailBatchesMax        recent committed batches kept for brokers' fetches
 * @param tailBytesMax          ... and their total encoded size
 * @param parkedFetchesMax      long-polls that may wait for a commit at once
 * @param fetchResponseBytesMax batch bytes in one fetch answer (at least one batch is always sent)
 */
public record ControllerDriverConfig(int nodeId, ControllerConfig controller, long sessionCheckIntervalMs, int requestsMax,
                                     int logEventsMax, int tailBatchesMax, long tailBytesMax, int parkedFetchesMax,
                                     int fetchResponseBytesMax) {

    /** The longest gap between two session checks: how late a lapsed session may be acted on. */
    public static final long SESSION_CHECK_INTERVAL_MAX_MS = 100;

    public static final String NODE_ID = "node.id";
    public static final String BROKER_SESSION_TIMEOUT_MS = ControllerConfig.BROKER_SESSION_TIMEOUT_MS;
    public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";

    public static final long DEFAULT_BROKER_SESSION_TIMEOUT_MS = ControllerConfig.DEFAULT_BROKER_SESSION_TIMEOUT_MS;
    /** Tributary's default for brokers (Kafka: 2000); read by the broker, stated here beside the session it serves. */
    public static final long DEFAULT_BROKER_HEARTBEAT_INTERVAL_MS = 300L;

    /** Below Ratis's default of 4096 pending writes, so the quorum never refuses an append for being full. */
    public static final int UNCOMMITTED_BATCHES_MAX = 1000;
    public static final int REQUESTS_MAX = 1024;
    public static final int LOG_EVENTS_MAX = 1024;
    public static final int TAIL_BATCHES_MAX = 10_000;
    public static final long TAIL_BYTES_MAX = 32L * 1024 * 1024;
    public static final int PARKED_FETCHES_MAX = 1024;
    public static final int FETCH_RESPONSE_BYTES_MAX = 1024 * 1024;

    public ControllerDriverConfig {
        if (nodeId < 0) {
            throw new ConfigException(NODE_ID, nodeId, "must be non-negative");
        }
        if (sessionCheckIntervalMs < 1) {
            throw new IllegalArgumentException("session check interval must be >= 1 ms, got " + sessionCheckIntervalMs);
        }
        if (requestsMax < 1 || logEventsMax < 1 || tailBatchesMax < 1 || tailBytesMax < 1 || parkedFetchesMax < 1
                || fetchResponseBytesMax < 1) {
            throw new IllegalArgumentException("every bound must be >= 1");
        }
    }

    /** The driver's defaults around {@code controller}, whose uncommitted-batch bound is capped at {@value #UNCOMMITTED_BATCHES_MAX}. */
    public static ControllerDriverConfig of(int nodeId, ControllerConfig controller) {
        ControllerConfig capped = controller.maxUncommittedBatches() > UNCOMMITTED_BATCHES_MAX
                ? controller.withMaxUncommittedBatches(UNCOMMITTED_BATCHES_MAX) : controller;
        return new ControllerDriverConfig(nodeId, capped, sessionCheckIntervalFor(capped.brokerSessionTimeoutMs()), REQUESTS_MAX,
                LOG_EVENTS_MAX, TAIL_BATCHES_MAX, TAIL_BYTES_MAX, PARKED_FETCHES_MAX, FETCH_RESPONSE_BYTES_MAX);
    }

    /** Reads {@code node.id} (required) and the controller's keys; a bad value throws {@link ConfigException} naming its key. */
    public static ControllerDriverConfig fromProperties(Map<String, String> props) {
        String id = props.get(NODE_ID);
        if (id == null) {
            throw new ConfigException(NODE_ID, null, "this key is required");
        }
        int nodeId;
        try {
            nodeId = Integer.parseInt(id.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(NODE_ID, id, "expected a 32-bit integer");
        }
        return of(nodeId, ControllerConfig.fromProperties(props));
    }

    /** A quarter session, so a lapse is acted on at most a quarter session late. */
    static long sessionCheckIntervalFor(long sessionTimeoutMs) {
        return Math.max(1, Math.min(SESSION_CHECK_INTERVAL_MAX_MS, sessionTimeoutMs / 4));
    }

    public long brokerSessionTimeoutMs() {
        return controller.brokerSessionTimeoutMs();
    }

    /** The same, with another session timeout (and a session check every quarter of it, at most every 100 ms). */
    public ControllerDriverConfig withBrokerSessionTimeoutMs(long timeoutMs) {
        return new ControllerDriverConfig(nodeId, controller.withBrokerSessionTimeoutMs(timeoutMs), sessionCheckIntervalFor(timeoutMs),
                requestsMax, logEventsMax, tailBatchesMax, tailBytesMax, parkedFetchesMax, fetchResponseBytesMax);
    }

    public ControllerDriverConfig withTail(int batchesMax, long bytesMax) {
        return new ControllerDriverConfig(nodeId, controller, sessionCheckIntervalMs, requestsMax, logEventsMax, batchesMax, bytesMax,
                parkedFetchesMax, fetchResponseBytesMax);
    }

    public ControllerDriverConfig withParkedFetchesMax(int max) {
        return new ControllerDriverConfig(nodeId, controller, sessionCheckIntervalMs, requestsMax, logEventsMax, tailBatchesMax,
                tailBytesMax, max, fetchResponseBytesMax);
    }

    public ControllerDriverConfig withRequestsMax(int max) {
        return new ControllerDriverConfig(nodeId, controller, sessionCheckIntervalMs, max, logEventsMax, tailBatchesMax,
                tailBytesMax, parkedFetchesMax, fetchResponseBytesMax);
    }
}
