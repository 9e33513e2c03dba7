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
        b.append("## Running a node\n\n");
        b.append("- `./tributary server FILE [--override KEY=VALUE]...` runs one node. The launcher builds the jar with\n");
        b.append("  Maven when it is missing or older than the sources. SIGTERM or Ctrl-C stops the node cleanly: it\n");
        b.append("  stops accepting, answers what is in flight, asks the controller to move its leaderships away,\n");
        b.append("  closes every log with its checkpoints and snapshots the metadata. Exit status 1 means it could\n");
        b.append("  not start (the message names the key or directory at fault).\n");
        b.append("- `./tributary dev [--port PORT] [--data-dir DIR]` runs a development node on `localhost:9092`\n");
        b.append("  with its data under `./data/dev` (a fixed place, so topics survive a restart; delete it to start\n");
        b.append("  afresh). It writes `DIR/node-1/server.properties`, logs to the console and to\n");
        b.append("  `DIR/node-1/tributary.log`, and prints kcat and Java client commands.\n");
        b.append("- `TRIBUTARY_HEAP_OPTS` and `TRIBUTARY_JVM_OPTS` pass options to the JVM;\n");
        b.append("  `TRIBUTARY_JVM_OPTS=-Dtributary.log.level=DEBUG` logs every request.\n\n");
        b.append("Files in the first log directory: `meta.properties` (node and cluster id; a directory of another\n");
        b.append("node or cluster is refused), `.lock` (held while the node runs), `__cluster_metadata-0/` (the\n");
        b.append("metadata log and its snapshot), and one `<topic>-<partition>/` directory per partition.\n\n");
        b.append("## Keys\n\n");
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
