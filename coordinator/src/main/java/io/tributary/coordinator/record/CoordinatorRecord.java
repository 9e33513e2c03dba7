package io.tributary.coordinator.record;

/**
 * One record of {@code __consumer_offsets}: a key that names what it is about (a group, or a
 * group's offset for one partition) and a value, where a null value is a tombstone that deletes
 * the key. Compaction keeps the latest record per key, so a record must always carry the whole
 * state of its key, never a change to it. {@link CoordinatorRecordCodec} gives the byte format.
 */
public sealed interface CoordinatorRecord permits GroupMetadataRecord, OffsetCommitRecord {

    /** The group this record belongs to; every record of a group lands in the same partition. */
    String groupId();

    /** Whether this record deletes its key. */
    boolean isTombstone();
}
