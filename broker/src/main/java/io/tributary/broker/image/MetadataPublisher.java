package io.tributary.broker.image;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.MetadataReplayException;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's view of the cluster: replays every committed metadata batch into a new
 * {@link MetadataImage} (the same replay code the controller runs) and hands each new image to its
 * subscribers (the partitions, mostly) before any other reader sees the next one. Handlers read
 * {@link #image()} without locks.
 *
 * <p>Threading: the metadata log calls it on one thread at a time, in log order.
 */
public final class MetadataPublisher implements MetadataLog.Listener, MetadataView {

    private static final Logger log = LoggerFactory.getLogger(MetadataPublisher.class);

    /** Told of every new image, with the one it replaces. */
    @FunctionalInterface
    public interface Subscriber {
        void onImage(MetadataImage prev, MetadataImage next);
    }

    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private volatile MetadataImage image = MetadataImage.EMPTY;

    public void subscribe(Subscriber s) {
        subscribers.add(s);
    }

    @Override
    public MetadataImage image() {
        return image;
    }

    @Override
    public void onCommit(long offset, List<MetadataRecord> records) {
        MetadataImage prev = image;
        MetadataImage next;
        try {
            MetadataDelta delta = new MetadataDelta(prev);
            delta.replayAll(records);
            next = delta.apply(offset);
        } catch (MetadataReplayException | IllegalArgumentException e) {
            // The controller wrote a batch this replay refuses: a bug, not bad input. Keep serving the last good image.
            log.error("Cannot apply metadata batch at offset {}; keeping the image at offset {}", offset, prev.lastAppliedOffset(), e);
            return;
        }
        publish(prev, next);
    }

    @Override
    public void onSnapshotLoaded(MetadataImage loaded) {
        publish(image, loaded);
    }

    @Override
    public void onBecomeActive(long epoch) {
        // The broker's image does not depend on who leads the quorum.
    }

    @Override
    public void onResign() {
        // As above.
    }

    private void publish(MetadataImage prev, MetadataImage next) {
        for (Subscriber s : subscribers) {
            try {
                s.onImage(prev, next);
            } catch (RuntimeException e) {
                log.error("Applying metadata at offset {} failed in {}", next.lastAppliedOffset(), s, e);
            }
        }
        image = next;
    }
}
