package io.tributary.metadata.image;

/**
 * A record that cannot be applied to the current metadata: it contradicts what the log said
 * before (a change to an unknown partition, a leader epoch going backwards, a second cluster id).
 * Replay stops at the first such record, because state built past it could not be trusted; the
 * message names the record and the broken rule.
 */
public final class MetadataReplayException extends IllegalStateException {

    public MetadataReplayException(String message) {
        super(message);
    }
}
