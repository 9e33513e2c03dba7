package io.tributary.e2e.harness;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain TCP connection to a broker, for sending bytes no client would send. Reads are bounded by
 * a timeout; a peer that closes (EOF or reset) is an answer, not an error.
 *
 * <p>Response frames read by {@link #readFrame} have the Kafka layout:
 * <pre>
 *   int32 size (of what follows) | response header (int32 correlation id [, tagged fields]) | body
 * </pre>
 */
public final class RawConnection implements AutoCloseable {
    /** A response bigger than this is not one the fuzz tests provoke; refuse to buffer it. */
    private static final int RESPONSE_BYTES_MAX = 16 * 1024 * 1024;
    private final Socket socket;
    private final DataInputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Connects to the first address of {@code bootstrap} ({@code host:port[,host:port...]}). */
    public static RawConnection open(String bootstrap) {
        String first = bootstrap.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 5_000);
            return new RawConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + first, e);
        }
    }

    /**
     * Writes {@code bytes}. Returns false if the broker had already closed the connection (a write
     * then fails with a broken pipe or a reset), which is a legitimate reaction to garbage.
     */
    public boolean send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return true;
        } catch (SocketException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response frame (without its size prefix); empty if the broker closed the connection. */
    public Optional<ByteBuffer> readFrame(Duration timeout) {
        try {
            socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            int size = in.readInt();
            if (size < 0 || size > RESPONSE_BYTES_MAX) {
                throw new AssertionError("response frame claims " + size + " bytes");
            }
            byte[] frame = new byte[size];
            in.readFully(frame);
            return Optional.of(ByteBuffer.wrap(frame));
        } catch (EOFException | SocketException e) {
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response and no close within " + timeout, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the broker closes the connection, discarding anything it sends first. Returns
     * false if the connection is still open after {@code timeout}.
     */
    public boolean awaitClosedByPeer(Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
                if (in.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the peer
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket the broker already dropped can fail; there is nothing left to release.
        }
    }
}
