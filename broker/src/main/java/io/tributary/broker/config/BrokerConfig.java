package io.tributary.broker.config;

import static io.tributary.broker.config.BrokerConfigSchema.*;

import io.tributary.common.config.ConfigException;
import io.tributary.common.config.ConfigKey;
import io.tributary.common.config.ConfigSchema;
import io.tributary.log.CleanerConfig;
import io.tributary.quorum.QuorumConfig;
import io.tributary.quorum.QuorumVoters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A node's configuration, parsed and checked once at startup. Accessors return effective values,
 * with Kafka's precedence between synonyms applied ({@code log.retention.ms} over
 * {@code log.retention.minutes} over {@code log.retention.hours}, and so on).
 *
 * <p>Immutable. Dynamic broker configs are not supported yet; topic configs are dynamic and live in
 * the metadata image.
 */
public final class BrokerConfig {

    private final ConfigSchema.Parsed parsed;
    private final List<Listener> listeners;
    private final List<Listener> advertisedListeners;
    private final Map<String, String> securityProtocols;
    private final List<Path> logDirs;
    private final QuorumVoters quorumVoters;
    private final GroupSettings groups;
    private final Optional<Listener> httpListener;

    private BrokerConfig(ConfigSchema.Parsed parsed) {
        this.parsed = parsed;
        this.listeners = Listener.parseAll(LISTENERS, list(LISTENERS));
        this.securityProtocols = parseProtocolMap();
        this.advertisedListeners = list(ADVERTISED_LISTENERS).isEmpty()
                ? clientListeners()
                : Listener.parseAll(ADVERTISED_LISTENERS, list(ADVERTISED_LISTENERS));
        this.logDirs = parseLogDirs();
        this.httpListener = string(HTTP_LISTENER).isBlank() ? Optional.empty()
                : Optional.of(Listener.parseHttp(HTTP_LISTENER, string(HTTP_LISTENER)));
        this.quorumVoters = controllerQuorumVoters().isEmpty() ? null
                : QuorumVoters.parse(String.join(",", controllerQuorumVoters()));
        checkCrossKeyRules();
        ClusterRules.check(this);
        this.groups = GroupSettings.from(this);
    }

    /**
     * Parses properties. Unknown keys go to {@code unknownKey} one by one (the caller logs a WARN line for
     * each); a bad value throws {@link ConfigException} naming its key.
     */
    public static BrokerConfig parse(Map<String, String> props, Consumer<String> unknownKey) {
        Map<String, String> p = new LinkedHashMap<>(props);
        // Kafka files written before KRaft carry broker.id only; treat it as the node id.
        if (!p.containsKey(NODE_ID) && p.containsKey(BROKER_ID)) {
            p.put(NODE_ID, p.get(BROKER_ID));
        }
        ConfigSchema.Parsed parsed = SCHEMA.parse(p);
        for (String key : parsed.unknownKeys()) {
            unknownKey.accept(key);
        }
        return new BrokerConfig(parsed);
    }

    public static BrokerConfig parse(Map<String, String> props) {
        return parse(props, key -> { });
    }

    // ---- identity ----

    public int nodeId() {
        return (Integer) parsed.get(NODE_ID);
    }

    public List<String> processRoles() {
        return list(PROCESS_ROLES);
    }

    public List<String> controllerListenerNames() {
        return list(CONTROLLER_LISTENER_NAMES);
    }

    public List<String> controllerQuorumVoters() {
        return list(CONTROLLER_QUORUM_VOTERS);
    }

    /**
     * Whether this node is part of a cluster with a Raft controller quorum ({@code controller.quorum.voters}
     * set); otherwise it is a one-node cluster of its own, broker and controller in one process, with
     * the metadata log in a local file.
     */
    public boolean isCluster() {
        return !controllerQuorumVoters().isEmpty();
    }

    /** The parsed {@code controller.quorum.voters}; null for a one-node cluster. */
    public QuorumVoters quorumVoters() {
        return quorumVoters;
    }

    /** Whether this node runs a broker: named in {@code process.roles}, or implied by a one-node cluster. */
    public boolean hasBrokerRole() {
        return processRoles().isEmpty() || processRoles().contains("broker");
    }

