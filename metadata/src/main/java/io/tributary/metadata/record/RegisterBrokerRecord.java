package io.tributary.metadata.record;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A broker registered (or registered again after a restart). The broker epoch identifies this
 * registration: it is larger than every epoch this broker id held before, so a request carrying an
 * older epoch is known to come from a previous incarnation. The incarnation id is random per
 * process start, which tells a restarted broker from a duplicate one.
 *
 * @param rack the broker's rack, or {@code null} when it has none
 * @param fenced whether the broker starts fenced; a registration normally does, and the broker is
 *               unfenced once it has caught up with the metadata log
 */
public record RegisterBrokerRecord(int brokerId, long brokerEpoch, UUID incarnationId,
                                   List<BrokerEndpoint> endpoints, String rack, boolean fenced)
        implements MetadataRecord {

    /** The most endpoints a broker may list. */
    public static final int MAX_ENDPOINTS = 1024;

    public RegisterBrokerRecord {
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker id must be >= 0, got " + brokerId);
        }
        if (brokerEpoch < 0) {
            throw new IllegalArgumentException("broker epoch must be >= 0, got " + brokerEpoch + " for broker " + brokerId);
        }
        Objects.requireNonNull(incarnationId, "incarnationId");
        Replicas.checkedText("rack of broker " + brokerId, rack);
        endpoints = List.copyOf(endpoints);
        if (endpoints.size() > MAX_ENDPOINTS) {
            throw new IllegalArgumentException("broker " + brokerId + " lists " + endpoints.size() + " endpoints, more than " + MAX_ENDPOINTS);
        }
        Set<String> names = new HashSet<>();
        for (BrokerEndpoint e : endpoints) {
            if (!names.add(e.listenerName())) {
                throw new IllegalArgumentException("broker " + brokerId + " lists listener " + e.listenerName() + " twice");
            }
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.REGISTER_BROKER;
    }
}
