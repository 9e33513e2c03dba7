package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.quorum.QuorumException;

import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RaftMetadataLog} whose next appends can be made to look like commits slower than
 * {@code controller.quorum.request.timeout.ms}: the batch still goes to the quorum (and commits,
 * later), but the caller is told at once that it failed with an unknown outcome, exactly as
 * {@code RaftQuorum} reports a timeout. Everything else passes straight through.
 */
final class SlowCommitLog implements ControllerLog {

    private final RaftMetadataLog raft;
    private final AtomicInteger appendsToFail = new AtomicInteger();

    SlowCommitLog(RaftMetadataLog raft) {
        this.raft = raft;
    }

    /** The next {@code count} fenced appends are reported as timed out (they still commit). */
    void failNextAppends(int count) {
        appendsToFail.set(count);
    }

    @Override
    public CompletableFuture<Long> append(long epoch, List<MetadataRecord> records) {
        CompletableFuture<Long> real = raft.append(epoch, records);
        if (appendsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new QuorumException("node " + raft.nodeId()
                    + ": append not committed within the request timeout (it may still commit); injected by the test"));
        }
        return real;
    }

    @Override
    public CompletableFuture<Long> append(List<MetadataRecord> records) {
        return raft.append(records);
    }

    @Override
    public void register(Listener listener) {
        raft.register(listener);
    }

    @Override
    public void start() throws IOException, InterruptedException {
        raft.start();
    }

    @Override
    public OptionalInt leaderId() {
        return raft.leaderId();
    }

    @Override
    public void stepDown(long epoch) {
        raft.stepDown(epoch);
    }

    @Override
    public void close(MetadataImage committedImage) {
        raft.close(committedImage);
    }

    @Override
    public void halt() {
        raft.halt();
    }
}
