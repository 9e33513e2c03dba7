package io.tributary.metadata.record;

import java.util.Objects;

/**
 * A config key was set or deleted on a resource. For a topic the resource name is the topic name;
 * for a broker it is the broker id in decimal, or the empty string for the cluster-wide default
 * that applies to every broker, as in Kafka.
 *
 * @param value the new value, or {@code null} to delete the key
 */
public record ConfigRecord(ConfigResourceType resourceType, String resourceName, String key, String value)
        implements MetadataRecord {

    public ConfigRecord {
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(key, "key");
        Replicas.checkedText("config resource name", resourceName);
        Replicas.checkedText("config key", key);
        Replicas.checkedText("value of config " + key, value);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a config key must not be empty (resource " + resourceType + " '" + resourceName + "')");
        }
        if (resourceType == ConfigResourceType.TOPIC && resourceName.isEmpty()) {
            throw new IllegalArgumentException("a topic config needs a topic name (key " + key + ")");
        }
    }

    @Override
    public MetadataRecordType type() {
        return MetadataRecordType.CONFIG;
    }
}
