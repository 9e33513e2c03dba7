package io.tributary.broker.handler.fetch;

import io.tributary.broker.purgatory.DelayedOperation;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * A fetch waiting for {@code fetch.min.bytes} to become readable, for at most {@code max.wait.ms}.
 * Woken by appends (and high-watermark moves) on its partitions; it completes early when enough
 * bytes are readable or when any partition now has an error to report (deleted, no longer led
 * here, offset out of range), and with whatever is there when the wait ends.
 */
final class DelayedFetch extends DelayedOperation<TopicPartition> {

    private final FetchPlan plan;
    private final int minBytes;
    private final Predicate<FetchPlan.Entry> stillCurrent;
    private final CompletableFuture<FetchResponse> future;

    DelayedFetch(long maxWaitMs, FetchPlan plan, int minBytes, Predicate<FetchPlan.Entry> stillCurrent,
                 CompletableFuture<FetchResponse> future) {
        super(maxWaitMs, plan.partitions());
        this.plan = plan;
        this.minBytes = minBytes;
        this.stillCurrent = stillCurrent;
        this.future = future;
    }

    @Override
    protected boolean tryComplete() {
        // Reading to count is cheap: a read returns file positions, not bytes.
        FetchPlan.Result r = plan.read(stillCurrent);
        if (r.bytes() >= minBytes || r.anyError()) {
            return forceComplete(false);
        }
        return false;
    }

    @Override
    protected void onComplete(boolean expired) {
        try {
            FetchPlan.Result r = plan.read(stillCurrent);
            plan.sent(r);
            future.complete(r.response());
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
    }
}
