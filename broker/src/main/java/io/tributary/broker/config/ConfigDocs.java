package io.tributary.broker.config;

import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSchema;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/configuration.md} from the schema, so the documentation cannot drift from the
 * code: a test compares the file with this output and fails when they differ.
 */
public final class ConfigDocs {

    private ConfigDocs() {
    }

    public static String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Configuration\n\n");
        b.append("<!-- Generated from BrokerConfigSchema by ConfigDocsTest. Do not edit by hand: run\n");
        b.append("     mvn -q -B -ntp -pl broker -am verify -Dtest=ConfigDocsTest -Dtributary.writeDocs=true\n");
        b.append("     -Dsurefire.failIfNoSpecifiedTests=false -->\n\n");
        b.append("A node reads one Kafka-style properties file: `./tributary server FILE`. Keys, defaults and\n");
        b.append("meanings follow Apache Kafka, so a `server.properties` written for Kafka mostly works as is.\n\n");
        b.append("- A key the node does not know is logged as one WARN line naming it, and otherwise ignored.\n");
        b.append("- A bad value stops startup: the error names the key, the value and the rule, and the process\n");
        b.append("  exits with status 1.\n");
        b.append("- Where Kafka has synonyms, the most specific key the file sets wins: `log.retention.ms`, then\n");
        b.append("  `log.retention.minutes`, then `log.retention.hours`; `log.roll.ms`, then `log.roll.hours`;\n");
        b.append("  `log.dirs`, then `log.dir`.\n");
        b.append("- `(unset)` marks a key whose value, when absent, comes from its synonym.\n");
        b.append("- Topic-level configs (`retention.ms`, `segment.bytes`, ...) default to the broker's `log.*`\n");
        b.append("  values and can be changed per topic with `kafka-configs.sh --alter` (IncrementalAlterConfigs).\n\n");
        b.append("Examples: `config/server.properties` (one node, Kafka's layout) and `config/dev.properties`.\n\n");
        b.append("| Key | Default | Meaning |\n");
        b.append("|---|---|---|\n");
        ConfigSchema schema = BrokerConfigSchema.SCHEMA;
        for (Map.Entry<String, ConfigKey> e : schema.keys().entrySet()) {
            ConfigKey key = e.getValue();
            b.append("| `").append(key.name()).append("` | ")
                    .append(defaultText(key)).append(" | ")
                    .append(key.doc().replace("|", "\\|"));
            List<String> syn = BrokerConfigSchema.SYNONYMS.get(key.name());
            if (syn != null) {
                b.append(" Synonyms, by precedence: ").append(String.join(", ", syn.stream().map(s -> "`" + s + "`").toList())).append('.');
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    private static String defaultText(ConfigKey key) {
        if (key.required()) {
            return "(required)";
        }
        if (BrokerConfigSchema.UNSET_BY_DEFAULT.contains(key.name())) {
            return "(unset)";
        }
        String v = ConfigKey.render(key.defaultValue());
        return v.isEmpty() ? "(empty)" : "`" + v + "`";
    }
}