    /** Whether this node runs a controller: named in {@code process.roles}, or implied by a one-node cluster. */
    public boolean hasControllerRole() {
        return processRoles().isEmpty() || processRoles().contains("controller");
    }

    /** The listener a controller of a cluster serves on: the first of {@code controller.listener.names}; null if none is bound. */
    public Listener controllerListener() {
        List<String> names = controllerListenerNames();
        if (names.isEmpty()) {
            return null;
        }
        String name = names.get(0).toUpperCase(Locale.ROOT);
        return listeners.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code controller.socket.timeout.ms}: the longest a forwarded request waits for the active controller. */
    public int controllerSocketTimeoutMs() {
        return integer(CONTROLLER_SOCKET_TIMEOUT_MS);
    }

    public long brokerSessionTimeoutMs() {
        return longValue(BROKER_SESSION_TIMEOUT_MS);
    }

    /** The settings of this node's member of the controller quorum (cluster controllers only). */
    public QuorumConfig quorumConfig() {
        if (quorumVoters == null || !hasControllerRole()) {
            throw new IllegalStateException("node " + nodeId() + " is not a controller of a cluster");
        }
        long electionMs = longValue(CONTROLLER_QUORUM_ELECTION_TIMEOUT_MS);
        QuorumConfig.Builder b = QuorumConfig.builder()
                .nodeId(nodeId())
                .voters(quorumVoters)
                .dataDir(metadataLogDir().toAbsolutePath().normalize().resolve(QuorumConfig.METADATA_DIR_NAME))
                // Kafka randomises the election timeout between the configured value and twice it.
                .electionTimeoutMs(electionMs, 2 * electionMs)
                .requestTimeoutMs(longValue(CONTROLLER_QUORUM_REQUEST_TIMEOUT_MS))
                .snapshotIntervalEntries(longValue(METADATA_LOG_SNAPSHOT_INTERVAL_ENTRIES))
                .segmentBytes(longValue(METADATA_LOG_SEGMENT_BYTES));
        String clusterId = string(CLUSTER_ID).trim();
        if (!clusterId.isEmpty()) {
            b.clusterId(clusterId);
        }
        return b.build();
    }

    /** {@code controller.quorum.bootstrap.servers} as written (refused when set: not supported). */
    List<String> controllerQuorumBootstrapServersSet() {
        return list(CONTROLLER_QUORUM_BOOTSTRAP_SERVERS);
    }

    public String rack() {
        return string(BROKER_RACK);
    }

    // ---- listeners ----

    /** Every listener in {@code listeners}, including controller listeners. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The listeners that serve clients: {@code listeners} minus those named in {@code controller.listener.names}. */
    public List<Listener> clientListeners() {
        Set<String> controllerNames = new HashSet<>(controllerListenerNames());
        return listeners.stream().filter(l -> !controllerNames.contains(l.name())).toList();
    }

    /** The advertised listeners as written (or defaulted); wildcard hosts and port 0 are resolved after binding. */
    public List<Listener> advertisedListeners() {
        return advertisedListeners;
    }

    /** Where this node serves HTTP ({@code /metrics}), or empty when {@code http.listener} is not set. */
    public Optional<Listener> httpListener() {
        return httpListener;
    }

    public String securityProtocol(String listenerName) {
        return securityProtocols.get(listenerName);
    }

    // ---- network ----

    public int numNetworkThreads() {
        return integer(NUM_NETWORK_THREADS);
    }

    public int numIoThreads() {
        return integer(NUM_IO_THREADS);
    }

    public int queuedMaxRequests() {
        return integer(QUEUED_MAX_REQUESTS);
    }

    public int socketRequestMaxBytes() {
        return integer(SOCKET_REQUEST_MAX_BYTES);
    }

    public int socketSendBufferBytes() {
        return integer(SOCKET_SEND_BUFFER_BYTES);
    }

    public int socketReceiveBufferBytes() {
        return integer(SOCKET_RECEIVE_BUFFER_BYTES);
    }

    public int socketListenBacklogSize() {
        return integer(SOCKET_LISTEN_BACKLOG_SIZE);
    }

