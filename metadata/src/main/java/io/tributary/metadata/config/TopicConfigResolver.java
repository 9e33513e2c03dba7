package io.tributary.metadata.config;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSchema;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Works out a topic's effective configs the way Kafka does: a topic override wins; otherwise the
 * first broker-level synonym that has a value, looking at the dynamic per-broker config, then the
 * dynamic cluster-wide default, then the broker's static config file; otherwise the default.
 * Every level with a value is reported as a synonym, so DescribeConfigs can show the chain.
 *
 * <p>Pure: the static broker config is given at construction, dynamic configs come from the image.
 */
public final class TopicConfigResolver {

    private final Map<String, String> staticBrokerConfig;

    /** @param staticBrokerConfig the broker's config file (keys not about topics are ignored) */
    public TopicConfigResolver(Map<String, String> staticBrokerConfig) {
        this.staticBrokerConfig = Map.copyOf(staticBrokerConfig);
    }

    /**
     * Every topic key of an existing topic, resolved. {@code brokerId} selects a broker's own dynamic
     * configs (a broker resolving for its logs); the controller passes empty.
     */
    public List<ResolvedConfig> resolveAll(MetadataImage image, String topic, OptionalInt brokerId) {
        return resolveAll(image.topicConfigs(topic), image, brokerId);
    }

    /** Every topic key for the given overrides (for a topic being created, say). */
    public List<ResolvedConfig> resolveAll(Map<String, String> topicOverrides, MetadataImage image, OptionalInt brokerId) {
        Levels levels = levels(topicOverrides, image, brokerId);
        List<ResolvedConfig> out = new ArrayList<>();
        for (String key : TopicConfigs.schema().keys().keySet()) {
            out.add(resolve(key, levels));
        }
        return out;
    }

    /** One key of an existing topic, resolved. */
    public ResolvedConfig resolve(MetadataImage image, String topic, String key, OptionalInt brokerId) {
        if (TopicConfigs.key(key) == null) {
            throw new IllegalArgumentException("not a topic config: " + key);
        }
        return resolve(key, levels(image.topicConfigs(topic), image, brokerId));
    }

    /** The effective value of every topic key, as text in the topic key's units. */
    public Map<String, String> effectiveValues(MetadataImage image, String topic, OptionalInt brokerId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ResolvedConfig c : resolveAll(image, topic, brokerId)) {
            if (c.value() != null) {
                out.put(c.name(), c.value());
            }
        }
        return out;
    }

    /** The effective values, parsed into typed values by the topic schema. */
    public ConfigSchema.Parsed effectiveParsed(MetadataImage image, String topic, OptionalInt brokerId) {
        return TopicConfigs.schema().parse(effectiveValues(image, topic, brokerId));
    }

    /** The effective boolean {@code unclean.leader.election.enable} for a topic: what the controller needs on every election. */
    public boolean uncleanLeaderElectionEnabled(MetadataImage image, String topic) {
        ResolvedConfig c = resolve(image, topic, TopicConfigs.UNCLEAN_LEADER_ELECTION_ENABLE, OptionalInt.empty());
        return Boolean.parseBoolean(c.value());
    }

    /**
     * The effective {@code min.insync.replicas} for a topic: the controller needs it on every ISR
     * change to keep the eligible leader replicas (KIP-966).
     */
    public int minInsyncReplicas(MetadataImage image, String topic) {
        ResolvedConfig c = resolve(image, topic, TopicConfigs.MIN_INSYNC_REPLICAS, OptionalInt.empty());
        return Integer.parseInt(c.value());
    }

    private record Levels(Map<String, String> topic, Map<String, String> dynamicBroker,
                          Map<String, String> dynamicDefault, Map<String, String> staticBroker) {
    }

    private Levels levels(Map<String, String> topicOverrides, MetadataImage image, OptionalInt brokerId) {
        Map<String, String> perBroker = brokerId.isPresent() ? image.configs(ConfigResource.broker(brokerId.getAsInt())) : Map.of();
        return new Levels(topicOverrides, perBroker, image.configs(ConfigResource.defaultBroker()), staticBrokerConfig);
    }

    private ResolvedConfig resolve(String key, Levels levels) {
        ConfigKey topicKey = Objects.requireNonNull(TopicConfigs.key(key), key);
        List<BrokerSynonym> brokerSynonyms = TopicConfigs.brokerSynonyms(key);
        List<ConfigSynonym> synonyms = new ArrayList<>();
        String value = null;
        ConfigSource source = null;

        String override = levels.topic().get(key);
        if (override != null) {
            synonyms.add(new ConfigSynonym(key, override, ConfigSource.DYNAMIC_TOPIC_CONFIG));
            value = ConfigKey.render(topicKey.parse(override));
            source = ConfigSource.DYNAMIC_TOPIC_CONFIG;
        }
        Object[][] brokerLevels = {
            {levels.dynamicBroker(), ConfigSource.DYNAMIC_BROKER_CONFIG},
            {levels.dynamicDefault(), ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG},
            {levels.staticBroker(), ConfigSource.STATIC_BROKER_CONFIG},
        };
        for (Object[] level : brokerLevels) {
            @SuppressWarnings("unchecked")
            Map<String, String> values = (Map<String, String>) level[0];
            ConfigSource levelSource = (ConfigSource) level[1];
            for (BrokerSynonym s : brokerSynonyms) {
                String text = values.get(s.name());
                if (text != null) {
                    synonyms.add(new ConfigSynonym(s.name(), text, levelSource));
                    if (value == null) {
                        value = toTopicValue(key, s, text);
                        source = levelSource;
                    }
                }
            }
        }
        for (BrokerSynonym s : brokerSynonyms) {
            if (s.defaultValue() != null) {
                synonyms.add(new ConfigSynonym(s.name(), ConfigKey.render(s.defaultValue()), ConfigSource.DEFAULT_CONFIG));
            }
        }
        if (value == null) {
            value = ConfigKey.render(topicKey.defaultValue());
            source = ConfigSource.DEFAULT_CONFIG;
        }
        return new ResolvedConfig(key, value, source, topicKey.type(), topicKey.doc(), synonyms);
    }

    private static String toTopicValue(String topicKey, BrokerSynonym s, String text) {
        String converted = s.toTopicValue(s.parse(text));
        try {
            return ConfigKey.render(TopicConfigs.key(topicKey).parse(converted));
        } catch (ConfigException e) {
            throw new ConfigException(s.name(), text, "gives " + topicKey + "=" + converted + ", which is invalid: " + e.getMessage());
        }
    }
}
