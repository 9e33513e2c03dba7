package io.tributary.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which connection each broker's heartbeats arrive on, so that when that connection closes the
 * controller fences the broker at once instead of waiting out its session: a crashed process's
 * sockets are closed by its kernel, so this is how a SIGKILL is noticed within a round trip.
 *
 * <p>A broker is bound to the connection of its latest accepted heartbeat, with that heartbeat's
 * broker epoch; a heartbeat on another connection moves the binding, so closing the old one is no
 * longer news. Soft state, like sessions: an active controller starts with no bindings and learns
 * them from heartbeats. Connection ids are opaque objects compared with {@code equals} (the
 * broker's Netty channel, say).
 *
 * <p>Bounded by the number of registered brokers that heartbeat (one binding each). Driver thread only.
 */
final class HeartbeatConnections {

    /** A broker registration whose heartbeats arrive on a connection. */
    record Binding(int brokerId, long brokerEpoch) {
    }

    private final Map<Integer, Object> connectionOfBroker = new HashMap<>();
    private final Map<Object, Map<Integer, Long>> brokersOfConnection = new HashMap<>();

    /** The broker's heartbeat with {@code brokerEpoch} was accepted on {@code connectionId}. */
    void bind(int brokerId, long brokerEpoch, Object connectionId) {
        Objects.requireNonNull(connectionId, "connectionId");
        Object previous = connectionOfBroker.put(brokerId, connectionId);
        if (previous != null && !previous.equals(connectionId)) {
            removeFrom(previous, brokerId);
        }
        brokersOfConnection.computeIfAbsent(connectionId, c -> new LinkedHashMap<>()).put(brokerId, brokerEpoch);
    }

    /** The connection closed: the brokers bound to it, which are bound to nothing now. */
    List<Binding> connectionClosed(Object connectionId) {
        Map<Integer, Long> brokers = brokersOfConnection.remove(connectionId);
        if (brokers == null) {
            return List.of();
        }
        List<Binding> out = new ArrayList<>(brokers.size());
        for (Map.Entry<Integer, Long> e : brokers.entrySet()) {
            connectionOfBroker.remove(e.getKey());
            out.add(new Binding(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The connection the broker heartbeats on, or null. */
    Object connectionOf(int brokerId) {
        return connectionOfBroker.get(brokerId);
    }

    int size() {
        return connectionOfBroker.size();
    }

    /** Forgets every binding (this controller resigned, or became active afresh). */
    void clear() {
        connectionOfBroker.clear();
        brokersOfConnection.clear();
    }

    private void removeFrom(Object connectionId, int brokerId) {
        Map<Integer, Long> brokers = brokersOfConnection.get(connectionId);
        if (brokers != null) {
            brokers.remove(brokerId);
            if (brokers.isEmpty()) {
                brokersOfConnection.remove(connectionId);
            }
        }
    }
}
