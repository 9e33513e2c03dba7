package io.tributary.controller;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.quorum.NotLeaderException;
import io.tributary.quorum.QuorumConfig;
import io.tributary.quorum.QuorumListener;
import io.tributary.quorum.RaftQuorum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The metadata log of a cluster: a {@link ControllerLog} over this node's member of the Raft
 * quorum ({@link RaftQuorum}). One batch of records is one Raft entry, encoded by
 * {@link MetadataBatchCodec}; a batch's offset is its Raft log index (offsets grow but have gaps,
 * where Raft keeps entries of its own); a term is a controller epoch.
 *
 * <ul>
 *   <li>{@link #append(long, List)} appends fenced to the term: it fails with
 *       {@link NotControllerException} (the leader as hint) unless this node leads that term, and an
 *       entry logged after the term ended is skipped by every replica.</li>
 *   <li>Leadership: the quorum saying this node leads term T (after every earlier entry was
 *       delivered) is {@code onBecomeActive(T)}; any later change while active is {@code onResign()}.</li>
 *   <li>Snapshots: this class keeps its own image of everything delivered, on the quorum's listener
 *       thread, so that a snapshot is exactly the state at the last delivered entry without asking the
 *       controller thread anything: {@code takeSnapshot} is that image's {@code toRecords()} as one
 *       batch; {@code loadSnapshot} rebuilds an image from such a batch, at the snapshot's index, and
 *       hands it to the listeners.</li>
 * </ul>
 *
 * <p>Threads: listeners are called on the quorum's listener thread
 * ({@code tributary-quorum-listener-<id>}), one call at a time, in log order; they must hand work
 * elsewhere quickly (the {@link ControllerDriver} queues it for its own thread), because Ratis's
 * apply thread waits when the listener falls 1024 entries behind. Listeners register before
 * {@link #start}. This class creates no thread of its own.
 *
 * <p>States: NEW → STARTED ({@link #start}) → CLOSED ({@link #close}); {@link #stepDown} keeps the
 * node STARTED (a follower in the same quorum member). A listener or snapshot that throws makes
 * the quorum on this node stop itself, and {@code onFatalError} is told.
 */
public final class RaftMetadataLog implements ControllerLog {

    private static final Logger LOG = LoggerFactory.getLogger(RaftMetadataLog.class);

    private final QuorumConfig config;
    private final Consumer<Throwable> onFatalError;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile RaftQuorum quorum;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param onFatalError told when this node's quorum member stopped itself because the metadata
     *                     could not be applied (the process should exit)
     */
    public RaftMetadataLog(QuorumConfig config, Consumer<Throwable> onFatalError) {
        this.config = config;
        this.onFatalError = onFatalError;
    }

    @Override
    public void register(Listener listener) {
        if (started) {
            throw new IllegalStateException("register metadata listeners before the quorum starts: the log is not replayed "
                    + "for latecomers");
        }
        listeners.add(listener);
    }

    /** Joins the quorum (blocks for the wiped-disk wait and Ratis's start); then replay and elections begin. */
    @Override
    public synchronized void start() throws IOException, InterruptedException {
        if (closed) {
            throw new IllegalStateException("node " + config.nodeId() + ": the Raft metadata log is closed");
        }
        if (started) {
            throw new IllegalStateException("node " + config.nodeId() + ": the Raft metadata log was already started");
        }
        started = true;
        quorum = RaftQuorum.start(config, new QuorumEvents());
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        return append(-1, records);
    }

    /** {@code epoch} -1 appends unfenced (in whatever term is current). */
    @Override
    public CompletableFuture<Long> append(long epoch, List<MetadataRecord> records) {
        RaftQuorum q = quorum;
        if (q == null) {
            return CompletableFuture.failedFuture(new NotControllerException("node " + config.nodeId()
                    + " has not joined the controller quorum", OptionalInt.empty()));
        }
        if (records.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a batch needs at least one record"));
        }
        byte[] entry;
        try {
            entry = toBytes(MetadataBatchCodec.encode(records));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Long> appended = epoch < 0 ? q.append(entry) : q.append(epoch, entry);
        return appended.exceptionallyCompose(t -> CompletableFuture.failedFuture(translate(t)));
    }

    private Throwable translate(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof NotLeaderException nle) {
            OptionalInt hint = nle.leaderHint();
            if (hint.isPresent() && hint.getAsInt() == config.nodeId()) {
                hint = OptionalInt.empty();
            }
            NotControllerException e = new NotControllerException(nle.getMessage(), hint);
            e.initCause(nle);
            return e;
        }
        // QuorumException: closed, overloaded, or timed out (the entry may still commit; the
        // controller learns the outcome from the committed log, as always).
        return cause;
    }

    @Override
    public OptionalInt leaderId() {
        RaftQuorum q = quorum;
        return q == null ? OptionalInt.empty() : q.leaderId();
    }

    /** The loopback port of the Ratis server, where the CONTROLLER listener's sniffer relays Raft connections; -1 when not running. */
    public int ratisPort() {
        RaftQuorum q = quorum;
        return q == null ? -1 : q.ratisPort();
    }

    public int nodeId() {
        return config.nodeId();
    }

    /** The current Raft term as this node knows it (0 before start or after close). */
    public long currentTerm() {
        RaftQuorum q = quorum;
        return q == null ? 0 : q.currentTerm();
    }

    /**
     * Moves leadership away from this node when it still leads {@code epoch}, staying in the quorum
     * as a follower: {@link RaftQuorum#stepDown} hands leadership to the most up-to-date responsive
     * follower (a few hundred ms at most), or, when none takes it, steps down without a successor so
     * that the voters elect one after an election timeout (possibly this node again, in a later term,
     * which makes its controller active again after replaying the log). The listeners see the usual
     * {@code onResign()} and keep receiving commits. Returns at once; the outcome is logged.
     */
    @Override
    public void stepDown(long epoch) {
        RaftQuorum q = quorum;
        if (q == null || closed) {
            return;
        }
        q.stepDown(epoch).whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warn("Node {} could not give up leadership of the controller quorum in term {} after its controller "
                        + "gave that term up: {}", config.nodeId(), epoch, error.toString());
            }
        });
    }

    /**
     * Leaves the quorum. {@link RaftQuorum} offers no crash-like stop outside its own tests, so this
     * is {@link #close}: a real crash test kills the process.
     */
    @Override
    public void halt() {
        close(MetadataImage.EMPTY);
    }

    /** Leaves the quorum (a leader hands leadership off first, then Ratis snapshots and stops); blocks a second or two. */
    @Override
    public void close(MetadataImage committedImage) {
        RaftQuorum q;
        synchronized (this) {
            closed = true;
            q = quorum;
            quorum = null;
        }
        if (q != null) {
            q.close();
        }
    }

    private static byte[] toBytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static List<MetadataRecord> decode(byte[] bytes) {
        return MetadataBatchCodec.decode(ByteBuffer.wrap(bytes));
    }

    /** The quorum's callbacks, on its listener thread. An exception here stops the quorum on this node. */
    private final class QuorumEvents implements QuorumListener {

        // The quorum's listener thread only.
        private MetadataImage image = MetadataImage.EMPTY;
        private boolean active;
        private long activeTerm = -1;

        @Override
        public void onCommit(long index, long term, byte[] entry) {
            List<MetadataRecord> records = decode(entry);
            MetadataDelta delta = new MetadataDelta(image);
            delta.replayAll(records);
            image = delta.apply(index);
            for (Listener l : listeners) {
                l.onCommit(index, records);
            }
        }

        @Override
        public void onLeaderChange(int leaderId, long term, boolean isLocal) {
            if (isLocal) {
                if (active && term != activeTerm) {
                    resign(leaderId, term);
                }
                if (!active) {
                    active = true;
                    activeTerm = term;
                    LOG.debug("Node {} leads the controller quorum in term {}", config.nodeId(), term);
                    for (Listener l : listeners) {
                        l.onBecomeActive(term);
                    }
                }
            } else if (active) {
                resign(leaderId, term);
            }
        }

        private void resign(int leaderId, long term) {
            active = false;
            LOG.debug("Node {} no longer leads the controller quorum (term {}, leader {})", config.nodeId(), term, leaderId);
            for (Listener l : listeners) {
                l.onResign();
            }
        }

        @Override
        public byte[] takeSnapshot() {
            byte[] bytes = toBytes(MetadataBatchCodec.encode(image.toRecords()));
            LOG.debug("Node {}: metadata snapshot of the image at offset {}: {} bytes", config.nodeId(),
                    image.lastAppliedOffset(), bytes.length);
            return bytes;
        }

        @Override
        public void loadSnapshot(long index, byte[] snapshot) {
            MetadataDelta delta = new MetadataDelta(MetadataImage.EMPTY);
            delta.replayAll(decode(snapshot));
            MetadataImage loaded = delta.apply(index);
            if (active) {
                // Ratis installs snapshots only on followers; were it otherwise, resign before replacing the state.
                resign(-1, activeTerm);
            }
            image = loaded;
            for (Listener l : listeners) {
                l.onSnapshotLoaded(loaded);
            }
        }

        @Override
        public void onFatalError(Throwable cause) {
            LOG.error("Node {}: the controller quorum stopped on this node because the metadata log could not be applied; "
                    + "this node must be restarted", config.nodeId(), cause);
            onFatalError.accept(cause);
        }
    }
}