    public int maxConnections() {
        return integer(MAX_CONNECTIONS);
    }

    public long connectionsMaxIdleMs() {
        return longValue(CONNECTIONS_MAX_IDLE_MS);
    }

    // ---- storage ----

    public List<Path> logDirs() {
        return logDirs;
    }

    /** Where the cluster metadata log lives: {@code metadata.log.dir}, else the first log directory. */
    public Path metadataLogDir() {
        String dir = string(METADATA_LOG_DIR);
        return dir.isEmpty() ? logDirs.get(0) : Path.of(dir);
    }

    public int numRecoveryThreadsPerDataDir() {
        return integer(NUM_RECOVERY_THREADS_PER_DATA_DIR);
    }

    // ---- topics ----

    public int numPartitions() {
        return integer(NUM_PARTITIONS);
    }

    /** The group coordinator's settings, checked together at parse time. */
    public GroupSettings groups() {
        return groups;
    }

    public int offsetsTopicNumPartitions() {
        return integer(OFFSETS_TOPIC_NUM_PARTITIONS);
    }

    public int offsetsTopicReplicationFactor() {
        return integer(OFFSETS_TOPIC_REPLICATION_FACTOR);
    }

    public short defaultReplicationFactor() {
        return (short) integer(DEFAULT_REPLICATION_FACTOR);
    }

    public boolean autoCreateTopicsEnable() {
        return bool(AUTO_CREATE_TOPICS_ENABLE);
    }

    public boolean deleteTopicEnable() {
        return bool(DELETE_TOPIC_ENABLE);
    }

    public int minInsyncReplicas() {
        return integer(MIN_INSYNC_REPLICAS);
    }

    public boolean uncleanLeaderElectionEnable() {
        return bool(UNCLEAN_LEADER_ELECTION_ENABLE);
    }

    // ---- log defaults ----

    public int segmentBytes() {
        return integer(LOG_SEGMENT_BYTES);
    }

    /** {@code log.roll.ms}, else {@code log.roll.hours} in ms. */
    public long rollMs() {
        if (parsed.isExplicit(LOG_ROLL_MS)) {
            return longValue(LOG_ROLL_MS);
        }
        return integer(LOG_ROLL_HOURS) * 3_600_000L;
    }

    /** Kafka's precedence: ms, then minutes, then hours; a negative result means keep forever (-1). */
    public long retentionMs() {
        long ms;
        if (parsed.isExplicit(LOG_RETENTION_MS)) {
            ms = longValue(LOG_RETENTION_MS);
        } else if (parsed.isExplicit(LOG_RETENTION_MINUTES)) {
            ms = integer(LOG_RETENTION_MINUTES) * 60_000L;
        } else {
            ms = integer(LOG_RETENTION_HOURS) * 3_600_000L;
        }
        return ms < 0 ? -1L : ms;
    }

    public long retentionBytes() {
        return longValue(LOG_RETENTION_BYTES);
    }

    public long retentionCheckIntervalMs() {
        return longValue(LOG_RETENTION_CHECK_INTERVAL_MS);
    }

    public long segmentDeleteDelayMs() {
        return longValue(LOG_SEGMENT_DELETE_DELAY_MS);
    }

    public int indexSizeMaxBytes() {
        return integer(LOG_INDEX_SIZE_MAX_BYTES);
    }

    public int indexIntervalBytes() {
        return integer(LOG_INDEX_INTERVAL_BYTES);
    }

    public long flushIntervalMessages() {
        return longValue(LOG_FLUSH_INTERVAL_MESSAGES);
    }

    /** {@code log.flush.interval.ms}, or {@code Long.MAX_VALUE} (never by time) when unset. */
    public long flushIntervalMs() {
        return parsed.isExplicit(LOG_FLUSH_INTERVAL_MS) ? longValue(LOG_FLUSH_INTERVAL_MS) : Long.MAX_VALUE;
    }

    public List<String> cleanupPolicy() {
        return list(LOG_CLEANUP_POLICY);
    }

