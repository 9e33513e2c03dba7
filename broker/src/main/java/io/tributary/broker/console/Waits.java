package io.tributary.broker.console;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a future until a shared deadline: the console answers with what came in time. */
final class Waits {

    private Waits() {
    }

    /** The value, or null when it failed or did not come before {@code deadlineNs} (of {@link System#nanoTime}). */
    static <T> T await(CompletableFuture<T> f, long deadlineNs) throws InterruptedException {
        try {
            return f.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }
}
