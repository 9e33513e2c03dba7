package io.tributary.broker.net.client;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the futures this package composes. */
final class Futures {

    private Futures() {
    }

    /** The real cause behind the wrappers {@code CompletableFuture} adds when a stage fails. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
