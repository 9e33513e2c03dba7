package io.tributary.broker.network;

import java.net.BindException;

/**
 * Why a listener could not bind, in words an operator acts on. The transports say it differently
 * (epoll: {@code bind(..) failed with error(-98): Address already in use}; NIO: a
 * {@link BindException}); the common causes get one plain sentence, anything else its own message.
 */
public final class BindFailure {

    private BindFailure() {
    }

    /** The cause of {@code e}, a failed bind, as one line. */
    public static String describe(Throwable e) {
        String message = String.valueOf(e.getMessage());
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("address already in use")) {
            return "the address is already in use (another process, or another listener of this node, holds the port)";
        }
        if (lower.contains("cannot assign requested address")) {
            return "no network interface of this host has that address";
        }
        if (lower.contains("permission denied")) {
            return "permission denied (ports below 1024 need privileges)";
        }
        return e instanceof BindException ? message : e.getClass().getSimpleName() + ": " + message;
    }
}
