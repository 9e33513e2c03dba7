package io.tributary.metadata.record;

/**
 * The type ids of metadata records as written in the first byte of each encoded record. The ids
 * are part of the on-disk format: they are never renumbered or reused, and {@code currentVersion}
 * only grows.
 */
public enum MetadataRecordType {
    CLUSTER_ID(1, 0),
    REGISTER_BROKER(2, 0),
    UNREGISTER_BROKER(3, 0),
    FENCE_BROKER(4, 0),
    UNFENCE_BROKER(5, 0),
    BROKER_CONTROLLED_SHUTDOWN(6, 0),
    TOPIC(7, 0),
    PARTITION(8, 2),
    PARTITION_CHANGE(9, 2),
    REMOVE_TOPIC(10, 0),
    CONFIG(11, 0),
    PRODUCER_IDS(12, 0),
    NO_OP(13, 0);

    private static final MetadataRecordType[] BY_ID = new MetadataRecordType[256];

    static {
        for (MetadataRecordType t : values()) {
            if (BY_ID[t.id] != null) {
                throw new IllegalStateException("duplicate metadata record type id " + t.id);
            }
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int currentVersion;

    MetadataRecordType(int id, int currentVersion) {
        this.id = id;
        this.currentVersion = currentVersion;
    }

    /** The byte written on the wire (0..255). */
    public int id() {
        return id;
    }

    /** The version this code writes; it reads every version from 0 up to this one. */
    public int currentVersion() {
        return currentVersion;
    }

    /** Returns the type for a wire id, or {@code null} if no type has that id. */
    public static MetadataRecordType forId(int id) {
        if (id < 0 || id >= BY_ID.length) {
            return null;
        }
        return BY_ID[id];
    }
}
