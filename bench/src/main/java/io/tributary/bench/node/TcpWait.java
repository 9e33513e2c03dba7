package io.tributary.bench.node;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Waits until a freshly started node accepts TCP connections, or fails early if its process died. */
final class TcpWait {

    private static final long POLL_MS = 200;
    private static final int CONNECT_TIMEOUT_MS = 500;

    private TcpWait() {
    }

    static void untilAccepting(String host, int port, ChildProcess process, Duration timeout)
            throws IOException, InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(process.name() + " exited before listening on " + port + "; log tail:\n" + process.tail(30));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadlineNs) {
                    throw new IOException(process.name() + " did not listen on " + port + " within "
                            + timeout.toSeconds() + " s; log tail:\n" + process.tail(30));
                }
            }
            // Polling a port has no condition to wait on; a short fixed pause bounds the connect attempts.
            Thread.sleep(POLL_MS);
        }
    }
}
