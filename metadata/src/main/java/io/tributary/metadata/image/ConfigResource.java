package io.tributary.metadata.image;

import io.tributary.metadata.record.ConfigResourceType;

import java.util.Comparator;
import java.util.Objects;

/**
 * What a config applies to: a topic by name, or a broker by id in decimal ({@code ""} is the
 * cluster-wide default for all brokers).
 */
public record ConfigResource(ConfigResourceType type, String name) implements Comparable<ConfigResource> {

    private static final Comparator<ConfigResource> ORDER =
            Comparator.comparing(ConfigResource::type).thenComparing(ConfigResource::name);

    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    public static ConfigResource topic(String name) {
        return new ConfigResource(ConfigResourceType.TOPIC, name);
    }

    public static ConfigResource broker(int brokerId) {
        return new ConfigResource(ConfigResourceType.BROKER, Integer.toString(brokerId));
    }

    /** The cluster-wide default broker resource, whose configs apply to every broker. */
    public static ConfigResource defaultBroker() {
        return new ConfigResource(ConfigResourceType.BROKER, "");
    }

    @Override
    public int compareTo(ConfigResource o) {
        return ORDER.compare(this, o);
    }
}
