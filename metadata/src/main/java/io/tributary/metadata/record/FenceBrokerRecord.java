package io.tributary.metadata.record;

/**
 * A broker was fenced: its session lapsed, it asked to be, or its controlled shutdown finished. A fenced broker leads nothing and joins no ISR.
 * The broker epoch names the registration this applies to; replay refuses a stale one.
 */
public record FenceBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {

    public FenceBrokerRecord {
        if (brokerId < 0) {
            throw new IllegalArgumentException("broker id must be >= 0, got " + brokerId);
        }
        if (brokerEpoch < 0) {
            throw new IllegalArgumentException("broker epoch must be >= 0, got " + brokerEpoch + " for broker " + brokerId);
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.FENCE_BROKER;
    }
}
