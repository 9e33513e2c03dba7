package io.tributary.metadata.record;

/**
 * A block of producer ids was handed to a broker: every id below {@code nextProducerId} is taken.
 * A snapshot writes this record with broker id and epoch -1, because only the next id matters
 * once the block is handed out.
 */
public record ProducerIdsRecord(int brokerId, long brokerEpoch, long nextProducerId) implements MetadataRecord {

    public ProducerIdsRecord {
        if (brokerId < -1) {
            throw new IllegalArgumentException("broker id must be >= -1, got " + brokerId);
        }
        if (brokerEpoch < -1) {
            throw new IllegalArgumentException("broker epoch must be >= -1, got " + brokerEpoch);
        }
        if (nextProducerId < 0) {
            throw new IllegalArgumentException("next producer id must be >= 0, got " + nextProducerId);
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.PRODUCER_IDS;
    }
}
