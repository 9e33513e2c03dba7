package io.tributary.broker.replica;

import io.tributary.broker.image.MetadataView;
import io.tributary.broker.net.client.ClientSettings;
import io.tributary.broker.net.client.ClientTransport;
import io.tributary.broker.net.client.NodeConnection;
import io.tributary.broker.partition.FollowerFetch;
import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.Time;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.common.records.RecordsSlice;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.replication.partition.EpochEndOffset;
import io.tributary.wire.api.IsolationLevel;
import io.tributary.wire.api.fetch.FetchClientCodec;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches, for every partition this broker follows whose leader is one source broker, from that
 * leader, on a thread of its own ({@code tributary-replica-fetcher-<source>}): one Fetch covers all
 * of them (in a fetch session when the leader keeps one, {@link FollowerFetchSession}, so only
 * partitions whose fetch state changed are sent), at the highest version both ends speak, with this broker's id and broker epoch (KIP-903),
 * each partition's fetch offset, last fetched epoch (KIP-320, so the leader can say where the logs
 * diverge) and current leader epoch, and topic ids. Each response partition is handed to its
 * {@link Partition}, which appends the leader's batches unchanged or truncates.
 *
 * <p>Bounded: one request in flight per source; the response holds at most
 * {@code replica.fetch.response.max.bytes} (and {@code replica.fetch.max.bytes} per partition). A
 * connection that fails or an answer that does not come within {@code replica.fetch.wait.max.ms +
 * replica.socket.timeout.ms} closes the connection, and the fetcher waits
 * {@code replica.fetch.backoff.ms} before it tries again; a partition answered with an error waits as
 * long on its own while the others go on, except for the answers that mean the leader's metadata and
 * ours differ for a moment (NOT_LEADER_OR_FOLLOWER, UNKNOWN_LEADER_EPOCH, ...), retried every 10 ms
 * twenty times, then every 100 ms. A change to the set of partitions (leadership
 * moved) cuts any wait short.
 */
