package io.tributary.quorum;

import java.util.Objects;

/**
 * One voter of {@code controller.quorum.voters}: its node id and the address of its CONTROLLER
 * listener, written {@code id@host:port}. That one address carries both the Raft traffic of the
 * quorum and the brokers' Kafka-protocol RPCs to the controller.
 */
public record QuorumVoter(int id, String host, int port) {

    public QuorumVoter {
        Objects.requireNonNull(host, "host");
        if (id < 0) {
            throw new IllegalArgumentException("voter id must be non-negative: " + id);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("voter " + id + " has an empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("voter " + id + " has port " + port + " outside 1-65535");
        }
    }

    /** {@code host:port}, with an IPv6 literal in brackets, as gRPC and Ratis expect a target. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return id + "@" + address();
    }
}
