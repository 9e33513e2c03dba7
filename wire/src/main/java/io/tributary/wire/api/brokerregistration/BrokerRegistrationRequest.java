package io.tributary.wire.api.brokerregistration;

import io.tributary.wire.api.SecurityProtocol;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A BrokerRegistration request: a broker announcing itself to the active controller at startup.
 * Fields a version lacks read as their defaults: {@code isMigratingZkBroker} false before v1,
 * {@code logDirs} empty before v2, {@code previousBrokerEpoch} -1 before v3.
 *
 * @param clusterId            the cluster id the broker was formatted with
 * @param incarnationId        random per process start; a {@link UUID}, as the metadata module keeps it
 * @param listeners            where clients and other brokers reach this broker
 * @param features             the feature levels this broker supports
 * @param rack                 null when the broker has no {@code broker.rack}
 * @param logDirs              ids of the log directories that are online (v2+)
 * @param previousBrokerEpoch  the epoch before a clean shutdown, -1 if none (v3+)
 */
public record BrokerRegistrationRequest(
        int brokerId,
        String clusterId,
        UUID incarnationId,
        List<Listener> listeners,
        List<Feature> features,
        String rack,
        boolean isMigratingZkBroker,
        List<UUID> logDirs,
        long previousBrokerEpoch) {

    public BrokerRegistrationRequest {
        Objects.requireNonNull(incarnationId, "incarnationId");
        listeners = List.copyOf(listeners);
        features = List.copyOf(features);
        logDirs = List.copyOf(logDirs);
    }

    /**
     * One listener.
     *
     * @param port 0-65535 (an unsigned 16-bit field on the wire)
     */
    public record Listener(String name, String host, int port, SecurityProtocol securityProtocol) {

        public Listener {
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port " + port + " of listener " + name + " is not 0-65535");
            }
            Objects.requireNonNull(securityProtocol, "securityProtocol");
        }
    }

    /** A feature and the levels this broker supports. */
    public record Feature(String name, short minSupportedVersion, short maxSupportedVersion) {
    }
}
