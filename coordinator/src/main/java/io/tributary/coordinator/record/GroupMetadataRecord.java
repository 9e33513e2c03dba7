package io.tributary.coordinator.record;

import java.util.Objects;

/**
 * A group's membership as of its latest persisted generation, or (with a null {@code value}) the
 * group's deletion.
 */
public record GroupMetadataRecord(String groupId, GroupMetadataValue value) implements CoordinatorRecord {

    public GroupMetadataRecord {
        Objects.requireNonNull(groupId, "groupId");
    }

    public static GroupMetadataRecord tombstone(String groupId) {
        return new GroupMetadataRecord(groupId, null);
    }

    @Override
    public boolean isTombstone() {
        return value == null;
    }
}
