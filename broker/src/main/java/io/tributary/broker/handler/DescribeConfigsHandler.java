package io.tributary.broker.handler;

import io.tributary.broker.config.BrokerConfig;
import io.tributary.broker.config.BrokerConfigSchema;
import io.tributary.broker.image.MetadataView;
import io.tributary.common.ErrorCode;
import io.tributary.common.config.ConfigKey;
import io.tributary.metadata.config.ConfigSynonym;
import io.tributary.metadata.config.ResolvedConfig;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.wire.api.ConfigResourceType;
import io.tributary.wire.api.ConfigSource;
import io.tributary.wire.api.ConfigType;
import io.tributary.wire.api.describeconfigs.DescribeConfigsRequest;
import io.tributary.wire.api.describeconfigs.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs for topics (every topic key with its effective value, source and synonym chain,
 * as {@code kafka-configs --describe --all} shows it) and for this broker (its static config, plus
 * dynamic values set through IncrementalAlterConfigs). The broker resource named {@code ""} is the
 * cluster-wide dynamic default.
 */
public final class DescribeConfigsHandler implements ApiHandler<DescribeConfigsRequest, DescribeConfigsResponse> {

    private final MetadataView metadata;
    private final BrokerConfig config;
    private final TopicConfigResolver resolver;

    public DescribeConfigsHandler(MetadataView metadata, BrokerConfig config, TopicConfigResolver resolver) {
        this.metadata = metadata;
        this.config = config;
        this.resolver = resolver;
    }

    @Override
    public CompletableFuture<DescribeConfigsResponse> handle(RequestContext ctx, DescribeConfigsRequest request) {
        MetadataImage image = metadata.image();
        List<DescribeConfigsResponse.Result> results = new ArrayList<>();
        for (DescribeConfigsRequest.Resource r : request.resources()) {
            results.add(describe(image, r, request.includeSynonyms(), request.includeDocumentation()));
        }
        return CompletableFuture.completedFuture(new DescribeConfigsResponse(0, results));
    }

