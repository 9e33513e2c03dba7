package io.tributary.metadata.record;

/**
 * A record that changes nothing. A newly active controller may append one to learn when
 * everything before its term is committed, as KRaft does.
 */
public record NoOpRecord() implements MetadataRecord {

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.NO_OP;
    }
}
