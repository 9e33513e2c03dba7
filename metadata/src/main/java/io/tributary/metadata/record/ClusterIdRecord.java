package io.tributary.metadata.record;

import java.util.Objects;

/**
 * The first record of a new cluster: its id, written once by the first active controller on an
 * empty log. Kafka renders a cluster id as a 22-character URL-safe base64 string of 128 random
 * bits; we accept any non-blank id of at most 64 characters so operators may preset one.
 */
public record ClusterIdRecord(String clusterId) implements MetadataRecord {

    public static final int MAX_LENGTH = 64;

    public ClusterIdRecord {
        Objects.requireNonNull(clusterId, "clusterId");
        if (clusterId.isBlank() || clusterId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a cluster id is 1.." + MAX_LENGTH + " non-blank characters, got '" + clusterId + "'");
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.CLUSTER_ID;
    }
}
