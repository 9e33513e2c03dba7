package io.tributary.quorum;

import io.tributary.common.config.ConfigException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything a controller needs to take part in the quorum. Built with {@link #builder} or read
 * from Kafka-style properties with {@link #fromProperties}; either way every value is checked and a
 * bad one throws {@link ConfigException} naming its key.
 *
 * <p>Defaults and why:
 * <ul>
 *   <li>Election timeout 300-600 ms (Kafka: {@code controller.quorum.election.timeout.ms}=1000,
 *       randomised up to twice that). A follower that hears nothing from the leader for a random
 *       time in [min, max] starts an election, and the leader sends a heartbeat every min/2 = 150 ms,
 *       so a follower only suspects the leader after missing at least two heartbeats. A 300 ms floor
 *       stays above the pauses of a small G1 heap (tens of ms) with room to spare, while a dead
 *       leader is replaced in about max + two round trips, i.e. well under a second. The doubling
 *       of the range keeps split votes rare.</li>
 *   <li>Request timeout 2000 ms (Kafka's {@code controller.quorum.request.timeout.ms} default): how
 *       long an append may wait for its commit before its future fails.</li>
 *   <li>Snapshot every 20,000 entries: metadata entries are small, so this is a few MB of log,
 *       the same order as Kafka's 20 MB between snapshots.</li>
 *   <li>Log segments of 8 MiB (Kafka's floor for {@code metadata.log.segment.bytes}): the log is
 *       purged whole segments at a time once a snapshot covers them.</li>
 * </ul>
 */
public final class QuorumConfig {

    public static final String NODE_ID = "node.id";
    public static final String PROCESS_ROLES = "process.roles";
    public static final String VOTERS = QuorumVoters.KEY;
    public static final String METADATA_LOG_DIR = "metadata.log.dir";
    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_DIR = "log.dir";
    public static final String ELECTION_TIMEOUT_MS = "controller.quorum.election.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "controller.quorum.request.timeout.ms";
    public static final String SEGMENT_BYTES = "metadata.log.segment.bytes";
    /** Tributary's own key: Kafka counts bytes between snapshots, Ratis counts entries. */
    public static final String SNAPSHOT_INTERVAL_ENTRIES = "tributary.metadata.log.snapshot.interval.entries";
    /** Tributary's own key: an optional cluster id from which the Raft group id is derived. */
    public static final String CLUSTER_ID = "tributary.cluster.id";

    /** The directory under {@code metadata.log.dir} that holds the quorum's storage, named as Kafka names it. */
    public static final String METADATA_DIR_NAME = "__cluster_metadata-0";

    public static final long DEFAULT_ELECTION_TIMEOUT_MIN_MS = 300;
    public static final long DEFAULT_ELECTION_TIMEOUT_MAX_MS = 600;
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 2000;
    public static final long DEFAULT_SNAPSHOT_INTERVAL_ENTRIES = 20_000;
    public static final long DEFAULT_SEGMENT_BYTES = 8L * 1024 * 1024;
    public static final long SEGMENT_BYTES_MIN = 16 * 1024;
    public static final long ELECTION_TIMEOUT_MIN_FLOOR_MS = 50;

    private static final String GROUP_ID_SALT = "tributary-controller-quorum:";

    private final int nodeId;
    private final QuorumVoters voters;
    private final Path dataDir;
    private final long electionTimeoutMinMs;
    private final long electionTimeoutMaxMs;
    private final long requestTimeoutMs;
    private final long snapshotIntervalEntries;
    private final long segmentBytes;
    private final Optional<String> clusterId;
    private final boolean snapshotOnStop;

    private QuorumConfig(Builder b) {
        this.nodeId = b.nodeId;
        this.voters = Objects.requireNonNull(b.voters, VOTERS);
        this.dataDir = Objects.requireNonNull(b.dataDir, METADATA_LOG_DIR);
        this.electionTimeoutMinMs = b.electionTimeoutMinMs;
        this.electionTimeoutMaxMs = b.electionTimeoutMaxMs;
        this.requestTimeoutMs = b.requestTimeoutMs;
        this.snapshotIntervalEntries = b.snapshotIntervalEntries;
        this.segmentBytes = b.segmentBytes;
        this.clusterId = b.clusterId;
        this.snapshotOnStop = b.snapshotOnStop;
        if (nodeId < 0) {
            throw new ConfigException(NODE_ID, nodeId, "must be non-negative");
        }
        if (!voters.contains(nodeId)) {
            throw new ConfigException(VOTERS, voters, "node.id " + nodeId
                    + " is not among the voters, but this node has the controller role; add it or drop the role");
        }
        if (electionTimeoutMinMs < ELECTION_TIMEOUT_MIN_FLOOR_MS) {
            throw new ConfigException(ELECTION_TIMEOUT_MS, electionTimeoutMinMs,
                    "must be at least " + ELECTION_TIMEOUT_MIN_FLOOR_MS + " ms");
        }
        if (electionTimeoutMaxMs <= electionTimeoutMinMs) {
            throw new ConfigException(ELECTION_TIMEOUT_MS, electionTimeoutMinMs + "-" + electionTimeoutMaxMs,
                    "the maximum election timeout must exceed the minimum, or split votes never resolve");
        }
        if (requestTimeoutMs < 1) {
            throw new ConfigException(REQUEST_TIMEOUT_MS, requestTimeoutMs, "must be at least 1");
        }
        if (snapshotIntervalEntries < 1) {
            throw new ConfigException(SNAPSHOT_INTERVAL_ENTRIES, snapshotIntervalEntries, "must be at least 1");
        }
        if (segmentBytes < SEGMENT_BYTES_MIN || segmentBytes > Integer.MAX_VALUE) {
            throw new ConfigException(SEGMENT_BYTES, segmentBytes,
                    "must be between " + SEGMENT_BYTES_MIN + " and " + Integer.MAX_VALUE);
        }
        clusterId.ifPresent(id -> {
            if (id.isBlank()) {
                throw new ConfigException(CLUSTER_ID, id, "must not be blank when set");
            }
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a controller's quorum settings from Kafka-style properties. {@code process.roles}, when
     * present, must include {@code controller}: a broker-only node reads the voters with
     * {@link QuorumVoters#parse} and runs no quorum.
     */
    public static QuorumConfig fromProperties(Map<String, String> props) {
        String roles = props.get(PROCESS_ROLES);
        if (roles != null && Arrays.stream(roles.split(",")).map(String::trim).noneMatch("controller"::equals)) {
            throw new ConfigException(PROCESS_ROLES, roles, "a quorum member needs the controller role");
        }
        Builder b = builder()
                .nodeId(intValue(props, NODE_ID, null))
                .voters(QuorumVoters.parse(props.get(VOTERS)))
                .dataDir(metadataDir(props));
        long electionMs = longValue(props, ELECTION_TIMEOUT_MS, DEFAULT_ELECTION_TIMEOUT_MIN_MS);
        // Kafka randomises the election timeout between the configured value and twice it; so do we.
        b.electionTimeoutMs(electionMs, 2 * electionMs);
        b.requestTimeoutMs(longValue(props, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS));
        b.snapshotIntervalEntries(longValue(props, SNAPSHOT_INTERVAL_ENTRIES, DEFAULT_SNAPSHOT_INTERVAL_ENTRIES));
        b.segmentBytes(longValue(props, SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES));
        String clusterId = props.get(CLUSTER_ID);
        if (clusterId != null) {
            b.clusterId(clusterId.trim());
        }
        return b.build();
    }

    private static Path metadataDir(Map<String, String> props) {
        String dir = props.get(METADATA_LOG_DIR);
        String from = METADATA_LOG_DIR;
        if (dir == null || dir.isBlank()) {
            // Kafka keeps the metadata log in the first log directory when metadata.log.dir is unset.
            from = props.containsKey(LOG_DIRS) ? LOG_DIRS : LOG_DIR;
            String dirs = props.get(from);
            dir = dirs == null ? null : dirs.split(",")[0].trim();
        }
        if (dir == null || dir.isEmpty()) {
            throw new ConfigException(METADATA_LOG_DIR, null, "set metadata.log.dir (or log.dirs) for a controller");
        }
        try {
            return Path.of(dir).resolve(METADATA_DIR_NAME);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(from, dir, "not a valid path: " + e.getMessage());
        }
    }

    private static int intValue(Map<String, String> props, String key, Integer dflt) {
        String text = props.get(key);
        if (text == null) {
            if (dflt == null) {
                throw new ConfigException(key, null, "this key is required");
            }
            return dflt;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "expected a 32-bit integer");
        }
    }

    private static long longValue(Map<String, String> props, String key, long dflt) {
        String text = props.get(key);
        if (text == null) {
            return dflt;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, text, "expected a 64-bit integer");
        }
    }

    public int nodeId() {
        return nodeId;
    }

    public QuorumVoters voters() {
        return voters;
    }

    /** The directory that holds this node's Raft storage (log, metadata, snapshots). */
    public Path dataDir() {
        return dataDir;
    }

    public long electionTimeoutMinMs() {
        return electionTimeoutMinMs;
    }

    public long electionTimeoutMaxMs() {
        return electionTimeoutMaxMs;
    }

    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    public long snapshotIntervalEntries() {
        return snapshotIntervalEntries;
    }

    public long segmentBytes() {
        return segmentBytes;
    }

    public Optional<String> clusterId() {
        return clusterId;
    }

    /** Whether a clean stop takes a snapshot (always, except in tests that need a log tail to replay). */
    boolean snapshotOnStop() {
        return snapshotOnStop;
    }

    /**
     * How long a node whose Raft storage is empty waits before it starts its Raft server (see
     * docs/design/quorum.md, "the wiped-disk rule"): twice the maximum election timeout. One
     * maximum bounds how long any candidate keeps counting votes for a term in which this node may
     * have voted before its disk was wiped; the second is the margin for process pauses and timer
     * slack on the candidate's side.
     */
    public long wipedStorageWaitMs() {
        return 2 * electionTimeoutMaxMs;
    }

    /**
     * The Raft group id: a name-based UUID of a constant and the cluster id (if any), so every voter
     * derives the same id with no format step, and voters of different clusters refuse each other.
     */
    public UUID groupId() {
        String name = GROUP_ID_SALT + clusterId.orElse("");
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "QuorumConfig{nodeId=" + nodeId + ", voters=" + voters + ", dataDir=" + dataDir
                + ", electionTimeoutMs=" + electionTimeoutMinMs + "-" + electionTimeoutMaxMs
                + ", requestTimeoutMs=" + requestTimeoutMs + ", snapshotIntervalEntries=" + snapshotIntervalEntries
                + ", segmentBytes=" + segmentBytes + ", clusterId=" + clusterId.orElse("-") + "}";
    }

    /** Builds a {@link QuorumConfig}; {@link #build} checks every value. */
    public static final class Builder {
        private int nodeId = -1;
        private QuorumVoters voters;
        private Path dataDir;
        private long electionTimeoutMinMs = DEFAULT_ELECTION_TIMEOUT_MIN_MS;
        private long electionTimeoutMaxMs = DEFAULT_ELECTION_TIMEOUT_MAX_MS;
        private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
        private long snapshotIntervalEntries = DEFAULT_SNAPSHOT_INTERVAL_ENTRIES;
        private long segmentBytes = DEFAULT_SEGMENT_BYTES;
        private Optional<String> clusterId = Optional.empty();
        private boolean snapshotOnStop = true;

        private Builder() {
        }

        public Builder nodeId(int nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        public Builder voters(QuorumVoters voters) {
            this.voters = voters;
            return this;
        }

        public Builder voters(String voters) {
            this.voters = QuorumVoters.parse(voters);
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder electionTimeoutMs(long minMs, long maxMs) {
            this.electionTimeoutMinMs = minMs;
            this.electionTimeoutMaxMs = maxMs;
            return this;
        }

        public Builder requestTimeoutMs(long requestTimeoutMs) {
            this.requestTimeoutMs = requestTimeoutMs;
            return this;
        }

        public Builder snapshotIntervalEntries(long entries) {
            this.snapshotIntervalEntries = entries;
            return this;
        }

        public Builder segmentBytes(long segmentBytes) {
            this.segmentBytes = segmentBytes;
            return this;
        }

        public Builder clusterId(String clusterId) {
            this.clusterId = Optional.of(clusterId);
            return this;
        }

        /** Tests only: a clean stop that takes no snapshot leaves a log tail for the restart to replay. */
        Builder snapshotOnStop(boolean snapshotOnStop) {
            this.snapshotOnStop = snapshotOnStop;
            return this;
        }

        public QuorumConfig build() {
            return new QuorumConfig(this);
        }
    }
}
