package io.tributary.quorum;

import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@link QuorumConfig} into Ratis's properties. Every Ratis setting we rely on is set here,
 * with the reason, so nothing depends on a Ratis default changing under us.
 */
final class RatisProperties {

    /** The Ratis gRPC server listens here only; peers reach it through the CONTROLLER port's relay. */
    static final String LOOPBACK = "127.0.0.1";
    static final int SNAPSHOTS_RETAINED = 2;
    private static final long PURGE_GAP_MAX = 1024;
    private static final long PREALLOCATED_BYTES_MAX = 4L * 1024 * 1024;
    /** The longest wait before the leader tries a failed follower again. */
    static final long APPENDER_RETRY_MAX_MS = 100;

    private RatisProperties() {
    }

    static RaftProperties of(QuorumConfig c) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        // Port 0: the kernel picks a free port, which the relay reads back after start. Admin and
        // client services share this one server because their ports are left unset.
        GrpcConfigKeys.Server.setHost(p, LOOPBACK);
        GrpcConfigKeys.Server.setPort(p, 0);

        RaftServerConfigKeys.setStorageDir(p, List.of(c.dataDir().toFile()));
        RaftServerConfigKeys.setRemovedGroupsDir(p, c.dataDir().resolve("removed-groups").toFile());

        RaftServerConfigKeys.Rpc.setTimeoutMin(p, ms(c.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, ms(c.electionTimeoutMaxMs()));
        // The first election after start uses the same range: a restarted node must not be quicker
        // to call an election than the others (the Ratis default falls back to it too; be explicit).
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, ms(c.electionTimeoutMinMs()));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, ms(c.electionTimeoutMaxMs()));
        // Pre-vote keeps a node that was cut off from forcing a term change on its return.
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        // How soon the leader tries a follower again after a failed append. Ratis's default backs off to
        // 1 s after ten failures and to 5 s after thirty, so a voter that was down for a restart was
        // heard again only a second or more after it came back; a second voter lost in that window
        // (a rolling restart) left the leader without a majority that had answered within the
        // election timeout, and the quorum stalled for seconds (seen in MetricsE2eTest). Trying every
        // third of the shortest election timeout, at most APPENDER_RETRY_MAX_MS, keeps a returning
        // voter heard within one election timeout, for the price of a refused connection that often
        // per voter that is down.
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, appenderRetryPolicy(c.electionTimeoutMinMs()));
        // How long a leader that stepped down because a majority stopped answering waits before it
        // campaigns again. Ratis's default is 10 s, and while it waits it does not even ask for
        // votes: when the voters that answer again are behind it (a voter back from a restart, the
        // other one lost), nobody else can win, and the quorum stayed leaderless for those 10 s
        // (ReturningVoterElectionTest). A Kafka leader that resigns campaigns again after an election
        // timeout; so does ours. Pre-vote keeps a leader that was cut off from forcing a term change.
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, ms(c.electionTimeoutMinMs()));

        long interval = c.snapshotIntervalEntries();
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, interval);
        RaftServerConfigKeys.Snapshot.setCreationGap(p, Math.min(PURGE_GAP_MAX, interval));
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, SNAPSHOTS_RETAINED);
        // Purge the log up to the snapshot even when a voter is down: otherwise a dead voter would
        // pin the log forever. A voter that comes back behind the snapshot is sent the snapshot.
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(PURGE_GAP_MAX, interval));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.segmentBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(PREALLOCATED_BYTES_MAX, c.segmentBytes())));
        // Snapshot on a clean stop, so a restart replays little.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, c.snapshotOnStop());
        return p;
    }

    /** In Ratis's format: ten quick retries, then one every third of an election timeout for as long as it takes. */
    static String appenderRetryPolicy(long electionTimeoutMinMs) {
        long retryMs = Math.max(1, Math.min(APPENDER_RETRY_MAX_MS, electionTimeoutMinMs / 3));
        return "1ms,10, " + retryMs + "ms," + Integer.MAX_VALUE;
    }

    private static TimeDuration ms(long millis) {
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }
}