    /** The {@code log.cleaner.*} settings that are the broker's own (the topic defaults go through the resolver). */
    public CleanerConfig cleanerConfig() {
        return new CleanerConfig(bool(LOG_CLEANER_ENABLE), integer(LOG_CLEANER_THREADS), longValue(LOG_CLEANER_DEDUPE_BUFFER_SIZE),
                integer(LOG_CLEANER_IO_BUFFER_SIZE), (Double) parsed.get(LOG_CLEANER_IO_MAX_BYTES_PER_SECOND),
                longValue(LOG_CLEANER_BACKOFF_MS));
    }

    public String messageTimestampType() {
        return string(LOG_MESSAGE_TIMESTAMP_TYPE);
    }

    public int messageMaxBytes() {
        return integer(MESSAGE_MAX_BYTES);
    }

    public String compressionType() {
        return string(COMPRESSION_TYPE);
    }

    public int fetchMaxBytes() {
        return integer(FETCH_MAX_BYTES);
    }

    /** {@code max.incremental.fetch.session.cache.slots}: the fetch session cache's bound. */
    public int maxIncrementalFetchSessionCacheSlots() {
        return integer(MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS);
    }

    public long producerIdExpirationMs() {
        return integer(PRODUCER_ID_EXPIRATION_MS);
    }

    public long producerIdExpirationCheckIntervalMs() {
        return integer(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS);
    }

    public boolean controlledShutdownEnable() {
        return bool(CONTROLLED_SHUTDOWN_ENABLE);
    }

    public long brokerHeartbeatIntervalMs() {
        return longValue(BROKER_HEARTBEAT_INTERVAL_MS);
    }

    /** A rate key's value from the properties file (bytes/s): the replication throttles beneath their dynamic values. */
    public long staticRateBytesPerSecond(String key) {
        return longValue(key);
    }

    public long replicaLagTimeMaxMs() {
        return longValue(REPLICA_LAG_TIME_MAX_MS);
    }

    /** {@code replica.fetch.stall.max.ms}: 0 turns the leader's stall rule off. */
    public long replicaFetchStallMaxMs() {
        return longValue(REPLICA_FETCH_STALL_MAX_MS);
    }

    public int replicaFetchMaxBytes() {
        return integer(REPLICA_FETCH_MAX_BYTES);
    }

    public int replicaFetchResponseMaxBytes() {
        return integer(REPLICA_FETCH_RESPONSE_MAX_BYTES);
    }

    public int replicaFetchWaitMaxMs() {
        return integer(REPLICA_FETCH_WAIT_MAX_MS);
    }

    public int replicaFetchMinBytes() {
        return integer(REPLICA_FETCH_MIN_BYTES);
    }

    public int replicaFetchBackoffMs() {
        return integer(REPLICA_FETCH_BACKOFF_MS);
    }

    public int replicaSocketTimeoutMs() {
        return integer(REPLICA_SOCKET_TIMEOUT_MS);
    }

    public long replicaHighWatermarkCheckpointIntervalMs() {
        return longValue(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS);
    }

    /**
     * The listener followers fetch from leaders on: {@code inter.broker.listener.name}, else PLAINTEXT
     * when a client listener has that name, else the first client listener.
     */
    public String interBrokerListenerName() {
        String explicit = string(INTER_BROKER_LISTENER_NAME);
        if (!explicit.isEmpty()) {
            return explicit.toUpperCase(Locale.ROOT);
        }
        List<Listener> client = clientListeners();
        for (Listener l : client) {
            if (l.name().equals("PLAINTEXT")) {
                return l.name();
            }
        }
        return client.isEmpty() ? "PLAINTEXT" : client.get(0).name();
    }

    /** The keys the file set, as written: what the controller and topic-config resolution read. */
    public Map<String, String> explicitProperties() {
        return parsed.explicit();
    }

    // ---- generic access, for DescribeConfigs ----

    public ConfigSchema.Parsed parsed() {
        return parsed;
    }

    public boolean isExplicit(String key) {
        return parsed.isExplicit(key);
    }

    /** The value of {@code key} as text, or null for a key left unset; the effective value applies synonyms. */
    public String valueText(String key) {
        if (UNSET_BY_DEFAULT.contains(key) && !parsed.isExplicit(key)) {
            return null;
        }
        return ConfigKey.render(parsed.get(key));
    }

    // ---- parsing helpers ----

