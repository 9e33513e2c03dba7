package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigType;
import io.tributary.metadata.config.BrokerSynonym;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.config.TopicConfigs;
import io.tributary.metadata.controller.api.AlterConfigOp;
import io.tributary.metadata.controller.api.AlterConfigsRequest;
import io.tributary.metadata.controller.api.AlterConfigsResponse;
import io.tributary.metadata.controller.api.AlterConfigsResponse.ResourceResult;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.IncrementalAlterConfigsRequest;
import io.tributary.metadata.image.ConfigResource;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * IncrementalAlterConfigs (SET/DELETE/APPEND/SUBTRACT) and the legacy whole-set AlterConfigs, for
 * topic resources (topic keys) and broker resources (the dynamic broker-level synonyms of topic
 * keys, per broker id or cluster-wide under {@code ""}). Every resulting value is validated before
 * any record is written; each resource succeeds or fails as a whole.
 */
final class ConfigAlteration {

    private final PartitionElections elections;

    ConfigAlteration(PartitionElections elections) {
        this.elections = elections;
    }

    /** The broker-level keys that may be set dynamically, with the synonym that defines each one's type. */
    private static final Map<String, BrokerSynonym> DYNAMIC_BROKER_KEYS = new HashMap<>();

    static {
        for (String key : TopicConfigs.dynamicBrokerKeys()) {
            DYNAMIC_BROKER_KEYS.put(key, TopicConfigs.brokerSynonyms(TopicConfigs.topicKeyForBrokerKey(key)).get(0));
        }
    }

    ControllerResult<AlterConfigsResponse> incremental(MetadataImage image, IncrementalAlterConfigsRequest request) {
        Set<ConfigResource> duplicates = duplicates(request.resources().stream()
                .map(r -> new ConfigResource(r.type(), r.name())).toList());
        List<ConfigRecord> records = new ArrayList<>();
        List<ResourceResult> results = new ArrayList<>();
        for (IncrementalAlterConfigsRequest.Resource r : request.resources()) {
            ConfigResource resource = new ConfigResource(r.type(), r.name());
            ApiError error = duplicates.contains(resource)
                    ? ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate resource " + r.type() + " '" + r.name() + "' in the request.")
                    : checkResource(image, resource).orElseGet(() -> applyOps(image, resource, r.ops(), records));
            results.add(new ResourceResult(r.type(), r.name(), error));
        }
        return finish(image, request.validateOnly(), records, results);
    }

    ControllerResult<AlterConfigsResponse> legacy(MetadataImage image, AlterConfigsRequest request) {
        Set<ConfigResource> duplicates = duplicates(request.resources().stream()
                .map(r -> new ConfigResource(r.type(), r.name())).toList());
        List<ConfigRecord> records = new ArrayList<>();
        List<ResourceResult> results = new ArrayList<>();
        for (AlterConfigsRequest.Resource r : request.resources()) {
            ConfigResource resource = new ConfigResource(r.type(), r.name());
            ApiError error = duplicates.contains(resource)
                    ? ApiError.of(ErrorCode.INVALID_REQUEST, "Duplicate resource " + r.type() + " '" + r.name() + "' in the request.")
                    : checkResource(image, resource).orElseGet(() -> replaceAll(image, resource, r.configs(), records));
            results.add(new ResourceResult(r.type(), r.name(), error));
        }
        return finish(image, request.validateOnly(), records, results);
    }

    private ControllerResult<AlterConfigsResponse> finish(MetadataImage image, boolean validateOnly,
                                                          List<ConfigRecord> records, List<ResourceResult> results) {
        if (validateOnly) {
            return ControllerResult.noRecords(new AlterConfigsResponse(results));
        }
        Scratch scratch = new Scratch(image);
        scratch.addAll(records);
        elections.afterMinIsrChanges(image, scratch);
        return ControllerResult.of(scratch.records(), new AlterConfigsResponse(results));
    }

    private static <T> Set<T> duplicates(List<T> items) {
        Set<T> seen = new HashSet<>();
        Set<T> dups = new HashSet<>();
        for (T t : items) {
            if (!seen.add(t)) {
                dups.add(t);
            }
        }
        return dups;
    }

    private static Optional<ApiError> checkResource(MetadataImage image, ConfigResource resource) {
        if (resource.type() == ConfigResourceType.TOPIC) {
            if (image.topic(resource.name()) == null) {
                return Optional.of(ApiError.of(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + resource.name() + "' does not exist."));
            }
            return Optional.empty();
        }
        String name = resource.name();
        if (!name.isEmpty() && !name.matches("0|[1-9][0-9]{0,9}")) {
            return Optional.of(ApiError.of(ErrorCode.INVALID_REQUEST, "Invalid broker name " + name + ": a broker resource is "
                    + "a broker id, or empty for the cluster-wide default"));
        }
        return Optional.empty();
    }

