package io.tributary.broker.config;

import static io.tributary.common.config.ConfigType.BOOLEAN;
import static io.tributary.common.config.ConfigType.DOUBLE;
import static io.tributary.common.config.ConfigType.INT;
import static io.tributary.common.config.ConfigType.LIST;
import static io.tributary.common.config.ConfigType.LONG;
import static io.tributary.common.config.ConfigType.STRING;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigSchema;
import io.tributary.common.config.Validator;
import io.tributary.controller.ControllerDriverConfig;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.quorum.QuorumConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key a node's properties file may carry, with Kafka's names and defaults. Keys Kafka leaves
 * unset by default (their value then comes from a coarser key, as {@code log.retention.ms} comes
 * from {@code log.retention.hours}) are listed in {@link #UNSET_BY_DEFAULT}; their placeholder
 * default is never used, because {@link BrokerConfig} checks whether the file set them.
 */
public final class BrokerConfigSchema {

    public static final String NODE_ID = "node.id";
    public static final String BROKER_ID = "broker.id";
    public static final String PROCESS_ROLES = "process.roles";
    public static final String CONTROLLER_QUORUM_VOTERS = "controller.quorum.voters";
    public static final String CONTROLLER_QUORUM_BOOTSTRAP_SERVERS = "controller.quorum.bootstrap.servers";
    public static final String CONTROLLER_LISTENER_NAMES = "controller.listener.names";
    public static final String LISTENERS = "listeners";
    public static final String ADVERTISED_LISTENERS = "advertised.listeners";
    public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
    public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    public static final String HTTP_LISTENER = "http.listener";
    public static final String BROKER_RACK = "broker.rack";
    public static final String CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS = QuorumConfig.ELECTION_TIMEOUT_MS;
    public static final String CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS = QuorumConfig.REQUEST_TIMEOUT_MS;
    public static final String METADATA_LOG_SEGMENT_BYTES = QuorumConfig.SEGMENT_BYTES;
    public static final String METADATA_LOG_SNAPSHOT_INTERVAL_ENTRIES = QuorumConfig.SNAPSHOT_INTERVAL_ENTRIES;
    public static final String CLUSTER_ID = QuorumConfig.CLUSTER_ID;
    public static final String CONTROLLER_SOCKET_TIMEOUT_MS = "controller.socket.timeout.ms";

    public static final String NUM_NETWORK_THREADS = "num.network.threads";
    public static final String NUM_IO_THREADS = "num.io.threads";
    public static final String QUEUED_MAX_REQUESTS = "queued.max.requests";
    public static final String SOCKET_SEND_BUFFER_BYTES = "socket.send.buffer.bytes";
    public static final String SOCKET_RECEIVE_BUFFER_BYTES = "socket.receive.buffer.bytes";
    public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
    public static final String SOCKET_LISTEN_BACKLOG_SIZE = "socket.listen.backlog.size";
    public static final String MAX_CONNECTIONS = "max.connections";
    public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";

    public static final String LOG_DIR = "log.dir";
    public static final String LOG_DIRS = "log.dirs";
    public static final String METADATA_LOG_DIR = "metadata.log.dir";
    public static final String NUM_RECOVERY_THREADS_PER_DATA_DIR = "num.recovery.threads.per.data.dir";

    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = ControllerConfig.AUTO_LEADER_REBALANCE_ENABLE;
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = ControllerConfig.LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS;
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = ControllerConfig.LEADER_IMBALANCE_PER_BROKER_PERCENTAGE;
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_FETCH_STALL_MAX_MS = "replica.fetch.stall.max.ms";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String NUM_REPLICA_FETCHERS = "num.replica.fetchers";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS = "replica.high.watermark.checkpoint.interval.ms";

    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_SEGMENT_DELETE_DELAY_MS = "log.segment.delete.delay.ms";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_CLEANER_ENABLE = "log.cleaner.enable";
    public static final String LOG_CLEANER_THREADS = "log.cleaner.threads";
    public static final String LOG_CLEANER_DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String LOG_CLEANER_IO_BUFFER_SIZE = "log.cleaner.io.buffer.size";
    public static final String LOG_CLEANER_IO_MAX_BYTES_PER_SECOND = "log.cleaner.io.max.bytes.per.second";
    public static final String LOG_CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS = "log.cleaner.delete.retention.ms";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO = "log.cleaner.min.cleanable.ratio";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS = "log.cleaner.min.compaction.lag.ms";
    public static final String LOG_CLEANER_MAX_COMPACTION_LAG_MS = "log.cleaner.max.compaction.lag.ms";
    public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
    public static final String LOG_PREALLOCATE = "log.preallocate";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String COMPRESSION_TYPE = "compression.type";
    public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
    public static final String MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS = "max.incremental.fetch.session.cache.slots";

    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSETS_COMMIT_TIMEOUT_MS = "offsets.commit.timeout.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String OFFSETS_LOAD_BUFFER_SIZE = "offsets.load.buffer.size";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String TRANSACTION_STATE_LOG_REPLICATION_FACTOR = "transaction.state.log.replication.factor";
    public static final String TRANSACTION_STATE_LOG_MIN_ISR = "transaction.state.log.min.isr";

    public static final String CONTROLLED_SHUTDOWN_ENABLE = "controlled.shutdown.enable";
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";
    public static final String PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS = "producer.id.expiration.check.interval.ms";

    /** Keys whose value, when the file does not set them, comes from a coarser synonym. */
    public static final Set<String> UNSET_BY_DEFAULT = Set.of(
            LOG_ROLL_MS, LOG_RETENTION_MS, LOG_RETENTION_MINUTES, LOG_FLUSH_INTERVAL_MS);

    /**
     * For a key with synonyms, every key that can set it, most specific first: the first one the
     * file sets wins, as in Kafka.
     */
    public static final Map<String, List<String>> SYNONYMS = synonyms();

    public static final ConfigSchema SCHEMA = build();

    private BrokerConfigSchema() {
    }

    private static Map<String, List<String>> synonyms() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> retention = List.of(LOG_RETENTION_MS, LOG_RETENTION_MINUTES, LOG_RETENTION_HOURS);
        for (String k : retention) {
            m.put(k, retention);
        }
        List<String> roll = List.of(LOG_ROLL_MS, LOG_ROLL_HOURS);
        for (String k : roll) {
            m.put(k, roll);
        }
        List<String> dirs = List.of(LOG_DIRS, LOG_DIR);
        for (String k : dirs) {
            m.put(k, dirs);
        }
        return Map.copyOf(m);
    }

    private static Validator positiveUnlessUnset() {
        return (key, value) -> {
            long v = ((Number) value).longValue();
            if (v < 1 && v != -1) {
                throw new ConfigException(key, value, "must be at least 1");
            }
        };
    }

    private static Validator cleanupPolicy() {
        return (key, value) -> {
            List<?> items = (List<?>) value;
            if (items.isEmpty()) {
                throw new ConfigException(key, value, "must name a policy: compact, delete, or both");
            }
            for (Object item : items) {
                if (!"delete".equals(item) && !"compact".equals(item)) {
                    throw new ConfigException(key, value, "String must be one of: compact, delete");
                }
            }
        };
    }

    private static ConfigSchema build() {
        ConfigSchema s = new ConfigSchema();

        // Identity and roles.
        s.define(NODE_ID, INT, null, Validator.atLeast(0),
                "The id of this node in the cluster, unique among brokers and controllers. Required.");
        s.define(BROKER_ID, INT, -1, Validator.atLeast(-1),
                "Kafka's older name for the node id. When set it must equal node.id.");
        s.define(PROCESS_ROLES, LIST, List.of(), Validator.oneOf("broker", "controller"),
                "The roles this node plays: broker, controller, or broker,controller (combined). Required with "
                        + "controller.quorum.voters; without voters the node is a one-node cluster of its own and plays both.");
        s.define(CONTROLLER_QUORUM_VOTERS, LIST, List.of(), QuorumVoter.VALIDATOR,
                "The controller quorum as id@host:port entries, each the CONTROLLER listener of one voter, the same "
                        + "list on every node. Empty means this node is a one-node cluster of its own, with its metadata in "
                        + "a local file (no Raft).");
        s.define(CONTROLLER_QUORUM_BOOTSTRAP_SERVERS, LIST, List.of(),
                "Kafka's dynamic quorum (KIP-853) is not supported: list the voters in controller.quorum.voters. "
                        + "Setting this key stops startup.");
        s.define(CONTROLLER_LISTENER_NAMES, LIST, List.of(),
                "Names of the listeners controllers serve on (only the first is bound). Required with "
                        + "controller.quorum.voters, on brokers too (they connect to it). A node without voters does not bind it.");
        s.define(CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS, LONG, QuorumConfig.DEFAULT_ELECTION_TIMEOUT_MIN_MS,
                Validator.atLeast(QuorumConfig.ELECTION_TIMEOUT_MIN_FLOOR_MS),
                "The least time a voter waits without hearing from the active controller before it stands for "
                        + "election; each wait is random between this and twice it (Kafka: 1000). See docs/design/quorum.md.");
        s.define(CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS, LONG, QuorumConfig.DEFAULT_REQUEST_TIMEOUT_MS, Validator.atLeast(1),
                "A metadata change not committed by the quorum within this long fails; its outcome is learned from the log.");
        s.define(METADATA_LOG_SEGMENT_BYTES, LONG, QuorumConfig.DEFAULT_SEGMENT_BYTES, Validator.atLeast(QuorumConfig.SEGMENT_BYTES_MIN),
                "Segment size of a controller's Raft log; the log is purged whole segments at a time after snapshots.");
        s.define(METADATA_LOG_SNAPSHOT_INTERVAL_ENTRIES, LONG, QuorumConfig.DEFAULT_SNAPSHOT_INTERVAL_ENTRIES, Validator.atLeast(1),
                "Tributary's own: a controller snapshots the metadata after this many Raft entries (Kafka counts bytes).");
        s.define(CLUSTER_ID, STRING, "",
                "Tributary's own, optional: a name for the cluster that voters must share (it picks the Raft group, so "
                        + "voters of different clusters refuse each other). Empty is fine for one cluster per set of hosts.");
        s.define(CONTROLLER_SOCKET_TIMEOUT_MS, INT, 30000, Validator.atLeast(1),
                "How long a broker waits for the active controller to answer a forwarded request before it closes "
                        + "the connection and looks for the controller again.");
        s.define(BROKER_RACK, STRING, "",
                "The rack of this broker, for rack-aware replica placement. Empty means none.");

        // Listeners.
        s.define(LISTENERS, LIST, List.of("PLAINTEXT://:9092"), Validator.nonEmpty(),
                "Comma-separated NAME://host:port the node binds. An empty host binds every interface; "
                        + "port 0 picks a free port.");
        s.define(ADVERTISED_LISTENERS, LIST, List.of(),
                "The NAME://host:port clients are told to connect to. Empty means the listeners, with an empty "
                        + "or wildcard host replaced by this machine's canonical host name.");
        s.define(LISTENER_SECURITY_PROTOCOL_MAP, LIST,
                List.of("PLAINTEXT:PLAINTEXT", "SSL:SSL", "SASL_PLAINTEXT:SASL_PLAINTEXT", "SASL_SSL:SASL_SSL"),
                "NAME:PROTOCOL pairs giving each listener its security protocol. Only PLAINTEXT is served "
                        + "today; a listener mapped to anything else stops startup.");
        s.define(INTER_BROKER_LISTENER_NAME, STRING, "",
                "The listener brokers use to talk to each other. Empty means PLAINTEXT.");
        s.define(HTTP_LISTENER, STRING, "",
                "Tributary's own: where the node serves HTTP (Prometheus /metrics), written http://host:port or host:port, "
                        + "for example http://0.0.0.0:9644. Empty (the default) serves no HTTP. Port 0 picks a free port. "
                        + "See docs/operations.md, Metrics.");

        // Network.
        s.define(NUM_NETWORK_THREADS, INT, 3, Validator.atLeast(1),
                "Netty event-loop threads that read requests, run non-blocking handlers and write responses.");
        s.define(NUM_IO_THREADS, INT, 8, Validator.atLeast(1),
                "Threads for operations that may block (fsync, controller round trips).");
        s.define(QUEUED_MAX_REQUESTS, INT, 500, Validator.atLeast(1),
                "Requests one connection may have in flight; past it the node stops reading that connection "
                        + "until responses drain.");
        s.define(SOCKET_SEND_BUFFER_BYTES, INT, 102400, Validator.atLeast(-1),
                "SO_SNDBUF of client sockets; -1 keeps the operating system's default.");
        s.define(SOCKET_RECEIVE_BUFFER_BYTES, INT, 102400, Validator.atLeast(-1),
                "SO_RCVBUF of client sockets; -1 keeps the operating system's default.");
        s.define(SOCKET_REQUEST_MAX_BYTES, INT, 104857600, Validator.atLeast(1),
                "The largest request frame accepted; a larger one closes the connection.");
        s.define(SOCKET_LISTEN_BACKLOG_SIZE, INT, 50, Validator.atLeast(1),
                "The accept backlog of each listening socket.");
        s.define(MAX_CONNECTIONS, INT, Integer.MAX_VALUE, Validator.atLeast(1),
                "Client connections the node accepts at once; further ones are closed at accept.");
        s.define(CONNECTIONS_MAX_IDLE_MS, LONG, 600000L, Validator.atLeast(-1),
                "A connection idle this long is closed; -1 never closes idle connections.");

        // Storage.
        s.define(LOG_DIR, STRING, "/tmp/kafka-logs", Validator.nonEmpty(),
                "The directory holding partition logs, used when log.dirs is not set.");
        s.define(LOG_DIRS, LIST, List.of(),
                "Comma-separated directories holding partition logs. Overrides log.dir. New partitions go to "
                        + "the directory holding the fewest.");
        s.define(METADATA_LOG_DIR, STRING, "",
                "The directory holding the cluster metadata log. Empty means the first log directory.");
        s.define(NUM_RECOVERY_THREADS_PER_DATA_DIR, INT, 1, Validator.atLeast(1),
                "Threads per log directory that open and recover partition logs at startup.");

        // Topics and replication.
        s.define(NUM_PARTITIONS, INT, 1, Validator.atLeast(1),
                "Partitions of a topic created without a count (auto-created topics, or CreateTopics with -1).");
        s.define(DEFAULT_REPLICATION_FACTOR, INT, 1, Validator.atLeast(1),
                "Replication factor of a topic created without one.");
        s.define(AUTO_CREATE_TOPICS_ENABLE, BOOLEAN, true,
                "Create a topic when a client asks for metadata of one that does not exist (and allows it).");
        s.define(DELETE_TOPIC_ENABLE, BOOLEAN, true,
                "Allow DeleteTopics; when false it answers TOPIC_DELETION_DISABLED.");
        s.define(MIN_INSYNC_REPLICAS, INT, 1, Validator.atLeast(1),
                "Replicas that must be in sync for an acks=all produce to succeed (topic default). As in Kafka 4.1 and later "
                        + "(KIP-966, strict min ISR), the high watermark does not advance while the ISR is smaller than this, "
                        + "so records written with acks=0 or 1 then stay invisible to consumers too.");
        s.define(UNCLEAN_LEADER_ELECTION_ENABLE, BOOLEAN, false,
                "Allow a replica outside the ISR to become leader, at the cost of losing acknowledged records.");
        s.define(AUTO_LEADER_REBALANCE_ENABLE, BOOLEAN, true,
                "Move leadership back to preferred replicas in the background: the active controller checks every "
                        + "leader.imbalance.check.interval.seconds and, for each broker whose share of preferred partitions "
                        + "led by another broker exceeds leader.imbalance.per.broker.percentage, makes it leader again where "
                        + "it is an active broker in the ISR. The active controller's value decides.");
        s.define(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, LONG, ControllerConfig.DEFAULT_LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS,
                Validator.atLeast(1), "How often the active controller checks for leader imbalance; the first check comes "
                        + "one interval after it becomes active.");
        s.define(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE, INT, ControllerConfig.DEFAULT_LEADER_IMBALANCE_PER_BROKER_PERCENTAGE,
                Validator.between(0, 100), "The share of a broker's preferred partitions (those listing it first) that other "
                        + "brokers may lead before the leader imbalance check gives them back; 0 rebalances any.");
        s.define(REPLICA_LAG_TIME_MAX_MS, LONG, 30000L, Validator.atLeast(1),
                "A follower that has not caught up with its leader's log end for this long leaves the ISR; the leader "
                        + "checks every half of it. A follower whose broker is fenced leaves at once (the controller removes it).");
        s.define(REPLICA_FETCH_STALL_MAX_MS, LONG, 500L, Validator.atLeast(0),
                "Tributary's own: an ISR follower that sends no fetch for this long while records it lacks wait at the leader "
                        + "leaves the ISR (a paused or cut-off follower; a healthy one has a fetch waiting at the leader and "
                        + "fetches again within milliseconds). A follower that fetches, however far behind, is left to "
                        + "replica.lag.time.max.ms; an idle partition never shrinks for this. The leader checks every quarter of "
                        + "it (or every half of replica.lag.time.max.ms, if less). 0 turns the rule off, leaving Kafka's alone.");
        s.define(DynamicBrokerKeys.LEADER_REPLICATION_THROTTLED_RATE, LONG, DynamicBrokerKeys.UNTHROTTLED, Validator.atLeast(0),
                "Bytes/s a leader sends, over all its partitions, to followers outside the ISR of the replicas a topic's "
                        + "leader.replication.throttled.replicas lists (partition:broker, or *); kafka-reassign-partitions --throttle "
                        + "sets it while replicas move. Past the rate such a fetch gets no data until the rate falls again. Dynamic.");
        s.define(DynamicBrokerKeys.FOLLOWER_REPLICATION_THROTTLED_RATE, LONG, DynamicBrokerKeys.UNTHROTTLED, Validator.atLeast(0),
                "Bytes/s a follower fetches, over all its partitions, for the replicas outside the ISR that a topic's "
                        + "follower.replication.throttled.replicas lists (partition:broker, or *); past the rate it leaves them "
                        + "out of its fetches until the rate falls again. Dynamic.");
        s.define(DynamicBrokerKeys.REPLICA_ALTER_LOG_DIRS_IO_MAX_BYTES_PER_SECOND, LONG, DynamicBrokerKeys.UNTHROTTLED,
                Validator.atLeast(0), "Kafka's throttle for moving a replica between one broker's log dirs. Tributary does not "
                        + "make such moves (AlterReplicaLogDirs refuses them), so the value is kept, for kafka-reassign-partitions, "
                        + "and has nothing to slow down. Dynamic.");
        s.define(REPLICA_FETCH_MAX_BYTES, INT, 1048576, Validator.atLeast(0),
                "Bytes a follower asks for per partition in one fetch (at least one whole batch is always returned).");
        s.define(REPLICA_FETCH_RESPONSE_MAX_BYTES, INT, 10485760, Validator.atLeast(0),
                "Bytes a follower asks for in one fetch response, over all its partitions: with the per-partition limit, "
                        + "what bounds the bytes in flight from one leader.");
        s.define(REPLICA_FETCH_WAIT_MAX_MS, INT, 500, Validator.atLeast(0),
                "How long a leader holds a follower's fetch waiting for new records.");
        s.define(REPLICA_FETCH_MIN_BYTES, INT, 1, Validator.atLeast(1),
                "Bytes a follower's fetch waits for before the leader answers (or replica.fetch.wait.max.ms passes).");
        s.define(REPLICA_FETCH_BACKOFF_MS, INT, 1000, Validator.atLeast(0),
                "How long a follower waits before fetching again from a leader that answered with an error or could not "
                        + "be reached. A change of leader in the metadata cuts the wait short.");
        s.define(REPLICA_SOCKET_TIMEOUT_MS, INT, 30000, Validator.atLeast(1),
                "How long a follower waits for a fetch response beyond replica.fetch.wait.max.ms before it gives up on "
                        + "the connection and reconnects.");
        s.define(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, LONG, 5000L, Validator.atLeast(1),
                "How often each log directory's replication-offset-checkpoint (the high watermarks) is written.");
        s.define(NUM_REPLICA_FETCHERS, INT, 1, Validator.atLeast(1),
                "Fetcher threads per source broker. Tributary runs one per source broker; larger values are accepted "
                        + "and behave as 1.");

        // Log segments and retention (topic defaults).
        s.define(LOG_SEGMENT_BYTES, INT, 1073741824, Validator.atLeast(1048576),
                "The size at which a segment file is closed and a new one started. At least 1 MiB, as in Kafka 4.");
        s.define(LOG_ROLL_MS, LONG, -1L, positiveUnlessUnset(),
                "Roll a new segment after this long even if not full. Unset means log.roll.hours.");
        s.define(LOG_ROLL_HOURS, INT, 168, Validator.atLeast(1),
                "Roll a new segment after this many hours even if not full.");
        s.define(LOG_RETENTION_MS, LONG, -1L, Validator.unlimitedOrAtLeast(0),
                "Delete a segment whose newest record is older than this; -1 keeps data forever. "
                        + "Unset means log.retention.minutes, then log.retention.hours.");
        s.define(LOG_RETENTION_MINUTES, INT, -1, Validator.unlimitedOrAtLeast(0),
                "Retention in minutes, used when log.retention.ms is not set. Unset means log.retention.hours.");
        s.define(LOG_RETENTION_HOURS, INT, 168, Validator.unlimitedOrAtLeast(0),
                "Retention in hours, used when neither log.retention.ms nor log.retention.minutes is set.");
        s.define(LOG_RETENTION_BYTES, LONG, -1L, Validator.unlimitedOrAtLeast(0),
                "Delete the oldest segments while a partition holds more than this; -1 means no size limit.");
        s.define(LOG_RETENTION_CHECK_INTERVAL_MS, LONG, 300000L, Validator.atLeast(1),
                "How often retention runs over every partition.");
        s.define(LOG_SEGMENT_DELETE_DELAY_MS, LONG, 60000L, Validator.atLeast(0),
                "How long a deleted segment's files stay open, so reads already sending from them finish.");
        s.define(LOG_INDEX_SIZE_MAX_BYTES, INT, 10485760, Validator.atLeast(4),
                "The largest offset or time index file of a segment; a full index rolls the segment.");
        s.define(LOG_INDEX_INTERVAL_BYTES, INT, 4096, Validator.atLeast(0),
                "Bytes of records between two entries of the sparse offset index.");
        s.define(LOG_FLUSH_INTERVAL_MESSAGES, LONG, Long.MAX_VALUE, Validator.atLeast(1),
                "fsync a partition after this many appended records. The default leaves it to the operating "
                        + "system and to replication, as Kafka does.");
        s.define(LOG_FLUSH_INTERVAL_MS, LONG, -1L, positiveUnlessUnset(),
                "fsync a partition when its oldest unflushed record is this old. Unset means never by time.");
        s.define(LOG_CLEANUP_POLICY, LIST, List.of("delete"), cleanupPolicy(),
                "How old segments go: delete removes them by time and size, compact keeps the latest record of "
                        + "each key; compact,delete does both.");

        // The log cleaner (compaction), with Kafka's names and defaults.
        s.define(LOG_CLEANER_ENABLE, BOOLEAN, true,
                "Run the log cleaner, which compacts topics with cleanup.policy=compact.");
        s.define(LOG_CLEANER_THREADS, INT, 1, Validator.atLeast(0),
                "Threads that clean logs; each cleans one partition at a time.");
        s.define(LOG_CLEANER_DEDUPE_BUFFER_SIZE, LONG, 134217728L, Validator.atLeast(1024 * 1024),
                "Memory for the key-to-offset maps, shared by all cleaner threads; a full map makes a run clean "
                        + "fewer segments, never more memory.");
        s.define(LOG_CLEANER_IO_BUFFER_SIZE, INT, 524288, Validator.atLeast(0),
                "Memory for the read and write buffers, shared by all cleaner threads.");
        s.define(LOG_CLEANER_IO_MAX_BYTES_PER_SECOND, DOUBLE, Double.MAX_VALUE, Validator.ANY,
                "The most bytes per second the cleaners read and write together.");
        s.define(LOG_CLEANER_BACKOFF_MS, LONG, 15000L, Validator.atLeast(0),
                "How long a cleaner thread sleeps when no log needs cleaning.");
        s.define(LOG_CLEANER_DELETE_RETENTION_MS, LONG, 86400000L, Validator.atLeast(0),
                "How long tombstones stay on compacted topics (topic default of delete.retention.ms).");
        s.define(LOG_CLEANER_MIN_CLEANABLE_RATIO, DOUBLE, 0.5, Validator.ANY,
                "How dirty a log must be before it is cleaned (topic default of min.cleanable.dirty.ratio).");
        s.define(LOG_CLEANER_MIN_COMPACTION_LAG_MS, LONG, 0L, Validator.atLeast(0),
                "The shortest time a record stays uncompacted (topic default of min.compaction.lag.ms).");
        s.define(LOG_CLEANER_MAX_COMPACTION_LAG_MS, LONG, Long.MAX_VALUE, Validator.atLeast(1),
                "The longest time a record stays uncompacted (topic default of max.compaction.lag.ms).");
        s.define(LOG_MESSAGE_TIMESTAMP_TYPE, STRING, "CreateTime", Validator.oneOf("CreateTime", "LogAppendTime"),
                "Whether records keep the producer's timestamp (CreateTime) or get the append time.");
        s.define(LOG_PREALLOCATE, BOOLEAN, false,
                "Preallocate segment files. Accepted for compatibility; has no effect.");
        s.define(MESSAGE_MAX_BYTES, INT, 1048588, Validator.atLeast(0),
                "The largest record batch a topic accepts (topic default of max.message.bytes).");
        s.define(COMPRESSION_TYPE, STRING, "producer",
                Validator.oneOf("producer", "uncompressed", "gzip", "snappy", "lz4", "zstd"),
                "Accepted for compatibility: batches are stored as the producer compressed them (the cleaner of a "
                        + "compacted topic recompresses a batch it shrinks with that batch's own codec; `docs/design/compaction.md`).");
        s.define(FETCH_MAX_BYTES, INT, 57671680, Validator.atLeast(1024),
                "The most bytes one fetch response carries, whatever the client asks for.");
        s.define(MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS, INT, 1000, Validator.atLeast(0),
                "The most incremental fetch sessions (KIP-227) this broker keeps; 0 turns sessions off. When full, a new "
                        + "session takes the slot of the least recently used one idle for 2 minutes, or, for a follower, of the least "
                        + "recently used consumer session; otherwise it is refused and that client sends full fetches "
                        + "(docs/design/fetch-sessions.md).");

        // Producers and groups.
        s.define(PRODUCER_ID_EXPIRATION_MS, INT, 86400000, Validator.atLeast(1),
                "A producer id with no write for this long is forgotten by the partitions it wrote to.");
        s.define(GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3000, Validator.atLeast(0),
                "How long the first rebalance of an empty group waits for more members, extended by as much while new "
                        + "members keep joining, up to the rebalance timeout. Dev and test configs set 0 for quick starts.");
        s.define(GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6000, Validator.atLeast(0),
                "The shortest session timeout a group member may ask for (INVALID_SESSION_TIMEOUT below it).");
        s.define(GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1800000, Validator.atLeast(0),
                "The longest session timeout a group member may ask for (INVALID_SESSION_TIMEOUT above it).");
        s.define(GROUP_MAX_SIZE, INT, Integer.MAX_VALUE, Validator.atLeast(1),
                "The most members a classic group holds; a new member past it gets GROUP_MAX_SIZE_REACHED.");
        s.define(OFFSETS_RETENTION_MINUTES, INT, 10080, Validator.atLeast(1),
                "How long committed offsets are kept once their group is empty (KIP-211), or after their commit "
                        + "when that time is unknown.");
        s.define(OFFSETS_RETENTION_CHECK_INTERVAL_MS, LONG, 600000L, Validator.atLeast(1),
                "How often each group coordinator looks for expired offsets.");
        s.define(OFFSETS_COMMIT_TIMEOUT_MS, INT, 5000, Validator.atLeast(1),
                "How long a group coordinator's write waits for every in-sync replica of its __consumer_offsets "
                        + "partition; past it the request gets COORDINATOR_NOT_AVAILABLE, which clients retry.");
        s.define(OFFSET_METADATA_MAX_BYTES, INT, 4096, Validator.atLeast(0),
                "The longest metadata string an offset commit may carry (OFFSET_METADATA_TOO_LARGE above it).");
        s.define(OFFSETS_LOAD_BUFFER_SIZE, INT, 5242880, Validator.atLeast(1),
                "How many bytes of __consumer_offsets a new coordinator reads at a time while it loads a partition.");
        s.define(OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, Validator.atLeast(1),
                "Partitions of __consumer_offsets when the first FindCoordinator for a group, or a Metadata request, creates it (as Kafka). A group's coordinator is the leader of partition abs(hash(group id)) % partitions.");
        s.define(OFFSETS_TOPIC_REPLICATION_FACTOR, INT, 3, Validator.atLeast(1),
                "Replication factor of __consumer_offsets, capped at the live brokers when it is created, so a cluster "
                        + "of fewer than three brokers still gets it.");
        s.define(TRANSACTION_STATE_LOG_REPLICATION_FACTOR, INT, 3, Validator.atLeast(1),
                "Accepted for compatibility; transactions are not implemented.");
        s.define(TRANSACTION_STATE_LOG_MIN_ISR, INT, 2, Validator.atLeast(1),
                "Accepted for compatibility; transactions are not implemented.");
        s.define(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS, INT, 600000, Validator.atLeast(1),
                "How often expired producer ids are removed from partitions.");
        s.define(CONTROLLED_SHUTDOWN_ENABLE, BOOLEAN, true,
                "On SIGTERM, ask the controller to move this node's leaderships away before stopping.");
        s.define(BROKER_SESSION_TIMEOUT_MS, LONG, ControllerDriverConfig.DEFAULT_BROKER_SESSION_TIMEOUT_MS, Validator.atLeast(1),
                "A broker that has not heartbeated to the active controller for this long is fenced (Kafka: 9000). A "
                        + "broker whose process dies is fenced at once, when its heartbeat connection closes; the session "
                        + "catches a stopped or cut-off one. See docs/design/cluster.md, Failure detection.");
        s.define(BROKER_HEARTBEAT_INTERVAL_MS, LONG, ControllerDriverConfig.DEFAULT_BROKER_HEARTBEAT_INTERVAL_MS, Validator.atLeast(1),
                "How often the broker heartbeats to the active controller (Kafka: 2000); about a fifth of "
                        + "broker.session.timeout.ms, the ratio Kafka keeps.");
        return s;
    }
}
