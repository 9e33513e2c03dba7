package io.tributary.controller;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The controller's answer to a broker's long-poll for metadata.
 *
 * @param highWatermark the controller's last committed offset (-1 when nothing is committed)
 * @param entries       empty when the wait ended with nothing new; otherwise committed batches in
 *                      offset order, possibly led by one snapshot
 */
public record MetadataFetchResult(long highWatermark, List<MetadataFetchEntry> entries) {

    public MetadataFetchResult {
        entries = List.copyOf(entries);
    }

    public static MetadataFetchResult empty(long highWatermark) {
        return new MetadataFetchResult(highWatermark, List.of());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries in the Fetch response's records field, framed by {@link MetadataFetchFraming}. */
    public ByteBuffer framed() {
        return MetadataFetchFraming.encode(entries);
    }
}
