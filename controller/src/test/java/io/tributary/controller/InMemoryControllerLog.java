package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.InMemoryMetadataLog;
import io.tributary.metadata.record.MetadataRecord;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The metadata module's {@link InMemoryMetadataLog} as a {@link ControllerLog}, made safe for two
 * threads (the controller's, which appends, and the test's, which decides leadership and commits)
 * by one monitor. Listeners run under it, on whichever thread made the change.
 */
final class InMemoryControllerLog implements ControllerLog {

    private final InMemoryMetadataLog log = new InMemoryMetadataLog();
    private volatile OptionalInt leaderHint = OptionalInt.empty();
    private volatile boolean closed;
    final List<Long> stepDowns = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public synchronized void start() {
    }

    @Override
    public OptionalInt leaderId() {
        return leaderHint;
    }

    @Override
    public void stepDown(long epoch) {
        stepDowns.add(epoch);
    }

    void leaderHint(int nodeId) {
        leaderHint = OptionalInt.of(nodeId);
    }

    @Override
    public synchronized void close(MetadataImage committedImage) {
        closed = true;
    }

    @Override
    public void halt() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public synchronized CompletableFuture<Long> append(List<MetadataRecord> records) {
        return log.append(records);
    }

    @Override
    public synchronized CompletableFuture<Long> append(long epoch, List<MetadataRecord> records) {
        return log.append(epoch, records);
    }

    @Override
    public synchronized void register(Listener listener) {
        log.register(listener);
    }

    synchronized InMemoryControllerLog autoCommit(boolean on) {
        log.autoCommit(on);
        return this;
    }

    synchronized void failUncommitted(Throwable cause) {
        log.failUncommitted(cause);
    }

    synchronized long becomeLeader() {
        return log.becomeLeader();
    }

    synchronized void resign() {
        log.resign();
    }

    synchronized boolean commitNext() {
        return log.commitNext();
    }

    synchronized int commitAll() {
        return log.commitAll();
    }

    synchronized int uncommittedBatches() {
        return log.uncommittedBatches();
    }

    synchronized long lastCommittedOffset() {
        return log.lastCommittedOffset();
    }

    synchronized void takeSnapshot(MetadataImage image) {
        log.takeSnapshot(image);
    }
}
