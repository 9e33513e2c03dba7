package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A {@link MetadataLog} that a {@link ControllerDriver} can run: the local file of a single node
 * ({@code local.LocalMetadataLog}) or the Raft quorum ({@link RaftMetadataLog}).
 *
 * <p>Lifecycle, driven by the driver: {@link #register} (the driver, before start) →
 * {@link #start} → appends → {@link #close(MetadataImage)}. Listener callbacks may come on any
 * one thread at a time (the driver hands them to its own thread).
 */
public interface ControllerLog extends MetadataLog {

    /**
     * Starts delivering committed batches and leadership to the registered listeners. Called once,
     * by {@link ControllerDriver#start}, on the caller's thread, never on the driver's; it may block
     * (Raft: the wiped-disk wait and Ratis's start).
     */
    void start() throws IOException, InterruptedException;

    /** The node id of the active controller as this log knows it, if any. Any thread. */
    OptionalInt leaderId();

    /**
     * The controller gave up {@code epoch} (an append failed, so its later batches were built on
     * one that may never commit) although the log may still elect this node: make leadership move
     * on, so that the cluster is not left without an active controller. Does nothing when the log
     * has moved past {@code epoch} already. Never blocks; called on the driver thread.
     */
    void stepDown(long epoch);

    /**
     * Stops the log. {@code committedImage} is the driver's image of everything committed, which
     * a log may keep as a snapshot. Called once, after the driver stopped appending, never on the
     * driver's thread (it may block, and the log may still deliver to the driver meanwhile).
     */
    void close(MetadataImage committedImage);

    /**
     * Stops without the clean-shutdown steps (no snapshot, no hand-off where the log can avoid
     * it), leaving storage as a crash would: for tests of recovery. Not on the driver's thread.
     */
    void halt();
}
