package io.tributary.controller;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The in-process consumers of committed metadata (the broker's own image), told in log order on
 * the driver thread. A listener that throws is removed with an ERROR line: it has missed an event
 * and its state can no longer be trusted, and the controller must not stop for it.
 *
 * <p>Bounded by the callers, who add a handful. Driver thread only.
 */
final class MetadataListeners {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataListeners.class);

    private final int nodeId;
    private final List<MetadataLog.Listener> listeners = new ArrayList<>();

    MetadataListeners(int nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * Adds a listener that joins now: it is first given {@code image} as a snapshot (if anything is
     * committed) and the current leadership, then every later event.
     */
    void add(MetadataLog.Listener listener, MetadataImage image, boolean active, long epoch) {
        try {
            if (image.lastAppliedOffset() >= 0) {
                listener.onSnapshotLoaded(image);
            }
            if (active) {
                listener.onBecomeActive(epoch);
            }
            listeners.add(listener);
        } catch (RuntimeException e) {
            LOG.error("Node {}: metadata listener {} threw while joining; it is not added", nodeId, listener, e);
        }
    }

    void forward(Consumer<MetadataLog.Listener> event) {
        for (MetadataLog.Listener l : List.copyOf(listeners)) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                listeners.remove(l);
                LOG.error("Node {}: metadata listener {} threw; it is removed and gets no further metadata", nodeId, l, e);
            }
        }
    }
}
