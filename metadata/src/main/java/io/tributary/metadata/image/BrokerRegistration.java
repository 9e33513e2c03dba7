package io.tributary.metadata.image;

import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.RegisterBrokerRecord;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered broker as the metadata log describes it.
 *
 * <p>States and legal transitions (each driven by one record, refused otherwise):
 * <pre>
 *   (absent) --RegisterBroker--> FENCED (or UNFENCED if the record says so)
 *   FENCED   --UnfenceBroker-->  UNFENCED
 *   UNFENCED --FenceBroker-->    FENCED
 *   UNFENCED --BrokerControlledShutdown--> CONTROLLED_SHUTDOWN
 *   CONTROLLED_SHUTDOWN --FenceBroker--> FENCED
 *   any      --RegisterBroker (higher epoch)--> FENCED/UNFENCED (a restart)
 *   any      --UnregisterBroker--> (absent)
 * </pre>
 * Only an {@link #isActive() active} broker (unfenced and not shutting down) may lead a partition
 * or be added to an ISR.
 */
public record BrokerRegistration(int brokerId, long brokerEpoch, UUID incarnationId, List<BrokerEndpoint> endpoints,
                                 String rack, boolean fenced, boolean inControlledShutdown) {

    public BrokerRegistration {
        Objects.requireNonNull(incarnationId, "incarnationId");
        endpoints = List.copyOf(endpoints);
        if (fenced && inControlledShutdown) {
            throw new IllegalArgumentException("broker " + brokerId + " cannot be both fenced and in controlled shutdown");
        }
    }

    static BrokerRegistration fromRecord(RegisterBrokerRecord r) {
        return new BrokerRegistration(r.brokerId(), r.brokerEpoch(), r.incarnationId(), r.endpoints(), r.rack(), r.fenced(), false);
    }

    RegisterBrokerRecord toRecord() {
        return new RegisterBrokerRecord(brokerId, brokerEpoch, incarnationId, endpoints, rack, fenced);
    }

    /** Whether the broker may lead partitions and join ISRs: unfenced and not shutting down. */
    public boolean isActive() {
        return !fenced && !inControlledShutdown;
    }

    public Optional<String> rackOpt() {
        return Optional.ofNullable(rack);
    }

    /** The endpoint of the named listener, if the broker has one. */
    public Optional<BrokerEndpoint> endpoint(String listenerName) {
        return endpoints.stream().filter(e -> e.listenerName().equals(listenerName)).findFirst();
    }

    BrokerRegistration withFenced(boolean newFenced) {
        return new BrokerRegistration(brokerId, brokerEpoch, incarnationId, endpoints, rack, newFenced, false);
    }

    BrokerRegistration enterControlledShutdown() {
        return new BrokerRegistration(brokerId, brokerEpoch, incarnationId, endpoints, rack, false, true);
    }
}