    private DescribeConfigsResponse.Result describe(MetadataImage image, DescribeConfigsRequest.Resource r, boolean synonyms,
                                                    boolean docs) {
        Set<String> wanted = r.allKeys() ? null : new HashSet<>(r.configurationKeys());
        if (r.type() == ConfigResourceType.TOPIC) {
            if (r.resourceName().isEmpty()) {
                return failed(r, ErrorCode.INVALID_TOPIC_EXCEPTION, "a topic name is required");
            }
            if (image.topic(r.resourceName()) == null) {
                return failed(r, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "topic " + r.resourceName() + " does not exist");
            }
            List<DescribeConfigsResponse.Entry> entries = new ArrayList<>();
            for (ResolvedConfig c : resolver.resolveAll(image, r.resourceName(), OptionalInt.of(config.nodeId()))) {
                if (wanted != null && !wanted.contains(c.name())) {
                    continue;
                }
                List<DescribeConfigsResponse.Synonym> syn = new ArrayList<>();
                if (synonyms) {
                    for (ConfigSynonym s : c.synonyms()) {
                        syn.add(new DescribeConfigsResponse.Synonym(s.name(), s.value(), ConfigSource.forCode(s.source().code())));
                    }
                }
                entries.add(new DescribeConfigsResponse.Entry(c.name(), c.value(), false, ConfigSource.forCode(c.source().code()),
                        false, syn, type(c.type()), docs ? c.doc() : null));
            }
            return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, r.resourceType(), r.resourceName(), entries);
        }
        if (r.type() == ConfigResourceType.BROKER) {
            if (r.resourceName().isEmpty()) {
                return brokerDefaults(image, r, wanted, synonyms, docs);
            }
            if (!r.resourceName().equals(Integer.toString(config.nodeId()))) {
                return failed(r, ErrorCode.INVALID_REQUEST, "unexpected broker id " + r.resourceName() + ", expected "
                        + config.nodeId() + " or the empty string");
            }
            return brokerConfigs(image, r, wanted, synonyms, docs);
        }
        return failed(r, ErrorCode.INVALID_REQUEST, "resource type " + r.type() + " is not supported");
    }

    /** The cluster-wide default resource: only the keys set dynamically there, as Kafka answers it. */
    private DescribeConfigsResponse.Result brokerDefaults(MetadataImage image, DescribeConfigsRequest.Resource r, Set<String> wanted,
                                                          boolean synonyms, boolean docs) {
        List<DescribeConfigsResponse.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> e : image.configs(ConfigResource.defaultBroker()).entrySet()) {
            if (wanted == null || wanted.contains(e.getKey())) {
                ConfigKey key = BrokerConfigSchema.SCHEMA.key(e.getKey());
                List<DescribeConfigsResponse.Synonym> syn = synonyms
                        ? List.of(new DescribeConfigsResponse.Synonym(e.getKey(), e.getValue(), ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG))
                        : List.of();
                entries.add(new DescribeConfigsResponse.Entry(e.getKey(), e.getValue(), false, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG,
                        false, syn, key == null ? ConfigType.UNKNOWN : type(key.type()), docs && key != null ? key.doc() : null));
            }
        }
        return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, r.resourceType(), r.resourceName(), entries);
    }

    private DescribeConfigsResponse.Result brokerConfigs(MetadataImage image, DescribeConfigsRequest.Resource r, Set<String> wanted,
                                                         boolean synonyms, boolean docs) {
        Map<String, String> perBroker = image.configs(ConfigResource.broker(config.nodeId()));
        Map<String, String> clusterDefault = image.configs(ConfigResource.defaultBroker());
        Set<String> dynamic = DynamicBrokerKeys.all();
        List<DescribeConfigsResponse.Entry> entries = new ArrayList<>();
        for (ConfigKey key : BrokerConfigSchema.SCHEMA.keys().values()) {
            String name = key.name();
            if (wanted != null && !wanted.contains(name)) {
                continue;
            }
            List<DescribeConfigsResponse.Synonym> chain = chain(name, perBroker, clusterDefault);
            String value;
            ConfigSource source;
            DescribeConfigsResponse.Synonym own = chain.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (own != null) {
                value = own.value();
                source = own.source();
            } else {
                value = null;
                source = ConfigSource.DEFAULT_CONFIG;
            }
            entries.add(new DescribeConfigsResponse.Entry(name, value, !dynamic.contains(name), source, false,
                    synonyms ? chain : List.of(), type(key.type()), docs ? key.doc() : null));
        }
        return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, r.resourceType(), r.resourceName(), entries);
    }

    /** Every level that sets {@code name} or one of its synonyms, most specific first, as Kafka lists them. */
    private List<DescribeConfigsResponse.Synonym> chain(String name, Map<String, String> perBroker, Map<String, String> clusterDefault) {
        List<String> keys = BrokerConfigSchema.SYNONYMS.getOrDefault(name, List.of(name));
        List<DescribeConfigsResponse.Synonym> out = new ArrayList<>();
        for (String k : keys) {
            if (perBroker.containsKey(k)) {
                out.add(new DescribeConfigsResponse.Synonym(k, perBroker.get(k), ConfigSource.DYNAMIC_BROKER_CONFIG));
            }
        }
        for (String k : keys) {
            if (clusterDefault.containsKey(k)) {
                out.add(new DescribeConfigsResponse.Synonym(k, clusterDefault.get(k), ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG));
            }
        }
        for (String k : keys) {
            if (config.isExplicit(k)) {
                out.add(new DescribeConfigsResponse.Synonym(k, config.valueText(k), ConfigSource.STATIC_BROKER_CONFIG));
            }
        }
        for (String k : keys) {
            if (!config.isExplicit(k) && config.valueText(k) != null && BrokerConfigSchema.SCHEMA.key(k) != null) {
                out.add(new DescribeConfigsResponse.Synonym(k, config.valueText(k), ConfigSource.DEFAULT_CONFIG));
            }
        }
        return out;
    }

    private static DescribeConfigsResponse.Result failed(DescribeConfigsRequest.Resource r, ErrorCode e, String message) {
        return new DescribeConfigsResponse.Result(e, message, r.resourceType(), r.resourceName(), List.of());
    }

    private static ConfigType type(io.tributary.common.config.ConfigType t) {
        return switch (t) {
            case BOOLEAN -> ConfigType.BOOLEAN;
            case INT -> ConfigType.INT;
            case LONG -> ConfigType.LONG;
            case DOUBLE -> ConfigType.DOUBLE;
            case STRING -> ConfigType.STRING;
            case LIST -> ConfigType.LIST;
        };
    }
}
