package io.tributary.metadata.record;

/**
 * A broker left the cluster for good (an operator unregistered it). Its replicas stay assigned but count as offline.
 * The broker epoch names the registration this applies to; replay refuses a stale one.
 */
public record UnregisterBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {

    public UnregisterBrokerRecord {
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker id must be >= 0, got " + brokerId);
        }
        if (brokerEpoch < 0) {
            throw new IllegalArgumentException("broker epoch must be >= 0, got " + brokerEpoch + " for broker " + brokerId);
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.UNREGISTER_BROKER;
    }
}