final class ReplicaFetcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicaFetcher.class);

    /** How long an idle fetcher (no partition ready) sleeps before it looks again, unless woken. */
    private static final long IDLE_WAIT_MS = 1_000;

    private final int sourceId;
    private final int localId;
    private final FetcherSettings settings;
    private final ClientTransport transport;
    private final MetadataView metadata;
    private final LongSupplier brokerEpoch;
    private final Time time;
    private final ReplicationThrottle throttle;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<TopicPartition, Partition> partitions = new LinkedHashMap<>();  // guarded by lock
    private final Map<TopicPartition, Long> delayedUntilMs = new HashMap<>();           // fetcher thread only
    /** Consecutive answers per partition saying the leader's metadata and ours differ (fetcher thread only). */
    private final Map<TopicPartition, Integer> metadataRaceStreak = new HashMap<>();
    private final FollowerFetchSession session = new FollowerFetchSession();           // fetcher thread only
    private boolean woken;                                                              // guarded by lock
    private volatile boolean closed;
    private volatile NodeConnection connection;                                         // written by the fetcher thread
    /** A fetch is out at the leader (written by the fetcher thread, read by {@link #add}). */
    private volatile boolean waitingAtLeader;
    /** A partition was added since the fetch now out was built (set by {@link #add}, cleared when the next is built). */
    private volatile boolean addedSinceTargets;
    /** {@link #add} closed the connection to abandon the fetch out at the leader: not a problem to report or back off from. */
    private volatile boolean abandoned;
    private volatile CompletableFuture<NodeConnection> connecting;                      // written by the fetcher thread
    private String lastProblem;                                                         // fetcher thread only

    ReplicaFetcher(int sourceId, int localId, FetcherSettings settings, ClientTransport transport, MetadataView metadata,
                   LongSupplier brokerEpoch, Time time, ReplicationThrottle throttle) {
        this.throttle = throttle;
        this.sourceId = sourceId;
        this.localId = localId;
        this.settings = settings;
        this.transport = transport;
        this.metadata = metadata;
        this.brokerEpoch = brokerEpoch;
        this.time = time;
        this.thread = new Thread(this::run, "tributary-replica-fetcher-" + sourceId);
        this.thread.setDaemon(true);
    }

    int sourceId() {
        return sourceId;
    }

    void start() {
        thread.start();
    }

    void add(Partition p) {
        lock.lock();
        try {
            boolean added = partitions.put(p.topicPartition(), p) == null;
            wakeLocked();
            if (added) {
                addedSinceTargets = true;
            }
            NodeConnection c = connection;
            if (added && waitingAtLeader && c != null) {
                // The fetch waiting at the leader does not name this partition, and the leader may
                // hold it for replica.fetch.wait.max.ms if its partitions are quiet; a new leader's
                // first acks=all writes would wait that long for this follower. Abandon it: the
                // connection closes, and the next fetch (on a new one) names the partition at once.
                abandoned = true;
                c.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching {@code tp}; returns whether this fetcher has no partition left. */
    boolean remove(TopicPartition tp) {
        lock.lock();
        try {
            partitions.remove(tp);
            wakeLocked();
            return partitions.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Something changed (a partition's epoch, say): fetch again now rather than after a backoff. */
    void wake() {
        lock.lock();
        try {
            wakeLocked();
        } finally {
            lock.unlock();
        }
    }

    private void wakeLocked() {
        woken = true;
        changed.signalAll();
    }

    private record Target(Partition partition, FollowerFetch fetch) {
    }

    private void run() {
        while (!closed) {
            try {
                fetchOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                log.warn("Replica fetcher for broker {}: unexpected failure; backing off {} ms", sourceId, settings.backoffMs(), e);
                closeConnection();
                awaitChange(settings.backoffMs());
            }
        }
        closeConnection();
    }

    private void fetchOnce() throws InterruptedException {
        List<Target> targets = targets();
        if (targets.isEmpty()) {
            awaitChange(nextRetryDelayMs());
            return;
        }
        NodeConnection c;
        FetchResponse response;
        try {
            c = connect();
            waitingAtLeader = true;
            CompletableFuture<FetchResponse> answer = c.send(FetchClientCodec.INSTANCE, request(targets), settings.requestTimeoutMs());
            if (addedSinceTargets && !abandoned) {
                // A partition arrived between building this fetch and sending it: {@link #add} may have
                // seen no fetch out, so abandon this one here (each side checks the other's flag after
                // setting its own, so one of them sees it).
                abandoned = true;
                c.close();
            }
            response = answer.get(settings.requestTimeoutMs() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | NoEndpointException e) {
            waitingAtLeader = false;
            if (abandoned) {
                abandoned = false;
                session.reset();
                closeConnection();
                return;
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            problem("cannot fetch from broker " + sourceId + ": " + cause.getMessage());
            session.reset();
            closeConnection();
            awaitChange(settings.backoffMs());
            return;
        }
        waitingAtLeader = false;
        session.onResponse(response);
        if (abandoned) {
            // The answer came before the close did: it is used, and the next fetch goes out on a new
            // connection (a fetch session is the leader's, not the connection's, so it carries on).
            abandoned = false;
            NodeConnection closing = connection;
            connection = null;
            if (closing != null) {
                closing.close();
            }
        }
        if (response.error() == ErrorCode.FETCH_SESSION_ID_NOT_FOUND || response.error() == ErrorCode.INVALID_FETCH_SESSION_EPOCH) {
            // The leader forgot the session (evicted, or restarted): the next fetch is a full one, now.
            return;
        }
        if (response.error() != ErrorCode.NONE) {
            problem("broker " + sourceId + " answered the fetch with " + response.error());
            awaitChange(settings.backoffMs());
            return;
        }
        lastProblem = null;
        handle(targets, response);
    }

    /** The partitions ready to fetch (following {@link #sourceId}, not between steps, not backing off). */
    private List<Target> targets() {
        List<Partition> all;
        lock.lock();
        try {
            woken = false;
            addedSinceTargets = false;
            all = new ArrayList<>(partitions.values());
        } finally {
            lock.unlock();
        }
        long nowMs = time.milliseconds();
        if (!metadataRaceStreak.isEmpty()) {
            // A partition that moved to another fetcher takes its streak with it no further.
            metadataRaceStreak.keySet().removeIf(tp -> all.stream().noneMatch(p -> p.topicPartition().equals(tp)));
        }
        List<Target> out = new ArrayList<>(all.size());
        boolean throttleExceeded = throttle.isExceeded(nowMs);
        MetadataImage image = throttleExceeded ? metadata.image() : null;
        for (Partition p : all) {
            Long until = delayedUntilMs.get(p.topicPartition());
            if (until != null && until > nowMs) {
                continue;
            }
            delayedUntilMs.remove(p.topicPartition());
            Optional<FollowerFetch> f = p.followerFetchState();
            if (f.isPresent() && f.get().leaderId() == sourceId) {
                if (throttleExceeded && throttle.isThrottled(image, p.topicPartition(), localId)) {
                    // Past follower.replication.throttled.rate: this moving replica waits a moment out of the fetch.
                    delayedUntilMs.put(p.topicPartition(), nowMs + THROTTLED_RETRY_MS);
                    continue;
                }
                out.add(new Target(p, f.get()));
            }
        }
        return out;
    }

    /** How long a replica past the follower throttle stays out of the fetches before it is looked at again. */
    static final long THROTTLED_RETRY_MS = 100;

    /** The retry after a metadata race, while the race is young (see {@link #metadataRaceRetryMs}). */
    static final long METADATA_RACE_RETRY_MS = 10;
    /** How many quick retries in a row before the wait grows to {@link #METADATA_RACE_RETRY_MAX_MS}. */
    static final int METADATA_RACE_QUICK_RETRIES = 20;
    static final long METADATA_RACE_RETRY_MAX_MS = 100;

    /**
     * How long a partition waits after its {@code streak}-th metadata-race answer in a row: 10 ms for
     * the first {@value #METADATA_RACE_QUICK_RETRIES} (the leader applies the same metadata within
     * milliseconds, and a doubling wait would overshoot that moment), then 100 ms (the leader is not
     * catching up: no point asking it 100 times a second), never more than {@code replica.fetch.backoff.ms}.
     */
    static long metadataRaceRetryMs(int streak, long backoffMs) {
        if (streak < 1) {
            throw new IllegalArgumentException("a streak starts at 1, was " + streak);
        }
        long ms = streak <= METADATA_RACE_QUICK_RETRIES ? METADATA_RACE_RETRY_MS : METADATA_RACE_RETRY_MAX_MS;
        return Math.min(ms, backoffMs);
    }

    private long nextRetryDelayMs() {
        long nowMs = time.milliseconds();
        long wait = IDLE_WAIT_MS;
        for (long until : delayedUntilMs.values()) {
            wait = Math.min(wait, Math.max(1, until - nowMs));
        }
        return wait;
    }

    private FetchRequest request(List<Target> targets) {
        Map<TopicPartition, FollowerFetchSession.Sent> wanted = new LinkedHashMap<>();
        for (Target t : targets) {
            FollowerFetch f = t.fetch();
            wanted.put(t.partition().topicPartition(), new FollowerFetchSession.Sent(t.partition().topicId(),
                    t.partition().topicPartition().topic(), new FetchRequest.Partition(t.partition().topicPartition().partition(),
                    f.leaderEpoch(), f.fetchOffset(), f.lastFetchedEpoch(), f.logStartOffset(), settings.partitionBytesMax())));
        }
        FollowerFetchSession.Request r = session.build(wanted);
        // A partition held back for a moment (its leader did not know the new epoch yet, say) must not
        // wait out the whole long poll once its moment is over: the leader answers by then, and the
        // next fetch names it again.
        long waitMs = delayedUntilMs.isEmpty() ? settings.waitMaxMs() : Math.min(settings.waitMaxMs(), nextRetryDelayMs());
        return new FetchRequest(localId, brokerEpoch.getAsLong(), (int) waitMs, settings.minBytes(), settings.responseBytesMax(),
                IsolationLevel.READ_UNCOMMITTED, r.sessionId(), r.sessionEpoch(), r.topics(), r.forgotten(), "", null);
    }

    private void handle(List<Target> targets, FetchResponse response) {
        Map<TopicPartition, Target> byTp = new HashMap<>();
        Map<TopicId, String> names = new HashMap<>();
        for (Target t : targets) {
            byTp.put(t.partition().topicPartition(), t);
            names.put(t.partition().topicId(), t.partition().topicPartition().topic());
        }
        long nowMs = time.milliseconds();
        MetadataImage image = metadata.image();
        long throttledBytes = 0;
        for (FetchResponse.TopicResponse tr : response.topics()) {
            if (closed) {
                return;   // the partitions may be closing; what is not applied is fetched again by the next leader's fetcher
            }
            String name = tr.name() != null ? tr.name() : names.get(tr.topicId());
            if (name == null) {
                continue;
            }
            for (FetchResponse.PartitionResponse pr : tr.partitions()) {
                Target t = byTp.get(new TopicPartition(name, pr.partition()));
                if (t == null) {
                    continue;
                }
                if (pr.records() != null && throttle.isThrottled(image, t.partition().topicPartition(), localId)) {
                    throttledBytes += pr.records().sizeInBytes();
                }
                try {
                    apply(t, pr, nowMs);
                } catch (RuntimeException e) {
                    log.warn("Partition {}: cannot apply the fetch from broker {} at offset {} (epoch {}); retrying in {} ms",
                            t.partition().topicPartition(), sourceId, t.fetch().fetchOffset(), t.fetch().leaderEpoch(),
                            settings.backoffMs(), e);
                    delayedUntilMs.put(t.partition().topicPartition(), nowMs + settings.backoffMs());
                }
            }
        }
        if (throttledBytes > 0) {
            throttle.record(throttledBytes, nowMs);
        }
    }

    private void apply(Target t, FetchResponse.PartitionResponse pr, long nowMs) {
        Partition p = t.partition();
        FollowerFetch f = t.fetch();
        if (pr.error() == ErrorCode.NONE) {
            metadataRaceStreak.remove(p.topicPartition());
            FetchResponse.EpochEndOffset d = pr.divergingEpoch();
            EpochEndOffset diverging = d == null || d.epoch() < 0 || d.endOffset() < 0 ? null : new EpochEndOffset(d.epoch(), d.endOffset());
            ByteBuffer records = pr.records() instanceof RecordsSlice.Buffer b ? b.bytes() : null;
            p.onFetchResponse(f.leaderEpoch(), f.fetchOffset(), pr.highWatermark(), pr.logStartOffset(), diverging, records);
        } else if (pr.error() == ErrorCode.OFFSET_OUT_OF_RANGE) {
            p.onFetchOffsetOutOfRange(f.leaderEpoch(), f.fetchOffset(), pr.logStartOffset(), pr.highWatermark());
        } else {
            // NOT_LEADER_OR_FOLLOWER, FENCED_LEADER_EPOCH, UNKNOWN_LEADER_EPOCH...: the leader and this
            // broker see different metadata for a moment; the next image settles it. Most often this
            // broker applied an election a few milliseconds before the new leader did, and acks=all
            // writes to the new leader wait for this follower's first fetch, so it asks again soon,
            // and less often only once the answer has stayed the same for a while.
            int streak = metadataRaceStreak.merge(p.topicPartition(), 1, Integer::sum);
            long delayMs = metadataRaceRetryMs(streak, settings.backoffMs());
            log.debug("Partition {}: broker {} answered the fetch at offset {} (epoch {}) with {}; again in {} ms", p.topicPartition(),
                    sourceId, f.fetchOffset(), f.leaderEpoch(), pr.error(), delayMs);
            delayedUntilMs.put(p.topicPartition(), nowMs + delayMs);
        }
    }

    private NodeConnection connect() throws ExecutionException, TimeoutException, InterruptedException, NoEndpointException {
        NodeConnection c = connection;
        if (c != null && c.isOpen()) {
            return c;
        }
        closeConnection();
        BrokerRegistration b = metadata.image().broker(sourceId);
        Optional<BrokerEndpoint> e = b == null ? Optional.empty() : b.endpoint(settings.listenerName());
        if (e.isEmpty()) {
            throw new NoEndpointException("broker " + sourceId + " has no " + settings.listenerName() + " endpoint in the metadata");
        }
        ClientSettings cs = ClientSettings.defaults("tributary-replica-fetcher-" + localId + "-" + sourceId)
                .withRequestTimeoutMs((int) Math.min(Integer.MAX_VALUE, settings.requestTimeoutMs()))
                .withConnectTimeoutMs(settings.socketTimeoutMs())
                .withMaxInFlightRequests(1)
                .withResponseBytesMax(Math.max(settings.responseBytesMax(), settings.partitionBytesMax()) + 1_048_576);
        CompletableFuture<NodeConnection> attempt = transport.connect(e.get().host(), e.get().port(), cs);
        connecting = attempt;
        try {
            if (closed) {
                attempt.cancel(false);
            }
            c = attempt.get(settings.socketTimeoutMs() + 1_000L, TimeUnit.MILLISECONDS);
        } catch (CancellationException cancelled) {
            throw new ExecutionException("the fetcher is stopping", cancelled);
        } finally {
            connecting = null;
        }
        connection = c;
        return c;
    }

    private void closeConnection() {
        session.reset();
        NodeConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    /** Logs a problem once when it starts (a leader that died is reported once, not at every retry). */
    private void problem(String what) {
        if (!what.equals(lastProblem)) {
            log.info("Replica fetcher for broker {}: {}; retrying every {} ms", sourceId, what, settings.backoffMs());
        }
        lastProblem = what;
    }

    private void awaitChange(long waitMs) {
        lock.lock();
        try {
            long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
            while (!woken && !closed) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0) {
                    break;
                }
                changed.awaitNanos(leftNs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the fetcher without waiting: the thread finishes the partition it is applying and exits.
     * It is never interrupted, since an interrupt during file I/O would close the log's channel; the
     * connection is closed instead, which fails a fetch in flight at once.
     */
    void initiateShutdown() {
        closed = true;
        wake();
        CompletableFuture<NodeConnection> attempt = connecting;
        if (attempt != null) {
            attempt.cancel(false);
        }
        NodeConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Stops the fetcher and waits (bounded) for its thread to exit. */
    @Override
    public void close() {
        initiateShutdown();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NoEndpointException extends Exception {
        NoEndpointException(String message) {
            super(message);
        }
    }
}
