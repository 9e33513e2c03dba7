package io.tributary.broker.net.client;

/**
 * The knobs of a {@link NodeConnection}. Names follow the Kafka client keys they mirror.
 *
 * @param clientId            the client id written in every request header (Kafka's {@code client.id})
 * @param connectTimeoutMs    how long a TCP connect may take (Kafka's
 *                            {@code socket.connection.setup.timeout.ms}, default 10000)
 * @param requestTimeoutMs    the timeout of the ApiVersions handshake, and the longest one attempt of a
 *                            {@link ControllerClient} request may wait (Kafka's {@code request.timeout.ms},
 *                            default 30000)
 * @param maxInFlightRequests requests sent and not yet answered on one connection; a send beyond it fails
 *                            with {@link ConnectionBusyException} (Kafka's
 *                            {@code max.in.flight.requests.per.connection}, default 5)
 * @param responseBytesMax    the largest response frame accepted, size prefix excluded; a larger one
 *                            closes the connection. The default, 104857600, is Kafka's
 *                            {@code socket.request.max.bytes}, far above {@code replica.fetch.response.max.bytes}
 *                            (10 MiB), so a Fetch answer always fits
 */
public record ClientSettings(String clientId, int connectTimeoutMs, int requestTimeoutMs, int maxInFlightRequests,
                             int responseBytesMax) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    public static final int DEFAULT_MAX_IN_FLIGHT_REQUESTS = 5;
    public static final int DEFAULT_RESPONSE_BYTES_MAX = 104_857_600;

    /** The smallest frame that can carry a response: its correlation id. */
    static final int RESPONSE_BYTES_MIN = Integer.BYTES;

    public ClientSettings {
        if (clientId == null) {
            throw new IllegalArgumentException("clientId must not be null (use an empty string for none)");
        }
        if (connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("connectTimeoutMs must be positive, was " + connectTimeoutMs);
        }
        if (requestTimeoutMs <= 0) {
            throw new IllegalArgumentException("requestTimeoutMs must be positive, was " + requestTimeoutMs);
        }
        if (maxInFlightRequests <= 0) {
            throw new IllegalArgumentException("maxInFlightRequests must be positive, was " + maxInFlightRequests);
        }
        if (responseBytesMax < RESPONSE_BYTES_MIN) {
            throw new IllegalArgumentException("responseBytesMax must be at least " + RESPONSE_BYTES_MIN + ", was " + responseBytesMax);
        }
    }

    /** Kafka's defaults with this client id. */
    public static ClientSettings defaults(String clientId) {
        return new ClientSettings(clientId, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS,
                DEFAULT_MAX_IN_FLIGHT_REQUESTS, DEFAULT_RESPONSE_BYTES_MAX);
    }

    public ClientSettings withConnectTimeoutMs(int ms) {
        return new ClientSettings(clientId, ms, requestTimeoutMs, maxInFlightRequests, responseBytesMax);
    }

    public ClientSettings withRequestTimeoutMs(int ms) {
        return new ClientSettings(clientId, connectTimeoutMs, ms, maxInFlightRequests, responseBytesMax);
    }

    public ClientSettings withMaxInFlightRequests(int n) {
        return new ClientSettings(clientId, connectTimeoutMs, requestTimeoutMs, n, responseBytesMax);
    }

    public ClientSettings withResponseBytesMax(int bytes) {
        return new ClientSettings(clientId, connectTimeoutMs, requestTimeoutMs, maxInFlightRequests, bytes);
    }
}
