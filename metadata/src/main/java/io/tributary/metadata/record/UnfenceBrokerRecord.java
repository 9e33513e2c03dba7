package io.tributary.metadata.record;

/**
 * A fenced broker caught up with the metadata log and heartbeated again, so it may lead and join ISRs again.
 * The broker epoch names the registration this applies to; replay refuses a stale one.
 */
public record UnfenceBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {

    public UnfenceBrokerRecord {
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker id must be >= 0, got " + brokerId);
        }
        if (brokerEpoch < 0) {
            throw new IllegalArgumentException("broker epoch must be >= 0, got " + brokerEpoch + " for broker " + brokerId);
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.UNFENCE_BROKER;
    }
}
