package io.tributary.metadata.config;

import java.util.Objects;

/**
 * One place a config value could come from, as DescribeConfigs reports synonyms: the key as it is
 * named at that level (the topic key for an override, the broker key otherwise), its value there,
 * and the level.
 */
public record ConfigSynonym(String name, String value, ConfigSource source) {

    public ConfigSynonym {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
