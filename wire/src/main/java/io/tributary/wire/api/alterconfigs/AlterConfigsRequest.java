package io.tributary.wire.api.alterconfigs;

import io.tributary.wire.api.ConfigResourceType;
import java.util.List;

/**
 * An AlterConfigs request: the legacy whole-resource replace. Each resource's dynamic configs become
 * exactly the listed ones; an override not listed is removed. librdkafka 2.0.2 and kafkajs 2.2.4
 * change configs this way; the Java admin client uses IncrementalAlterConfigs.
 */
public record AlterConfigsRequest(List<Resource> resources, boolean validateOnly) {

    public AlterConfigsRequest {
        resources = List.copyOf(resources);
    }

    /** @param resourceType the raw wire code (see {@link ConfigResourceType}), echoed in the answer */
    public record Resource(byte resourceType, String resourceName, List<Config> configs) {

        public Resource {
            configs = List.copyOf(configs);
        }

        public ConfigResourceType type() {
            return ConfigResourceType.forCode(resourceType);
        }
    }

    /** One config of the new set; {@code value} may be null (which Kafka refuses for topics). */
    public record Config(String name, String value) {
    }
}
