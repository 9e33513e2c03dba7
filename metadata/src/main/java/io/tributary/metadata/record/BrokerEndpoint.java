package io.tributary.metadata.record;

import java.util.Objects;

/**
 * One listener a broker advertises: its name (for example {@code PLAINTEXT}), the host and port
 * clients should connect to, and the security protocol spoken there.
 */
public record BrokerEndpoint(String listenerName, String host, int port, String securityProtocol) {

    public BrokerEndpoint {
        Objects.requireNonNull(listenerName, "listenerName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(securityProtocol, "securityProtocol");
        if (listenerName.isEmpty()) {
            throw new IllegalArgumentException("a listener name must not be empty");
        }
        Replicas.checkedText("listener name", listenerName);
        Replicas.checkedText("host", host);
        Replicas.checkedText("security protocol", securityProtocol);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port + " for listener " + listenerName);
        }
    }
}
