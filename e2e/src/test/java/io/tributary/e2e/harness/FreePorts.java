package io.tributary.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks free loopback ports by binding port 0 and releasing it. The kernel hands out ports from its
 * ephemeral range, so tests never collide with fixed ports of other programs on the machine.
 *
 * <p>A released port can in principle be taken again before the node binds it; the harness handles
 * that by relaunching a node whose first start failed to bind (see {@link TributaryNode}). Within
 * this JVM, a port is never handed out twice, so two nodes of one cluster cannot get the same port.
 */
public final class FreePorts {
    /** Bounds the attempts to find a port not yet handed out in this JVM. */
    private static final int ATTEMPTS_MAX = 100;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** Returns a loopback port that was free a moment ago and has not been handed out in this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            int port = bindAndRelease();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no fresh free port after " + ATTEMPTS_MAX + " attempts");
    }

    private static int bindAndRelease() {
        try (ServerSocket socket = new ServerSocket()) {
            // Without SO_REUSEADDR the bind fails on a port that still has connections in TIME_WAIT,
            // which is what a node would then trip over.
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an ephemeral loopback port", e);
        }
    }
}
