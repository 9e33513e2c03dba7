package io.tributary.broker.controller;

import io.tributary.broker.network.ConnectionInfo;
import io.tributary.broker.network.Outcome;
import io.tributary.broker.network.RequestDispatcher;
import io.tributary.wire.ParsedRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CONTROLLER listener's dispatcher, with a way to finish every request still in progress when the
 * node halts. A halted {@link io.tributary.controller.ControllerDriver} stops its thread where it stands:
 * the metadata long-polls parked there and the commands waiting for a commit are never answered. Each
 * request owns its frame's bytes until its future completes, so without this those bytes would never go
 * back to Netty (the leak detector reports them once the halted node is garbage).
 *
 * <p>Legal transitions: running → halted, which is final. While running, requests pass through and are
 * tracked until they complete; {@link #halt} completes every tracked one with {@link Outcome.Close}
 * (their connections are closing anyway), and a request dispatched after it gets the same at once.
 *
 * <p>Bounded: the tracked set holds only requests in progress, which the listener already bounds
 * ({@code max.connections} times {@code queued.max.requests}).
 *
 * <p>Threading: {@link #dispatch} runs on the listener's event loops, completions on any thread,
 * {@link #halt} on the halting thread.
 */
final class HaltableDispatcher implements RequestDispatcher {

    private static final Outcome.Close HALTED = new Outcome.Close("the controller halted");

    private final RequestDispatcher delegate;
    private final Set<CompletableFuture<Outcome>> inProgress = ConcurrentHashMap.newKeySet();
    private volatile boolean halted;

    HaltableDispatcher(RequestDispatcher delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Outcome> dispatch(ParsedRequest.Ok<?, ?> request, ConnectionInfo connection) {
        CompletableFuture<Outcome> f = delegate.dispatch(request, connection);
        if (f.isDone()) {
            return f;
        }
        inProgress.add(f);
        f.whenComplete((o, e) -> inProgress.remove(f));
        // Checked after adding, so a halt that ran meanwhile cannot miss this request.
        if (halted) {
            f.complete(HALTED);
        }
        return f;
    }

    /** Completes every request in progress, and every later one, with {@link Outcome.Close}. Idempotent. */
    void halt() {
        halted = true;
        for (CompletableFuture<Outcome> f : List.copyOf(inProgress)) {
            f.complete(HALTED);
        }
    }

    /** How many requests are in progress (tests). */
    int inProgress() {
        return inProgress.size();
    }
}
