package io.tributary.metadata.config;

import io.tributary.common.config.ConfigType;

import java.util.List;
import java.util.Objects;

/**
 * A topic config key's effective value and where it came from, with every level that has a value
 * for it (most specific first), as DescribeConfigs reports them. Topic configs are never read-only
 * nor sensitive.
 *
 * @param value the effective value in the topic key's own units, as text
 * @param synonyms the first entry is the one in effect
 */
public record ResolvedConfig(String name, String value, ConfigSource source, ConfigType type, String doc,
                             List<ConfigSynonym> synonyms) {

    public ResolvedConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        synonyms = List.copyOf(synonyms);
    }

    /** Whether a topic override sets this key (kafka-topics --describe lists only these). */
    public boolean isOverride() {
        return source == ConfigSource.DYNAMIC_TOPIC_CONFIG;
    }
}
