package io.tributary.quorum;

import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * This node's member of the controller quorum: an embedded Ratis server in the group of all voters
 * of {@code controller.quorum.voters}, replicating opaque entries. The Raft leader is the active
 * controller.
 *
 * <p>Start with {@link #start}; it returns once the Raft server runs (after the wiped-disk wait,
 * when it applies). Append with {@link #append}; learn of commits and leaders through the
 * {@link QuorumListener}. Ratis listens on 127.0.0.1 at {@link #ratisPort()}; peers reach it
 * through the CONTROLLER listener, whose {@link ControllerPortSniffer} relays Raft connections there.
 *
 * <p>States: STARTING (inside {@link #start}) → RUNNING → CLOSED. Appends fail with
 * {@link QuorumException} outside RUNNING.
 */
public final class RaftQuorum implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftQuorum.class);

    /** How often an append retries while this node has won an election but not yet applied its first entry. */
    private static final long LEADER_NOT_READY_RETRY_MS = 10;
    /** The longest a stop waits for the Raft log and state machine to close (a snapshot on stop included). */
    static final long STORAGE_CLOSE_MAX_MS = 30_000;
    /** How long a stop waits for the peer connections once the storage is closed (see {@link #closeServer}). */
    static final long PEER_CONNECTIONS_GRACE_MS = 200;
    private static final long DIVISION_POLL_MS = 10;

    private final QuorumConfig config;
    private final RaftPeerId selfId;
    private final RaftGroupId groupId;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final QuorumStateMachine stateMachine;
    private final RaftServer server;
    private final long startDelayMs;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LeadershipTransfer transfer;
    private final PeerReconnector reconnector;
    /** The step-down in flight, if any: at most one, so repeated calls for a term share it. */
    private final AtomicReference<PendingStepDown> stepDown = new AtomicReference<>();
    private volatile int ratisPort = -1;

    private RaftQuorum(QuorumConfig config, QuorumListener listener, long startDelayMs) throws IOException {
        this.config = config;
        this.startDelayMs = startDelayMs;
        this.selfId = peerIdOf(config.nodeId());
        this.groupId = RaftGroupId.valueOf(config.groupId());
        this.stateMachine = new QuorumStateMachine(config.nodeId(), config.voters(), listener,
                this::closeAfterFatalError);
        List<RaftPeer> peers = config.voters().voters().stream()
                .map(v -> RaftPeer.newBuilder().setId(peerIdOf(v.id())).setAddress(v.address()).build())
                .toList();
        try {
            this.server = RaftServer.newBuilder()
                    .setServerId(selfId)
                    .setGroup(RaftGroup.valueOf(groupId, peers))
                    .setStateMachine(stateMachine)
                    .setProperties(RatisProperties.of(config))
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
        } catch (IOException | RuntimeException e) {
            stateMachine.dispatcher().close();
            throw e;
        }
        this.transfer = new LeadershipTransfer(config.nodeId(), server, selfId, groupId, clientId, callIds, this::info);
        this.reconnector = new PeerReconnector(config.nodeId(), server,
                peers.stream().map(RaftPeer::getId).filter(id -> !id.equals(selfId)).toList(),
                config.electionTimeoutMaxMs(), this::info);
    }

    /**
     * Starts this node's member of the quorum and returns once its Raft server runs. A node whose
     * storage is empty (new or wiped) first waits {@link QuorumConfig#wipedStorageWaitMs()}.
     */
    public static RaftQuorum start(QuorumConfig config, QuorumListener listener) throws IOException, InterruptedException {
        Files.createDirectories(config.dataDir());
        long waitedMs = WipedStorageRule.await(config);
        RaftQuorum quorum = new RaftQuorum(config, listener, waitedMs);
        try {
            quorum.server.start();
        } catch (IOException | RuntimeException e) {
            quorum.close();
            throw e;
        }
        quorum.ratisPort = quorum.server.getServerRpc().getInetSocketAddress().getPort();
        quorum.reconnector.start();
        LOG.info("Node {} joined the controller quorum {} (group {}); Ratis listens on {}:{}", config.nodeId(),
                config.voters(), quorum.groupId, RatisProperties.LOOPBACK, quorum.ratisPort);
        return quorum;
    }

    /**
     * Appends an entry; the future completes with its log index once a majority has it and it has
     * been delivered to this node's listener. Fails fast with {@link NotLeaderException} (with the
     * leader, if known) when this node is not the leader.
     */
    public CompletableFuture<Long> append(byte[] entry) {
        return submit(EntryCodec.NO_FENCE, entry);
    }

    /**
     * Appends an entry that commits only in {@code term}: if this node lost that term before the
     * entry was logged, every replica skips it, and the future fails with {@link NotLeaderException}.
     * The controller passes the term it was told it leads, so records computed by an old
     * leadership can never land in a later one.
     */
    public CompletableFuture<Long> append(long term, byte[] entry) {
        if (term < 0) {
            throw new IllegalArgumentException("term must be non-negative: " + term);
        }
        DivisionInfo info = info();
        if (info != null && info.getCurrentTerm() != term) {
            return CompletableFuture.failedFuture(notLeader("the current term is " + info.getCurrentTerm()
                    + ", not " + term));
        }
        return submit(term, entry);
    }

    private CompletableFuture<Long> submit(long fenceTerm, byte[] entry) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new QuorumException("node " + config.nodeId() + ": quorum is closed"));
        }
        byte[] encoded = EntryCodec.encodeEntry(fenceTerm, entry);
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.requestTimeoutMs());
        CompletableFuture<Long> result = new CompletableFuture<>();
        attempt(encoded, deadlineNs, result);
        return result.orTimeout(config.requestTimeoutMs(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(t -> CompletableFuture.failedFuture(translateTimeout(t)));
    }

    private Throwable translateTimeout(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof TimeoutException) {
            return new QuorumException("node " + config.nodeId() + ": append not committed within "
                    + config.requestTimeoutMs() + " ms (it may still commit)", cause);
        }
        return cause;
    }

    private void attempt(byte[] encoded, long deadlineNs, CompletableFuture<Long> result) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(selfId)
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(encoded)))
                .setType(RaftClientRequest.writeRequestType())
                .setTimeoutMs(config.requestTimeoutMs())
                .build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(new QuorumException("node " + config.nodeId() + ": append failed", e));
            return;
        }
        reply.whenComplete((r, error) -> {
            if (error != null) {
                result.completeExceptionally(new QuorumException("node " + config.nodeId() + ": append failed", error));
            } else if (r.isSuccess()) {
                complete(r, result);
            } else if (r.getException() instanceof LeaderNotReadyException && System.nanoTime() < deadlineNs && !closed.get()) {
                // This node won the election and is applying its first entry: milliseconds. Retry
                // here so callers see only "leader" or "not leader".
                Executor later = CompletableFuture.delayedExecutor(LEADER_NOT_READY_RETRY_MS, TimeUnit.MILLISECONDS);
                later.execute(() -> attempt(encoded, deadlineNs, result));
            } else {
                result.completeExceptionally(failure(r));
            }
        });
    }

    private void complete(RaftClientReply r, CompletableFuture<Long> result) {
        EntryCodec.Reply decoded;
        try {
            decoded = EntryCodec.decodeReply(r.getMessage().getContent().toByteArray());
        } catch (EntryCodec.MalformedEntryException e) {
            result.completeExceptionally(new QuorumException("node " + config.nodeId() + ": bad reply from the state machine", e));
            return;
        }
        if (decoded.outcome() == EntryCodec.Outcome.FENCED) {
            result.completeExceptionally(notLeader("the entry was logged in term " + decoded.term()
                    + ", after the term it was fenced to ended"));
        } else {
            result.complete(decoded.index());
        }
    }

    private QuorumException failure(RaftClientReply r) {
        RaftException e = r.getException();
        NotLeaderException notLeader = r.getNotLeaderException();
        if (notLeader != null) {
            RaftPeer suggested = notLeader.getSuggestedLeader();
            OptionalInt hint = suggested == null ? OptionalInt.empty() : OptionalInt.of(nodeIdOf(suggested.getId()));
            return new io.tributary.quorum.NotLeaderException(config.nodeId(), hint, "Ratis refused the append");
        }
        if (e instanceof LeaderNotReadyException || r.getLeaderSteppingDownException() != null) {
            return notLeader(e == null ? "leader stepping down" : e.getMessage());
        }
        return new QuorumException("node " + config.nodeId() + ": append failed: " + e, e);
    }

    private io.tributary.quorum.NotLeaderException notLeader(String why) {
        return new io.tributary.quorum.NotLeaderException(config.nodeId(), leaderId(), why);
    }

    /** The leader this node knows of (possibly itself), if any. */
    public OptionalInt leaderId() {
        DivisionInfo info = info();
        RaftPeerId leader = info == null ? null : info.getLeaderId();
        return leader == null ? OptionalInt.empty() : OptionalInt.of(nodeIdOf(leader));
    }

    /** Whether this node leads and is ready to append (it has applied everything before its term). */
    public boolean isLeader() {
        DivisionInfo info = info();
        return info != null && info.isLeaderReady();
    }

    /** The current Raft term as this node knows it (0 before start). */
    public long currentTerm() {
        DivisionInfo info = info();
        return info == null ? 0 : info.getCurrentTerm();
    }

    /**
     * Gives up leadership of {@code term} while staying a voter: when the controller above can no
     * longer act in a term that Raft still gives this node (an append failed, so what it built next
     * may rest on an entry that never commits), someone must take over, or nothing would ever make
     * a controller active again.
     *
     * <p>First hands leadership to the most up-to-date follower that answered within the minimum
     * election timeout (Ratis TransferLeadership: the follower campaigns at once and wins the next
     * term in milliseconds), trying the next one if it does not take over, within twice the maximum
     * election timeout in all. If none does and this node still leads {@code term}, it steps down
     * without a successor (the same request with no target): it turns follower in {@code term}, and
     * the voters elect a leader, possibly this node again, after an election timeout. Either way the
     * node stays in the group, its listener keeps receiving commits, and it can lead again later.
     *
     * <p>A no-op, completing at once, when this node does not lead {@code term} (a stale or future
     * term, a follower, a closed quorum). Idempotent: while a step-down of {@code term} is in
     * flight, further calls share it. Appends fail with {@link NotLeaderException} meanwhile.
     *
     * <p>The check that this node leads {@code term} and Ratis's request are not one atomic step:
     * should this node lose {@code term} and win a later one in between (within microseconds), the
     * later leadership moves on too, which costs a leader change, never safety.
     *
     * @return completes once this node no longer leads {@code term}; fails with
     *         {@link QuorumException} if it still does after every attempt. Never blocks the caller.
     */
    public CompletableFuture<Void> stepDown(long term) {
        return stepDown(term, true);
    }

    /** Tests only: steps down without trying to hand leadership to a follower first (the fallback path). */
    CompletableFuture<Void> stepDownWithoutHandoff(long term) {
        return stepDown(term, false);
    }

    private CompletableFuture<Void> stepDown(long term, boolean handOff) {
        if (term < 0) {
            throw new IllegalArgumentException("term must be non-negative: " + term);
        }
        if (closed.get() || !leads(term)) {
            return CompletableFuture.completedFuture(null);
        }
        PendingStepDown fresh = new PendingStepDown(term, new CompletableFuture<>());
        PendingStepDown running = stepDown.accumulateAndGet(fresh,
                (current, candidate) -> current != null && current.term() == candidate.term() && !current.done().isDone()
                        ? current : candidate);
        if (running != fresh) {
            return running.done().copy();
        }
        long startNs = System.nanoTime();
        List<Integer> candidates = handOff ? transfer.candidates(config.electionTimeoutMinMs()) : List.of();
        if (!candidates.isEmpty()) {
            LOG.info("Node {} steps down as leader of term {}; handing leadership to the first of nodes {} to take it",
                    config.nodeId(), term, candidates);
        }
        transfer.toFirstOf(candidates, 2 * config.electionTimeoutMaxMs())
                .thenCompose(successor -> {
                    if (successor != LeadershipTransfer.NO_SUCCESSOR || closed.get() || !leads(term)) {
                        return CompletableFuture.completedFuture(successor);
                    }
                    LOG.warn("Node {} could not hand leadership of term {} to a follower (responsive ones: {}); stepping "
                            + "down without a successor, so the voters elect a leader after an election timeout",
                            config.nodeId(), term, candidates);
                    return transfer.withoutSuccessor(config.electionTimeoutMaxMs()).thenApply(done -> successor);
                })
                .whenComplete((successor, error) -> finishStepDown(fresh, successor, error, startNs));
        return fresh.done().copy();
    }

    private void finishStepDown(PendingStepDown pending, Integer successor, Throwable error, long startNs) {
        stepDown.compareAndSet(pending, null);
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        if (!closed.get() && leads(pending.term())) {
            pending.done().completeExceptionally(new QuorumException("node " + config.nodeId() + " still leads term "
                    + pending.term() + " " + elapsedMs + " ms after it began to step down", error));
            return;
        }
        if (successor != null && successor != LeadershipTransfer.NO_SUCCESSOR) {
            LOG.info("Node {} stepped down as leader of term {}: node {} took over in {} ms", config.nodeId(),
                    pending.term(), successor, elapsedMs);
        } else {
            LOG.info("Node {} no longer leads term {} ({} ms after it began to step down)", config.nodeId(),
                    pending.term(), elapsedMs);
        }
        pending.done().complete(null);
    }

    /** Tests only: hands leadership to {@code nodeId}; completes with it, or with -1 if it did not take over. */
    CompletableFuture<Integer> handOffTo(int nodeId) {
        return transfer.toFirstOf(List.of(nodeId), 2 * config.electionTimeoutMaxMs());
    }

    private record PendingStepDown(long term, CompletableFuture<Void> done) {
    }

    /** Whether this node is the Raft leader of {@code term} (ready or not), read live from Ratis. */
    private boolean leads(long term) {
        DivisionInfo info = info();
        return info != null && info.isLeader() && info.getCurrentTerm() == term;
    }

    /** The index of the last entry applied on this node (delivered, or a Raft entry that is not delivered). */
    public long lastAppliedIndex() {
        DivisionInfo info = info();
        return info == null ? -1 : info.getLastAppliedIndex();
    }

    public int nodeId() {
        return config.nodeId();
    }

    public QuorumConfig config() {
        return config;
    }

    /** The loopback port the Ratis server listens on; -1 before start. The relay's target. */
    public int ratisPort() {
        return closed.get() ? -1 : ratisPort;
    }

    /** How long the wiped-disk rule held this node's start back, in ms (0 when its storage held a vote record). */
    public long startDelayMs() {
        return startDelayMs;
    }

    /** Tests only: the first index still in this node's log (earlier ones were purged after a snapshot). */
    long logStartIndex() throws IOException {
        return server.getDivision(groupId).getRaftLog().getStartIndex();
    }

    /** Tests only: the index of this node's latest snapshot, or -1. */
    long latestSnapshotIndex() {
        org.apache.ratis.statemachine.SnapshotInfo s = stateMachine.getLatestSnapshot();
        return s == null ? -1 : s.getIndex();
    }

    private DivisionInfo info() {
        try {
            return server.getDivision(groupId).getInfo();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Stops this node's member. A leader first hands leadership to another voter (bounded by twice
     * the maximum election timeout), so the quorum does not wait out an election timeout; then the
     * Raft server stops (taking a snapshot when entries were applied since the last one), then the
     * listener thread.
     */
    @Override
    public void close() {
        close(true);
    }

    /** Tests only: stops without handing leadership off, the nearest an in-process test gets to a crash. */
    void closeWithoutHandoff() {
        close(false);
    }

    private void close(boolean handOff) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (handOff && isLeader()) {
            handOffLeadership();
        }
        long startNs = System.nanoTime();
        reconnector.close();
        RaftServer.Division division = division();
        ServerClose serverClose = closeServer(division);
        stateMachine.dispatcher().close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        switch (serverClose) {
            case CLOSED -> LOG.info("Node {} left the controller quorum in {} ms", config.nodeId(), tookMs);
            case STORAGE_CLOSED -> LOG.info("Node {} left the controller quorum in {} ms: its Raft log and state are closed; "
                    + "its connections to peers are still draining and are not waited for", config.nodeId(), tookMs);
            case TIMED_OUT -> LOG.warn("Node {} stops waiting for its Raft server after {} ms; the Raft log recovers at the "
                    + "next start as after a crash", config.nodeId(), tookMs);
        }
    }

    /** How far {@link #closeServer} got. */
    private enum ServerClose { CLOSED, STORAGE_CLOSED, TIMED_OUT }

    /**
     * Closes the Raft server and waits for its storage to close, not for its peer connections. Ratis
     * closes the group's division first (the state machine, the Raft log, the storage lock), then its
     * gRPC channels to the peers, each waiting up to 3 s for a graceful end and 2 s more for a forced
     * one; a stream a peer never finishes (an append stream to a lagging follower, a vote request to a
     * closing node) makes a stopping node wait those seconds for nothing, since the process exit
     * closes the sockets anyway. So once the division is closed this waits only
     * {@link #PEER_CONNECTIONS_GRACE_MS}, and leaves the rest to a daemon thread.
     */
    private ServerClose closeServer(RaftServer.Division division) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Thread closer = new Thread(() -> {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Node {}: closing the Raft server failed: {}", config.nodeId(), e.toString());
            } finally {
                closed.complete(null);
            }
        }, "tributary-quorum-close-" + config.nodeId());
        closer.setDaemon(true);
        closer.start();
        long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORAGE_CLOSE_MAX_MS);
        try {
            // The division's life cycle has no listener to subscribe to: poll it, bounded.
            while (!closed.isDone() && !divisionClosed(division) && System.nanoTime() < deadlineNs) {
                try {
                    closed.get(DIVISION_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not yet: look at the division again
                }
            }
            if (closed.isDone()) {
                return ServerClose.CLOSED;
            }
            if (!divisionClosed(division)) {
                return ServerClose.TIMED_OUT;
            }
            closed.get(PEER_CONNECTIONS_GRACE_MS, TimeUnit.MILLISECONDS);
            return ServerClose.CLOSED;
        } catch (TimeoutException e) {
            return ServerClose.STORAGE_CLOSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return divisionClosed(division) ? ServerClose.STORAGE_CLOSED : ServerClose.TIMED_OUT;
        } catch (ExecutionException e) {
            return ServerClose.CLOSED;
        }
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(groupId);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether the group's division has closed (its storage with it); a server that never had one has nothing to close. */
    private static boolean divisionClosed(RaftServer.Division division) {
        return division == null || division.getInfo().getLifeCycleState() == LifeCycle.State.CLOSED;
    }

    private void handOffLeadership() {
        long budgetMs = 2 * config.electionTimeoutMaxMs();
        List<Integer> candidates = transfer.candidates(config.electionTimeoutMinMs());
        if (candidates.isEmpty()) {
            LOG.info("Node {} stops as leader of term {} with no responsive follower to hand leadership to",
                    config.nodeId(), currentTerm());
            return;
        }
        long startNs = System.nanoTime();
        long backstopNs = startNs + TimeUnit.MILLISECONDS.toNanos(2 * budgetMs);
        CompletableFuture<Integer> handOff = transfer.toFirstOf(candidates, budgetMs);
        try {
            // toFirstOf completes within the budget by itself; the bound here is only a backstop. Ratis
            // may answer the transfer late (or refuse it) although a peer already leads a newer term,
            // so the wait also ends as soon as another node is known to lead.
            while (!handOff.isDone() && !anotherLeads() && System.nanoTime() < backstopNs) {
                try {
                    handOff.get(DIVISION_POLL_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not yet: look at the leadership again
                }
            }
            int successor = handOff.isDone() ? handOff.get() : LeadershipTransfer.NO_SUCCESSOR;
            if (successor == LeadershipTransfer.NO_SUCCESSOR && anotherLeads()) {
                successor = leaderId().getAsInt();
            }
            if (successor != LeadershipTransfer.NO_SUCCESSOR) {
                LOG.info("Node {} handed leadership to node {} before stopping (term {}, {} ms)", config.nodeId(), successor,
                        currentTerm(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
                return;
            }
            if (!isLeader()) {
                LOG.info("Node {} no longer leads (term {}) and stops; the others elect a leader", config.nodeId(), currentTerm());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            LOG.debug("Node {}: handing leadership off failed", config.nodeId(), e);
        }
        LOG.info("Node {} could not hand leadership off within {} ms; the others will elect a leader after an "
                + "election timeout", config.nodeId(), budgetMs);
    }

    /** Whether this node knows of a leader other than itself (a hand-off took effect, whatever Ratis answers). */
    private boolean anotherLeads() {
        OptionalInt leader = leaderId();
        return leader.isPresent() && leader.getAsInt() != config.nodeId() && leader.getAsInt() >= 0;
    }

    private void closeAfterFatalError(Throwable cause) {
        // Runs on the listener thread, which close() waits for: close from another thread.
        Thread closer = new Thread(this::close, "tributary-quorum-fatal-close-" + config.nodeId());
        closer.setDaemon(true);
        closer.start();
    }

    static RaftPeerId peerIdOf(int nodeId) {
        return RaftPeerId.valueOf(Integer.toString(nodeId));
    }

    /** The node id behind a Ratis peer id; -1 for an id that is not one of ours. */
    static int nodeIdOf(RaftPeerId peerId) {
        if (peerId == null) {
            return Leadership.NO_LEADER;
        }
        try {
            return Integer.parseInt(peerId.toString());
        } catch (NumberFormatException e) {
            return Leadership.NO_LEADER;
        }
    }
}
