package io.tributary.quorum;

import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.apache.ratis.io.MD5Hash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * The Ratis state machine of the quorum: it decodes committed entries and hands them, with leader
 * changes and snapshot work, to the {@link ListenerDispatcher}; it holds no state of its own beyond
 * the last applied term and index, and the snapshot files.
 *
 * <p>Ratis threads that call in: the apply thread ({@code StateMachineUpdater}) for
 * {@link #applyTransaction}, {@link #takeSnapshot}, {@link #notifyConfigurationChanged},
 * {@link #notifyLeaderReady} and {@link #reinitialize}; RPC and leader threads for
 * {@link #notifyLeaderChanged} and {@link #notifyNotLeader}; the starting thread for
 * {@link #initialize}.
 *
 * <p>Lifecycle (Ratis's {@link LifeCycle}): NEW → STARTING → RUNNING (initialize); RUNNING →
 * PAUSING → PAUSED (pause, before a snapshot from the leader is installed); PAUSED → STARTING →
 * RUNNING (reinitialize, after the install).
 */
final class QuorumStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumStateMachine.class);

    private final int nodeId;
    private final QuorumVoters voters;
    private final QuorumListener listener;
    private final ListenerDispatcher dispatcher;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

    // Written and read on the apply thread only: the term of the configuration entry being applied,
    // which is the entry a new leader appends first in its term.
    private long lastConfigurationTerm = -1;

    /** Starts the listener thread; {@code onFatal} runs on it when a callback throws. */
    QuorumStateMachine(int nodeId, QuorumVoters voters, QuorumListener listener,
                       java.util.function.Consumer<Throwable> onFatal) {
        this.nodeId = nodeId;
        this.voters = voters;
        this.listener = listener;
        // The predicate is read only when a leader becomes ready, long after construction.
        this.dispatcher = new ListenerDispatcher(nodeId, listener, this::isReadyLeaderOf, onFatal);
    }

    ListenerDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        getLifeCycle().startAndTransition(() -> {
            storage.init(raftStorage);
            loadLatestSnapshot("start");
        });
    }

    @Override
    public void pause() {
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
            lc.transition(LifeCycle.State.PAUSING);
            lc.transition(LifeCycle.State.PAUSED);
        }
    }

    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot("installed from the leader");
        LifeCycle lc = getLifeCycle();
        if (lc.getCurrentState() == LifeCycle.State.PAUSED) {
            lc.transition(LifeCycle.State.STARTING);
            lc.transition(LifeCycle.State.RUNNING);
        }
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    private void loadLatestSnapshot(String why) throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        if (!Files.exists(file)) {
            throw new IOException("node " + nodeId + ": snapshot " + file + " is listed but missing");
        }
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), md5);
        }
        SnapshotFile.Contents contents = SnapshotFile.read(file, snapshot.getTerm(), snapshot.getIndex());
        try {
            dispatcher.call(() -> {
                dispatcherLoad(contents);
                return null;
            });
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("node " + nodeId + ": the listener failed to load snapshot " + file, e);
        }
        setLastAppliedTermIndex(TermIndex.valueOf(contents.term(), contents.index()));
        LOG.info("Node {} loaded the snapshot at index {} term {} ({} bytes, {})", nodeId, contents.index(),
                contents.term(), contents.payload().length, why);
    }

    private void dispatcherLoad(SnapshotFile.Contents contents) {
        listener.loadSnapshot(contents.index(), contents.payload());
    }

    /**
     * Refuses, on the leader and before anything is logged, bytes that are not an entry of ours:
     * they can only come from a stranger speaking Ratis to our port.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        try {
            EntryCodec.decodeEntry(request.getMessage().getContent().asReadOnlyByteBuffer());
        } catch (EntryCodec.MalformedEntryException e) {
            throw new IOException("node " + nodeId + ": refusing a malformed entry: " + e.getMessage(), e);
        }
        return super.startTransaction(request);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto logEntry = trx.getLogEntry();
        long index = logEntry.getIndex();
        long term = logEntry.getTerm();
        updateLastAppliedTermIndex(term, index);
        EntryCodec.Entry entry;
        try {
            entry = EntryCodec.decodeEntry(logEntry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (EntryCodec.MalformedEntryException e) {
            // startTransaction keeps these out of the log; if one got in anyway, every replica skips
            // it the same way, because the decision depends only on the replicated bytes.
            LOG.warn("Node {} skipped the malformed entry at index {} term {}: {}", nodeId, index, term, e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        if (entry.fenced() && entry.fenceTerm() != term) {
            LOG.info("Node {} skipped the entry at index {} term {}: it was fenced to term {}", nodeId, index, term,
                    entry.fenceTerm());
            return CompletableFuture.completedFuture(reply(EntryCodec.Outcome.FENCED, index, term));
        }
        return dispatcher.commit(index, term, entry.payload())
                .thenApply(ignored -> reply(EntryCodec.Outcome.APPLIED, index, term));
    }

    private static Message reply(EntryCodec.Outcome outcome, long index, long term) {
        return Message.valueOf(ByteString.copyFrom(EntryCodec.encodeReply(outcome, index, term)));
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        SingleFileSnapshotInfo latest = storage.getLatestSnapshot();
        if (latest != null && latest.getIndex() >= last.getIndex()) {
            return latest.getIndex();
        }
        byte[] payload;
        try {
            payload = dispatcher.call(() -> listener.takeSnapshot());
        } catch (Exception e) {
            throw new IOException("node " + nodeId + ": the listener failed to take a snapshot at index " + last.getIndex(), e);
        }
        if (payload == null) {
            throw new IOException("node " + nodeId + ": the listener returned no snapshot bytes");
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        SnapshotFile.write(file.toPath(), last.getTerm(), last.getIndex(), payload);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        LOG.info("Node {} took a snapshot at index {} term {} ({} bytes)", nodeId, last.getIndex(), last.getTerm(),
                payload.length);
        return last.getIndex();
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newRaftConfiguration) {
        lastConfigurationTerm = term;
        warnIfLogVotersDiffer(term, index, newRaftConfiguration);
    }

    // Apply thread only: the last mismatch reported, so a lasting one is reported once, not per term.
    private String lastVoterMismatch;

    /**
     * Ratis keeps the voter set the quorum started with in its log and uses that, not the config,
     * on every later start: changing controller.quorum.voters on an existing quorum is not
     * supported. Say so when they differ, since peers are dialled at the logged addresses.
     */
    private void warnIfLogVotersDiffer(long term, long index, RaftConfigurationProto conf) {
        java.util.Set<String> logged = new java.util.TreeSet<>();
        conf.getPeersList().forEach(p -> logged.add(p.getId().toStringUtf8() + "@" + p.getAddress()));
        java.util.Set<String> configured = new java.util.TreeSet<>();
        voters.voters().forEach(v -> configured.add(v.id() + "@" + v.address()));
        if (logged.equals(configured)) {
            lastVoterMismatch = null;
            return;
        }
        String mismatch = configured + " vs " + logged;
        if (!mismatch.equals(lastVoterMismatch)) {
            lastVoterMismatch = mismatch;
            LOG.warn("Node {}: controller.quorum.voters is {} but the quorum's log says the voters are {} (index {} term {}); "
                    + "Ratis uses the logged ones: changing the voters of an existing quorum is not supported",
                    nodeId, configured, logged, index, term);
        }
    }

    @Override
    public void notifyLeaderReady() {
        // Ratis calls this on the apply thread right after applying the first entry of this
        // leader's term (a configuration entry), so every earlier entry has been handed over.
        dispatcher.localLeaderReady(lastConfigurationTerm);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        int leader = RaftQuorum.nodeIdOf(newLeaderId);
        if (leader != nodeId) {
            dispatcher.leaderObserved(leader, currentTerm());
        }
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        dispatcher.leaderObserved(Leadership.NO_LEADER, currentTerm());
    }

    /** Whether this node leads {@code term} and has applied its first entry, read live from Ratis. */
    boolean isReadyLeaderOf(long term) {
        DivisionInfo info = info();
        return info != null && info.isLeaderReady() && info.getCurrentTerm() == term;
    }

    long currentTerm() {
        DivisionInfo info = info();
        return info == null ? 0 : info.getCurrentTerm();
    }

    private DivisionInfo info() {
        CompletableFuture<RaftServer> server = getServer();
        if (!server.isDone() || getGroupId() == null) {
            return null;
        }
        try {
            return server.join().getDivision(getGroupId()).getInfo();
        } catch (IOException e) {
            return null;
        }
    }
}
