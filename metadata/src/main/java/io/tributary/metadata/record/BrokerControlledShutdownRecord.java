package io.tributary.metadata.record;

/**
 * A broker asked to shut down. Until it is fenced it stays registered and serves, but it is no longer elected leader nor kept in ISRs, so its leaderships move away before it stops.
 * The broker epoch names the registration this applies to; replay refuses a stale one.
 */
public record BrokerControlledShutdownRecord(int brokerId, long brokerEpoch) implements MetadataRecord {

    public BrokerControlledShutdownRecord {
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker id must be >= 0, got " + brokerId);
        }
        if (brokerEpoch < 0) {
            throw new IllegalArgumentException("broker epoch must be >= 0, got " + brokerEpoch + " for broker " + brokerId);
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.BROKER_CONTROLLED_SHUTDOWN;
    }
}
