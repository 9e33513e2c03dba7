package io.tributary.broker.cluster;

import io.tributary.broker.net.client.ControllerClient;
import io.tributary.common.ErrorCode;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Waits until this broker's image holds everything the active controller has committed now: after a
 * forwarded change is answered, so the broker's own answer (and its client's next Metadata request)
 * reflects it.
 *
 * <p>The controller's committed offset comes from a probe: a Fetch of {@code __cluster_metadata} at an
 * offset past any batch, with no wait, which the controller answers at once, empty, with its committed
 * offset as the high watermark. Sent after the controller answered the change, it reports an offset at
 * or past the change's (a newly active controller has replayed everything committed before it took
 * over). Then {@link OffsetWaiters} waits for the image. Both steps are bounded by the caller's
 * timeout; if either fails or times out the wait ends anyway (the change is committed; only this
 * broker's view may lag by a round trip).
 */
public final class ControllerCatchUp {

    /** Past any offset a metadata log reaches, so the probe never carries batches. */
    static final long PROBE_OFFSET = Long.MAX_VALUE - 1;

    private final int nodeId;
    private final ControllerClient controller;
    private final OffsetWaiters waiters;

    public ControllerCatchUp(int nodeId, ControllerClient controller, OffsetWaiters waiters) {
        this.nodeId = nodeId;
        this.controller = controller;
        this.waiters = waiters;
    }

    /** Completes (never exceptionally) once the image has caught up with the controller's committed offset, or after {@code timeoutMs}. */
    public CompletableFuture<Void> await(long timeoutMs) {
        long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
        FetchRequest probe = new FetchRequest(nodeId, -1L, 0, 0, 0, IsolationLevel.READ_UNCOMMITTED, 0, -1,
                List.of(new FetchRequest.Topic(FetchRequest.CLUSTER_METADATA_TOPIC, FetchRequest.CLUSTER_METADATA_TOPIC_ID,
                        List.of(new FetchRequest.Partition(0, -1, PROBE_OFFSET, -1, -1L, 0)))), List.of(), "", null);
        return controller.send(FetchClientCodec.INSTANCE, probe, Math.max(1, timeoutMs))
                .thenCompose(r -> {
                    long hw = highWatermark(r);
                    long remainingMs = Math.max(1, (deadlineNs - System.nanoTime()) / 1_000_000L);
                    return hw < 0 ? CompletableFuture.completedFuture(true) : waiters.await(hw, remainingMs);
                })
                .handle((ok, error) -> null);
    }

    private static long highWatermark(FetchResponse r) {
        if (r.error() != ErrorCode.NONE || r.topics().isEmpty() || r.topics().get(0).partitions().isEmpty()) {
            return -1;
        }
        FetchResponse.PartitionResponse p = r.topics().get(0).partitions().get(0);
        return p.error() == ErrorCode.NONE ? p.highWatermark() : -1;
    }
}