    private static ApiError applyOps(MetadataImage image, ConfigResource resource, List<AlterConfigOp> ops,
                                     List<ConfigRecord> records) {
        Set<String> keys = new HashSet<>();
        for (AlterConfigOp op : ops) {
            if (!keys.add(op.key())) {
                return ApiError.of(ErrorCode.INVALID_REQUEST, "Error due to duplicate config keys: " + op.key());
            }
        }
        Map<String, String> current = image.configs(resource);
        if (resource.type() == ConfigResourceType.BROKER) {
            // As in Kafka, a resource that names any key that cannot change at run time is refused whole,
            // naming every such key. Deleting a stored key stays possible, so no value is ever stuck.
            List<String> refused = ops.stream().map(AlterConfigOp::key)
                    .filter(k -> !DynamicBrokerKeys.isDynamic(k) && !current.containsKey(k)).toList();
            if (!refused.isEmpty()) {
                return ApiError.of(ErrorCode.INVALID_REQUEST, DynamicBrokerKeys.refusal(refused));
            }
        }
        Map<String, String> next = new TreeMap<>(current);
        for (AlterConfigOp op : ops) {
            Optional<ConfigType> type = keyType(resource.type(), op.key());
            if (type.isEmpty() && !(op.op() == AlterConfigOp.OpType.DELETE && current.containsKey(op.key()))) {
                return unknownKey(resource.type(), op.key());
            }
            switch (op.op()) {
                case SET -> {
                    if (op.value() == null) {
                        return ApiError.of(ErrorCode.INVALID_REQUEST, "Null value not supported for: " + op.key());
                    }
                    next.put(op.key(), op.value());
                }
                case DELETE -> next.remove(op.key());
                case APPEND, SUBTRACT -> {
                    if (type.get() != ConfigType.LIST) {
                        return ApiError.of(ErrorCode.INVALID_CONFIG, "Config value " + op.op().name().toLowerCase()
                                + " is not allowed for config key: " + op.key());
                    }
                    Set<String> items = new LinkedHashSet<>(listItems(current.get(op.key()) != null
                            ? current.get(op.key()) : defaultText(resource.type(), op.key())));
                    List<String> given = listItems(op.value() == null ? "" : op.value());
                    if (op.op() == AlterConfigOp.OpType.APPEND) {
                        items.addAll(given);
                    } else {
                        given.forEach(items::remove);
                    }
                    next.put(op.key(), String.join(",", items));
                }
                default -> throw new IllegalStateException("unknown op " + op.op());
            }
        }
        return validateAndRecord(resource, current, next, records);
    }

    private static ApiError replaceAll(MetadataImage image, ConfigResource resource, Map<String, String> configs,
                                       List<ConfigRecord> records) {
        if (resource.type() == ConfigResourceType.BROKER) {
            List<String> refused = configs.keySet().stream().filter(k -> !DynamicBrokerKeys.isDynamic(k)).toList();
            if (!refused.isEmpty()) {
                return ApiError.of(ErrorCode.INVALID_REQUEST, DynamicBrokerKeys.refusal(refused));
            }
        }
        for (Map.Entry<String, String> e : configs.entrySet()) {
            if (keyType(resource.type(), e.getKey()).isEmpty()) {
                return unknownKey(resource.type(), e.getKey());
            }
            if (e.getValue() == null) {
                return ApiError.of(ErrorCode.INVALID_REQUEST, "Null value not supported for: " + e.getKey());
            }
        }
        return validateAndRecord(resource, image.configs(resource), new TreeMap<>(configs), records);
    }

    private static ApiError validateAndRecord(ConfigResource resource, Map<String, String> current, Map<String, String> next,
                                              List<ConfigRecord> records) {
        for (Map.Entry<String, String> e : next.entrySet()) {
            if (Objects.equals(current.get(e.getKey()), e.getValue())) {
                continue;
            }
            try {
                if (resource.type() == ConfigResourceType.TOPIC) {
                    TopicConfigs.validate(e.getKey(), e.getValue());
                } else {
                    TopicConfigs.validateBrokerValue(e.getKey(), e.getValue());
                }
            } catch (ConfigException ex) {
                return ApiError.of(ErrorCode.INVALID_CONFIG, ex.getMessage());
            }
        }
        Set<String> all = new TreeSet<>(current.keySet());
        all.addAll(next.keySet());
        for (String key : all) {
            String value = next.get(key);
            if (!Objects.equals(current.get(key), value)) {
                records.add(new ConfigRecord(resource.type(), resource.name(), key, value));
            }
        }
        return ApiError.NONE;
    }

    private static ApiError unknownKey(ConfigResourceType type, String key) {
        if (type == ConfigResourceType.TOPIC) {
            return ApiError.of(ErrorCode.INVALID_CONFIG, "Unknown topic config name: " + key);
        }
        return ApiError.of(ErrorCode.INVALID_REQUEST, DynamicBrokerKeys.refusal(List.of(key)));
    }

    private static Optional<ConfigType> keyType(ConfigResourceType type, String key) {
        if (type == ConfigResourceType.TOPIC) {
            ConfigKey k = TopicConfigs.key(key);
            return k == null ? Optional.empty() : Optional.of(k.type());
        }
        if (DynamicBrokerKeys.replicationThrottles().contains(key)) {
            return Optional.of(ConfigType.LONG);
        }
        BrokerSynonym s = DYNAMIC_BROKER_KEYS.get(key);
        return s == null ? Optional.empty() : Optional.of(s.type());
    }

    private static String defaultText(ConfigResourceType type, String key) {
        if (type == ConfigResourceType.TOPIC) {
            return ConfigKey.render(TopicConfigs.key(key).defaultValue());
        }
        if (DynamicBrokerKeys.replicationThrottles().contains(key)) {
            return String.valueOf(DynamicBrokerKeys.UNTHROTTLED);
        }
        Object d = DYNAMIC_BROKER_KEYS.get(key).defaultValue();
        return d == null ? "" : ConfigKey.render(d);
    }

    private static List<String> listItems(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }
}
