package io.tributary.broker.config;

import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSchema;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.config.TopicConfigs;
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
        b.append("Examples: `config/server.properties` (one node, Kafka's layout), `config/dev.properties`, and\n");
        b.append("`config/cluster/node-1.properties` ... `node-3.properties` (a three-node cluster on one machine).\n\n");
        b.append("## One node, or a cluster\n\n");
        b.append("- Without `controller.quorum.voters` a node is a one-node cluster of its own: broker and controller in\n");
        b.append("  one process, the metadata in a local file. `node.id`, `listeners` and `log.dirs` are all it needs.\n");
        b.append("- With `controller.quorum.voters` (the same `id@host:port` list on every node) a node joins a cluster\n");
        b.append("  and plays the roles `process.roles` names: `broker`, `controller`, or `broker,controller`. A\n");
        b.append("  controller serves the quorum (Raft) and brokers' requests on one port, its listener named by\n");
        b.append("  `controller.listener.names`, at the port its own voter entry names. There is no format step: a node\n");
        b.append("  starts on an empty directory and joins.\n");
        b.append("- Startup refuses, naming the key: a controller that is not a voter, a voter listed twice or written\n");
        b.append("  wrong, a controller without its listener (or on another port than its voter entry), a broker-only\n");
        b.append("  node that is a voter or lists the controller listener, a controller-only node with client listeners,\n");
        b.append("  voters without `process.roles` or `controller.listener.names`, one role without voters, and\n");
        b.append("  `controller.quorum.bootstrap.servers` (dynamic quorums are not supported).\n");
        b.append("- A metadata directory written by a one-node cluster is refused by a cluster controller, and the\n");
        b.append("  other way round, rather than starting a new, empty cluster beside the old data.\n\n");
        b.append("## Running a node\n\n");
        b.append("- `./tributary server FILE [--override KEY=VALUE]...` runs one node. The launcher builds the jar with\n");
        b.append("  Maven when it is missing or older than the sources. SIGTERM or Ctrl-C stops the node cleanly: it\n");
        b.append("  stops accepting, answers what is in flight, asks the controller to move its leaderships away,\n");
        b.append("  closes every log with its checkpoints and snapshots the metadata. Exit status 1 means it could\n");
        b.append("  not start (the message names the key or directory at fault), or had to stop (the cluster refused it).\n");
        b.append("- `./tributary dev [--nodes N] [--port PORT] [--data-dir DIR] [--restart-crashed]` runs a development\n");
        b.append("  cluster: N nodes (default 3, at most 9), each broker and controller, one process each, with its\n");
        b.append("  config, data and log under `DIR/node-i` (default DIR `./data/dev`, a fixed place, so topics survive\n");
        b.append("  a restart; delete it to start afresh). `--nodes 1` runs a one-node cluster in the same process\n");
        b.append("  instead. `./tributary dev --help` prints its usage (exit status 0). Ports, all derived from PORT\n");
        b.append("  (default 9092) so that none is picked at random:\n");
        b.append("\n");
        b.append("  | node i (1..N) | listener | port | default, 3 nodes |\n");
        b.append("  |---|---|---|---|\n");
        b.append("  | clients | `PLAINTEXT` | PORT+i-1 | 9092, 9093, 9094 |\n");
        b.append("  | controller quorum | `CONTROLLER` | PORT+100+i-1 | 9192, 9193, 9194 |\n");
        b.append("  | metrics (`http.listener`) | HTTP | PORT+200+i-1 | 9292, 9293, 9294 |\n");
        b.append("\n");
        b.append("  A data directory whose configs already name CONTROLLER ports keeps them (a quorum keeps its voters'\n");
        b.append("  addresses, docs/design/quorum.md); dev says so. A port another program holds stops dev before any\n");
        b.append("  node starts, naming the port. dev prints its banner (bootstrap servers, where everything is,\n");
        b.append("  commands to try) only once the cluster is ready: every node answers Metadata on its client port,\n");
        b.append("  listing every broker (registered and unfenced) and an active controller. `__consumer_offsets` is\n");
        b.append("  not waited for: as in Kafka, it is created by the first group lookup, and with every broker up\n");
        b.append("  by then it gets its full replication factor. While it runs, dev reads commands on its standard\n");
        b.append("  input: `kill N` (SIGKILL, a crash), `stop N` (SIGTERM, a clean stop), `restart N` (start it again\n");
        b.append("  on its data, stopping it first if it runs), `status`, `help`. A node that exits on its own is\n");
        b.append("  reported with the command that brings it back; with `--restart-crashed` a node that crashes after\n");
        b.append("  it served is started again at once (not one that fails before serving: it would fail again).\n");
        b.append("  Ctrl-C stops every node cleanly.\n");
        b.append("- `TRIBUTARY_HEAP_OPTS` and `TRIBUTARY_JVM_OPTS` pass options to the JVM (under `dev`,\n");
        b.append("  `TRIBUTARY_JVM_OPTS` to every node's JVM too);\n");
        b.append("  `TRIBUTARY_JVM_OPTS=-Dtributary.log.level=DEBUG` logs every request.\n\n");
        b.append("Files in the first log directory: `meta.properties` (node and cluster id; a directory of another\n");
        b.append("node or cluster is refused), `.lock` (held while the node runs), `__cluster_metadata-0/` (a one-node\n");
        b.append("cluster's metadata log and snapshot, or a cluster controller's Raft storage; a broker-only node has\n");
        b.append("none), `previous-broker-epoch` (a cluster broker's epoch at its last clean stop), and one\n");
        b.append("`<topic>-<partition>/` directory per partition replica this node hosts.\n\n");
        b.append("With several `log.dirs`, a new replica goes to the directory holding the fewest. `kafka-log-dirs\n");
        b.append("--describe` (DescribeLogDirs) lists each broker's directories with their replicas, sizes, offset lag and\n");
        b.append("the volume's total and usable bytes. Replicas do not move between one broker's directories:\n");
        b.append("AlterReplicaLogDirs (`kafka-reassign-partitions` with log dirs) answers a replica already in the\n");
        b.append("named directory with success, a directory that is not an absolute path in `log.dirs` with\n");
        b.append("`LOG_DIR_NOT_FOUND`, a partition the broker does not host with `REPLICA_NOT_AVAILABLE`, as Kafka does,\n");
        b.append("and a move to another of its directories with `INVALID_REQUEST` (the broker logs why).\n\n");
        dynamic(b);
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

    private static void dynamic(StringBuilder b) {
        b.append("## Dynamic broker configs\n\n");
        b.append("`kafka-configs --entity-type brokers --entity-name ID --alter --add-config KEY=VALUE` changes a key on\n");
        b.append("one broker, `--entity-default` for every broker (IncrementalAlterConfigs, or AlterConfigs from older\n");
        b.append("clients). The change is a config record in the metadata log: every broker applies it as it replays\n");
        b.append("the log, at once and again after a restart, and it wins over the properties file. The most specific\n");
        b.append("level wins: the topic's own config, then the broker's dynamic value, then the cluster-wide dynamic\n");
        b.append("default, then the file, then the default. DescribeConfigs reports each key with that source\n");
        b.append("(`DYNAMIC_BROKER_CONFIG`, `DYNAMIC_DEFAULT_BROKER_CONFIG`, `STATIC_BROKER_CONFIG`, `DEFAULT_CONFIG`)\n");
        b.append("and every level beneath it as a synonym; `--delete-config` removes a dynamic value.\n\n");
        b.append("- Dynamic, as in Kafka: the broker-level defaults of topic configs, the most specific key of each:\n  ");
        b.append(String.join(", ", TopicConfigs.dynamicBrokerKeys().stream().map(k -> "`" + k + "`").toList())).append(".\n");
        b.append("- Dynamic, as in Kafka: the replication throttles that `kafka-reassign-partitions --throttle` sets and\n  ");
        b.append("`--verify` removes (docs/design/reassignment.md): ");
        b.append(String.join(", ", new java.util.TreeSet<>(DynamicBrokerKeys.replicationThrottles()).stream().map(k -> "`" + k + "`").toList()))
                .append(".\n");
        b.append("- Kafka can also change these at run time, Tributary only at startup; they are refused, saying so:\n  ");
        b.append(String.join(", ", DynamicBrokerKeys.kafkaOnly().stream().map(k -> "`" + k + "`").toList())).append(".\n");
        b.append("- Any other key is refused with Kafka's error, `INVALID_REQUEST` and \"Cannot update these configs\n");
        b.append("  dynamically: [KEY]\", and the whole resource with it. Unlike Kafka, a key no broker knows is refused\n");
        b.append("  too rather than stored unused.\n\n");
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