    private Map<String, String> parseProtocolMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String entry : list(LISTENER_SECURITY_PROTOCOL_MAP)) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP, entry, "an entry is written NAME:PROTOCOL");
            }
            String name = entry.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            String protocol = entry.substring(colon + 1).trim().toUpperCase(Locale.ROOT);
            if (!Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP, entry, "unknown security protocol " + protocol);
            }
            m.put(name, protocol);
        }
        // As in Kafka, controller listeners default to PLAINTEXT when the map does not name them.
        for (String name : controllerListenerNames()) {
            m.putIfAbsent(name.toUpperCase(Locale.ROOT), "PLAINTEXT");
        }
        return Map.copyOf(m);
    }

    private List<Path> parseLogDirs() {
        List<String> dirs = parsed.isExplicit(LOG_DIRS) ? list(LOG_DIRS) : List.of(string(LOG_DIR));
        if (dirs.isEmpty()) {
            throw new ConfigException(LOG_DIRS, parsed.explicit().get(LOG_DIRS), "must name at least one directory");
        }
        List<Path> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String d : dirs) {
            Path p = Path.of(d).toAbsolutePath().normalize();
            if (!seen.add(p)) {
                throw new ConfigException(parsed.isExplicit(LOG_DIRS) ? LOG_DIRS : LOG_DIR, d, "directory listed twice");
            }
            out.add(p);
        }
        return List.copyOf(out);
    }

    private void checkCrossKeyRules() {
        int brokerId = integer(BROKER_ID);
        if (brokerId != -1 && brokerId != nodeId()) {
            throw new ConfigException(BROKER_ID, brokerId, "must equal node.id (" + nodeId() + ") when both are set");
        }
        Set<String> names = new HashSet<>();
        for (Listener l : listeners) {
            names.add(l.name());
            String protocol = securityProtocols.get(l.name());
            if (protocol == null) {
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP, ConfigKey.render(parsed.get(LISTENER_SECURITY_PROTOCOL_MAP)),
                        "no security protocol for listener " + l.name());
            }
            if (!protocol.equals("PLAINTEXT")) {
                // A listener named after its protocol (SSL://) is fixed in listeners; any other name got
                // its protocol from the map, and that is the line the operator has to change.
                if (l.name().equals(protocol)) {
                    throw new ConfigException(LISTENERS, l, "security protocol " + protocol + " is not supported yet; use PLAINTEXT");
                }
                throw new ConfigException(LISTENER_SECURITY_PROTOCOL_MAP, ConfigKey.render(parsed.get(LISTENER_SECURITY_PROTOCOL_MAP)),
                        "maps listener " + l.name() + " to security protocol " + protocol
                                + ", which is not supported yet; map it to PLAINTEXT");
            }
        }
        if (hasBrokerRole() && clientListeners().isEmpty()) {
            throw new ConfigException(LISTENERS, ConfigKey.render(parsed.get(LISTENERS)),
                    "at least one listener must serve clients (not be named in controller.listener.names)");
        }
        for (Listener a : advertisedListeners) {
            if (!names.contains(a.name())) {
                throw new ConfigException(ADVERTISED_LISTENERS, a, "listener " + a.name() + " is not in listeners");
            }
        }
        Set<String> controllerNames = new HashSet<>(controllerListenerNames());
        for (Listener a : advertisedListeners) {
            if (controllerNames.contains(a.name())) {
                throw new ConfigException(ADVERTISED_LISTENERS, a, "a controller listener must not be advertised to clients");
            }
        }
        String interBroker = string(INTER_BROKER_LISTENER_NAME);
        if (!interBroker.isEmpty() && !names.contains(interBroker.toUpperCase(Locale.ROOT))) {
            throw new ConfigException(INTER_BROKER_LISTENER_NAME, interBroker, "not a listener in listeners");
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> list(String key) {
        return (List<String>) parsed.get(key);
    }

    private String string(String key) {
        return (String) parsed.get(key);
    }

    int integer(String key) {
        return (Integer) parsed.get(key);
    }

    long longValue(String key) {
        return (Long) parsed.get(key);
    }

    private boolean bool(String key) {
        return (Boolean) parsed.get(key);
    }
}
