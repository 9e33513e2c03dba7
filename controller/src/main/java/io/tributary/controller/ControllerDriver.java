package io.tributary.controller;

import io.tributary.common.Time;
import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.controller.QuorumController;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.ControllerCommand;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.MetadataRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The controller role of a node: the pure {@link QuorumController} driven on one thread
 * ({@code tributary-controller}, see {@link DriverLoop}) over any {@link ControllerLog}: the local
 * file of a single node, or the Raft quorum. It keeps brokers' sessions (heartbeats, the connection
 * each heartbeats on, the periodic session check) and serves the metadata tail that brokers
 * long-poll.
 *
 * <p>Threads: callers use any thread; every future completes on the controller thread, so dependent
 * stages must be quick (use the {@code ...Async} forms for anything slow). The log may call in on
 * its own thread; its events are handed to the controller thread. The pure controller, the pending
 * batches, the sessions, the connection bindings and the tail are touched only there.
 *
 * <p>States: NEW → RUNNING ({@link #start}) → CLOSING → CLOSED ({@link #close}); RUNNING → FAILED
 * when the committed log cannot be replayed (this node's state no longer matches the log; the
 * {@code onFatalError} handler is told, and the node should stop). While RUNNING, the controller is
 * active (it may write) or standby, as the log says; only an active controller takes requests.
 */
public final class ControllerDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerDriver.class);
    private static final long CLOSE_STEP_WAIT_MS = 10_000;

    private enum State { NEW, RUNNING, FAILED, CLOSING, CLOSED }

    private final ControllerDriverConfig config;
    private final int nodeId;
    private final ControllerLog log;
    private final Time time;
    private final Consumer<Throwable> onFatalError;
    private final DriverLoop loop;
    private final CompletableFuture<Void> firstActivation = new CompletableFuture<>();

    // Controller thread only.
    private final QuorumController core;
    private final CommandPipeline pipeline;
    private final BrokerSessions sessions;
    private final FailoverStats failovers;
    private final LeaderBalanceTimer leaderBalance;
    private final MetadataFeed feed;
    private final MetadataListeners listeners;

    // Written on the controller thread (state also by close), read anywhere.
    private volatile State state = State.NEW;
    private volatile boolean active;
    private volatile long activeEpoch = -1;
    private volatile MetadataImage committedImage = MetadataImage.EMPTY;

    /**
     * @param onFatalError told (once, on the controller thread, or on the quorum's listener thread
     *                     through {@link RaftMetadataLog}'s own handler) when this node's controller
     *                     state can no longer be trusted; the process should exit. It must not call
     *                     {@link #close} on the thread it is called on (hand that to another thread).
     */
    public ControllerDriver(ControllerDriverConfig config, ControllerLog log, Time time, RandomGenerator random,
                            Consumer<Throwable> onFatalError) {
        this.config = config;
        this.nodeId = config.nodeId();
        this.log = log;
        this.time = time;
        this.onFatalError = onFatalError;
        this.core = new QuorumController(config.controller(), random);
        this.pipeline = new CommandPipeline(nodeId, core, log, time, new CommandPipeline.Driver() {
            @Override
            public void onControllerThread(Runnable r) {
                ControllerDriver.this.onControllerThread(r);
            }

            @Override
            public void appendFailed(long epoch, Throwable error) {
                ControllerDriver.this.appendFailed(epoch, error);
            }

            @Override
            public NotControllerException notController(String why) {
                return ControllerDriver.this.notController(why);
            }
        });
        this.feed = new MetadataFeed(config, () -> committedImage);
        this.listeners = new MetadataListeners(nodeId);
        BrokerSessions.CommandRunner runner = new BrokerSessions.CommandRunner() {
            @Override
            public <R> void execute(ControllerCommand<R> command, CompletableFuture<R> future) {
                pipeline.execute(command, future, null);
            }
        };
        this.failovers = new FailoverStats(time::nanoseconds);
        this.sessions = new BrokerSessions(nodeId, config.sessionCheckIntervalMs(), runner, failovers);
        this.leaderBalance = new LeaderBalanceTimer(nodeId, config.controller().autoLeaderRebalanceEnable(),
                config.controller().leaderImbalanceCheckIntervalMs(), runner);
        this.loop = new DriverLoop(time, config.requestsMax(), config.logEventsMax());
    }

    /**
     * Starts the controller thread, registers with the log and starts it (which may block: Raft's
     * start takes a second or two). The node becomes active when the log says so; for the single-node
     * log that is at once, and {@link #firstActivation} completes once its first batch is committed.
     */
    public void start() throws IOException, InterruptedException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("the controller of node " + nodeId + " is " + state + "; start it once");
            }
            state = State.RUNNING;
        }
        loop.start(new SessionAndFetchTimers(), this::fail);
        log.register(new LogEvents());
        try {
            log.start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Completes the first time this node is the active controller and its activation batch (if any) committed. */
    public CompletableFuture<Void> firstActivation() {
        return firstActivation;
    }

    public int nodeId() {
        return nodeId;
    }

    /** Whether this node is the active controller now (a snapshot read; it may change at any time). */
    public boolean isActive() {
        return active;
    }

    /** The active controller: this node when active, otherwise the leader the log knows of, if any. */
    public OptionalInt activeControllerId() {
        return active ? OptionalInt.of(nodeId) : otherLeader();
    }

    /** Fencings this node ran as the active controller and the last failover's duration (any thread). */
    public FailoverStats failovers() {
        return failovers;
    }

    /** The image of everything committed and replayed here (any thread; immutable). */
    public MetadataImage committedImage() {
        return committedImage;
    }

    /**
     * Runs a command on the active controller. Completes with its response once its records (if
     * any; otherwise every batch appended before it) are committed and replayed, here and by every
     * added listener. Fails fast with {@link NotControllerException} (with the active controller,
     * if known) when this node is not active, and fails with it later if this node resigns before
     * the records commit; fails with {@link ControllerUnavailableException} when the controller is
     * too busy or stopping.
     */
    public <R> CompletableFuture<R> submit(ControllerCommand<R> command) {
        CompletableFuture<R> f = new CompletableFuture<>();
        request(f, () -> pipeline.execute(command, f, null));
        return f;
    }

    /**
     * A broker's heartbeat (soft state). When accepted, the broker is bound to {@code connectionId}
     * (any object with {@code equals}, such as the Netty channel; null binds nothing): when that
     * connection closes ({@link #onConnectionClosed}), the broker is fenced at once.
     */
    public CompletableFuture<BrokerHeartbeatResponse> heartbeat(int brokerId, long brokerEpoch, long metadataOffset,
                                                               boolean wantFence, boolean wantShutDown, Object connectionId) {
        CompletableFuture<BrokerHeartbeatResponse> f = new CompletableFuture<>();
        BrokerHeartbeatRequest hb = new BrokerHeartbeatRequest(brokerId, brokerEpoch, metadataOffset, wantFence, wantShutDown);
        request(f, () -> pipeline.execute(hb, f, response -> {
            if (response.error().isSuccess()) {
                sessions.heartbeatAccepted(brokerId, brokerEpoch, connectionId, wantShutDown);
            }
        }));
        return f;
    }

    /**
     * A connection closed (call it for every connection of the controller's listener; unknown ones
     * cost a lookup). Brokers whose heartbeats arrived on it are fenced at once, with one log line
     * each. Never blocks; when the controller's queue is full it says so and the session catches them.
     */
    public void onConnectionClosed(Object connectionId) {
        if (connectionId == null || state != State.RUNNING || !active) {
            return;
        }
        if (!loop.offerRequest(() -> sessions.connectionClosed(connectionId))) {
            LOG.warn("Node {}: the controller queue is full, so the close of connection {} is not acted on; brokers that "
                    + "heartbeated on it are fenced when their session lapses", nodeId, connectionId);
        }
    }

    /**
     * A broker's long-poll for metadata, from {@code fromOffset} (the next offset it needs). Completes
     * as soon as a committed batch at or after it exists, with the batches from there; with a
     * snapshot of the committed image when {@code fromOffset} is older than the tail kept in memory;
     * or empty after {@code maxWaitMs}. Fails like {@link #submit} when this node is not active.
     */
    public CompletableFuture<MetadataFetchResult> fetch(long fromOffset, long maxWaitMs) {
        CompletableFuture<MetadataFetchResult> f = new CompletableFuture<>();
        if (fromOffset < 0) {
            f.completeExceptionally(new IllegalArgumentException("a metadata fetch offset must be >= 0, got " + fromOffset));
            return f;
        }
        request(f, () -> {
            if (pipeline.refuseUnlessActive(f)) {
                feed.fetch(fromOffset, maxWaitMs, time.nanoseconds(), f);
            }
        });
        return f;
    }

    /**
     * Adds an in-process consumer of committed metadata (the broker's own image). It is told on the
     * controller thread: first the committed image as a snapshot (if anything is committed yet),
     * then every later batch, leadership change and snapshot, in log order. Added before
     * {@link #start}, it sees the log's own snapshot and batches from the beginning.
     */
    public void addListener(MetadataLog.Listener listener) {
        loop.putLogEvent(() -> listeners.add(listener, committedImage, active, activeEpoch));
    }

    /**
     * Runs {@code task} on the controller thread, between metadata events (so it sees the committed
     * image and the listeners' state of one moment), active or not. Completes when it ran; fails with
     * {@link ControllerUnavailableException} when the queue is full or the controller stopped, and
     * with whatever the task threw.
     */
    public CompletableFuture<Void> execute(Runnable task) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean queued = state == State.RUNNING && loop.offerRequest(() -> {
            if (state != State.RUNNING) {
                f.completeExceptionally(unavailable());
                return;
            }
            try {
                task.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        if (!queued) {
            f.completeExceptionally(state != State.RUNNING ? unavailable()
                    : new ControllerUnavailableException("the controller of node " + nodeId + " has " + loop.requestsMax()
                    + " requests queued; retry shortly"));
        }
        return f;
    }

    /** Tests with a hand-driven clock: look at the timers now. */
    void wakeup() {
        loop.wakeup();
    }

    // ---- requests, on the controller thread ----

    private void request(CompletableFuture<?> f, Runnable task) {
        if (state != State.RUNNING) {
            f.completeExceptionally(unavailable());
            return;
        }
        if (!active) {
            f.completeExceptionally(notController("node " + nodeId + " is not the active controller"));
            return;
        }
        boolean queued = loop.offerRequest(() -> {
            if (state != State.RUNNING) {
                f.completeExceptionally(unavailable());
            } else {
                task.run();
            }
        });
        if (!queued) {
            f.completeExceptionally(state != State.RUNNING ? unavailable()
                    : new ControllerUnavailableException("the controller of node " + nodeId + " has " + loop.requestsMax()
                    + " requests queued; retry shortly"));
        }
    }

    private void appendFailed(long epoch, Throwable error) {
        if (!core.isActive() || core.epoch() != epoch || state != State.RUNNING) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        core.appendFailed(cause);
        becameStandby("a metadata append failed (" + cause + ")", cause);
        log.stepDown(epoch);
    }

    // ---- log events, on the controller thread ----

    private void committed(long offset, List<MetadataRecord> records) {
        if (!handlingLogEvents()) {
            return;
        }
        try {
            boolean ours = core.isActive() && pipeline.hasPending();
            core.replay(offset, records);
            committedImage = core.committedImage();
            feedAndForward(offset, records);
            pipeline.committed(records, ours);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void feedAndForward(long offset, List<MetadataRecord> records) {
        listeners.forward(l -> l.onCommit(offset, records));
        feed.committed(offset, records);
    }

    private void becameActive(long epoch) {
        if (!handlingLogEvents() || state != State.RUNNING) {
            return;
        }
        try {
            if (core.isActive()) {
                core.resign();
                becameStandby("a newer term " + epoch + " began", null);
            }
            ControllerResult<Optional<String>> r = core.becomeActive(epoch, time.monotonicMs());
            active = true;
            activeEpoch = epoch;
            sessions.activated(time.nanoseconds());
            leaderBalance.activated(time.nanoseconds());
            LOG.info("Node {} is the active controller in epoch {} (offset {}, {} broker(s), each given a full {} ms session)",
                    nodeId, epoch, committedImage.lastAppliedOffset(), committedImage.brokers().size(),
                    config.brokerSessionTimeoutMs());
            listeners.forward(l -> l.onBecomeActive(epoch));
            pipeline.appendThenTell(r.records(), PendingBatches.of(() -> {
                r.response().ifPresent(id -> LOG.info("Node {} bootstrapped a new cluster with id {}", nodeId, id));
                firstActivation.complete(null);
            }, cause -> LOG.info("Node {}: the activation batch of epoch {} did not commit: {}", nodeId, epoch, cause.toString())));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void resigned() {
        if (!handlingLogEvents()) {
            return;
        }
        if (core.isActive()) {
            core.resign();
            becameStandby("the quorum moved on to another leader", null);
        }
        listeners.forward(MetadataLog.Listener::onResign);
    }

    private void snapshotLoaded(MetadataImage image) {
        if (!handlingLogEvents()) {
            return;
        }
        try {
            if (core.isActive()) {
                core.resign();
                becameStandby("a snapshot replaced the state", null);
            }
            core.loadSnapshot(image);
            committedImage = image;
            feed.snapshotLoaded(image);
            LOG.info("Node {} loaded a metadata snapshot at offset {} ({} broker(s), {} topic(s))", nodeId,
                    image.lastAppliedOffset(), image.brokers().size(), image.topics().size());
            listeners.forward(l -> l.onSnapshotLoaded(image));
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /** The pure controller already resigned; fail what waited on this leadership and say so. */
    private void becameStandby(String reason, Throwable cause) {
        long epoch = activeEpoch;
        active = false;
        int failed = pipeline.pendingCount();
        NotControllerException e = notController("node " + nodeId + " stopped being the active controller of epoch " + epoch
                + ": " + reason);
        if (cause != null) {
            e.initCause(cause);
        }
        pipeline.failAll(e);
        feed.failParked(e);
        sessions.deactivated();
        leaderBalance.deactivated();
        OptionalInt leader = otherLeader();
        LOG.info("Node {} resigned as the active controller of epoch {}: {}; the active controller is {}; {} uncommitted "
                + "batch(es) abandoned", nodeId, epoch, reason, leader.isPresent() ? "node " + leader.getAsInt() : "not known yet",
                failed);
        pipeline.checkMirror();
    }

    private boolean handlingLogEvents() {
        State s = state;
        return s == State.RUNNING || s == State.CLOSING;
    }

    /** This node's state can no longer be trusted (a replay failed, or a task threw): stop serving. */
    private void fail(Throwable t) {
        if (!loop.inLoop()) {
            loop.executeInternal(() -> fail(t));
            return;
        }
        if (state != State.RUNNING && state != State.CLOSING) {
            LOG.warn("Node {}: controller error after it stopped serving", nodeId, t);
            return;
        }
        state = State.FAILED;
        active = false;
        LOG.error("Node {}: the controller stopped serving; its state no longer matches the metadata log", nodeId, t);
        ControllerUnavailableException e = new ControllerUnavailableException("the controller of node " + nodeId + " failed", t);
        pipeline.failAll(e);
        feed.failParked(e);
        sessions.deactivated();
        leaderBalance.deactivated();
        firstActivation.completeExceptionally(e);
        try {
            onFatalError.accept(t);
        } catch (RuntimeException again) {
            LOG.error("Node {}: the fatal error handler threw", nodeId, again);
        }
    }

    private void onControllerThread(Runnable r) {
        if (loop.inLoop()) {
            r.run();
        } else {
            loop.executeInternal(r);
        }
    }

    private OptionalInt otherLeader() {
        OptionalInt leader = log.leaderId();
        return leader.isPresent() && leader.getAsInt() == nodeId ? OptionalInt.empty() : leader;
    }

    private NotControllerException notController(String why) {
        return new NotControllerException(why, otherLeader());
    }

    private ControllerUnavailableException unavailable() {
        return new ControllerUnavailableException("the controller of node " + nodeId + " is " + state.name().toLowerCase());
    }

    /**
     * Stops: refuses new requests, fails what waits (pending commands with
     * {@link ControllerUnavailableException}, parked fetches), closes the log with the committed
     * image (the single-node log snapshots it; Raft hands leadership off), then stops the thread.
     * Call from any thread but the controller's.
     */
    @Override
    public void close() {
        if (loop.inLoop()) {
            throw new IllegalStateException("close the controller from another thread than its own");
        }
        boolean started;
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            started = state != State.NEW;
            state = State.CLOSING;
        }
        MetadataImage image = committedImage;
        if (started) {
            CompletableFuture<MetadataImage> stopped = new CompletableFuture<>();
            loop.executeInternal(() -> {
                active = false;
                ControllerUnavailableException e = unavailable();
                pipeline.failAll(e);
                feed.failParked(e);
                sessions.deactivated();
                leaderBalance.deactivated();
                stopped.complete(core.committedImage());
            });
            try {
                image = stopped.get(CLOSE_STEP_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("Node {}: the controller thread did not stop its work within {} ms; closing anyway", nodeId,
                        CLOSE_STEP_WAIT_MS);
            }
        }
        try {
            log.close(image);
        } catch (RuntimeException e) {
            LOG.warn("Node {}: closing the metadata log failed", nodeId, e);
        }
        synchronized (this) {
            state = State.CLOSED;
        }
        loop.stop();
        firstActivation.completeExceptionally(new ControllerUnavailableException("the controller of node " + nodeId + " closed"));
        LOG.info("Node {}: controller stopped at offset {}", nodeId, image.lastAppliedOffset());
    }

    /**
     * Stops at once, as a crash would for this process's metadata (tests of recovery): no snapshot,
     * nothing waits for the controller thread's current work beyond the loop's bounded stop, and
     * queued requests fail with {@link ControllerUnavailableException}. Commands in flight may or
     * may not have committed. Call from any thread but the controller's.
     */
    public void halt() {
        if (loop.inLoop()) {
            throw new IllegalStateException("halt the controller from another thread than its own");
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
        }
        active = false;
        // A crash answers nobody, and the node closes its sockets before it halts the controller, so
        // failing what waits sends nothing. It lets go of the requests those waiters hold (their
        // frames are pooled buffers, shared with the other nodes of an in-process test cluster).
        loop.executeInternal(() -> {
            ControllerUnavailableException e = new ControllerUnavailableException("the controller of node " + nodeId + " halted");
            pipeline.failAll(e);
            feed.failParked(e);
        });
        loop.stop();
        try {
            log.halt();
        } catch (RuntimeException e) {
            LOG.warn("Node {}: halting the metadata log failed", nodeId, e);
        }
        firstActivation.completeExceptionally(new ControllerUnavailableException("the controller of node " + nodeId + " halted"));
        LOG.info("Node {}: controller halted at offset {} (no snapshot)", nodeId, committedImage.lastAppliedOffset());
    }

    /** What the log tells the controller, handed to the controller thread. */
    private final class LogEvents implements MetadataLog.Listener {
        @Override
        public void onCommit(long offset, List<MetadataRecord> records) {
            loop.putLogEvent(() -> committed(offset, records));
        }

        @Override
        public void onBecomeActive(long epoch) {
            loop.putLogEvent(() -> becameActive(epoch));
        }

        @Override
        public void onResign() {
            loop.putLogEvent(ControllerDriver.this::resigned);
        }

        @Override
        public void onSnapshotLoaded(MetadataImage image) {
            loop.putLogEvent(() -> snapshotLoaded(image));
        }
    }

    /** The session check (every quarter session while active), the leader imbalance check and the fetch deadlines. */
    private final class SessionAndFetchTimers implements DriverLoop.Timers {
        @Override
        public long nextDeadlineNs() {
            return earliest(earliest(feed.nextDeadlineNs(), sessions.nextCheckNs()), leaderBalance.nextCheckNs());
        }

        /** The earlier of two deadlines, {@link Long#MAX_VALUE} meaning none (compared by difference: nanoTime wraps). */
        private long earliest(long a, long b) {
            if (a == Long.MAX_VALUE) {
                return b;
            }
            return b == Long.MAX_VALUE || a - b < 0 ? a : b;
        }

        @Override
        public void runDue(long nowNs) {
            feed.expire(nowNs);
            if (state == State.RUNNING) {
                sessions.runDue(nowNs);
                leaderBalance.runDue(nowNs);
            }
        }
    }
}
