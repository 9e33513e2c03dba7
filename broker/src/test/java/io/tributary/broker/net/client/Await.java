package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Bounded waits on futures: a test that waits longer than this has found a hang, and says so. */
final class Await {

    static final Duration BOUND = Duration.ofSeconds(10);

    private Await() {
    }

    static <T> T value(CompletableFuture<T> f) {
        try {
            return f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected a value but the future failed with " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("future not done within " + BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The cause the future failed with (unwrapped), failing the test if it succeeds or hangs. */
    static Throwable failure(CompletableFuture<?> f) {
        try {
            Object v = f.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return fail("expected a failure but the future completed with " + v);
        } catch (ExecutionException e) {
            return Futures.unwrap(e.getCause());
        } catch (TimeoutException e) {
            return fail("future not done within " + BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The failure of a future that must already be done: "fails fast" means before send returns. */
    static Throwable immediateFailure(CompletableFuture<?> f) {
        assertThat(f).as("failed before send returned").isCompletedExceptionally();
        return failure(f);
    }
}
