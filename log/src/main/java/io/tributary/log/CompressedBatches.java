package io.tributary.log;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Opens a compressed record batch for a reader outside the log, such as the produce path checking
 * the keys of a compacted topic's records, with the same codecs and the same bound on the
 * decompressed size as the cleaner ({@link BatchCompression}).
 */
public final class CompressedBatches {

    private CompressedBatches() {
    }

    /**
     * The compressed batch at {@code at} of {@code records} as an uncompressed batch (at position 0 of a
     * new buffer, its CRC stale: only for reading), or empty when it cannot be opened: an unknown
     * codec, damaged bytes, or more than {@value BatchCompression#DECOMPRESSED_BYTES_MAX} bytes once
     * decompressed.
     */
    public static Optional<ByteBuffer> open(ByteBuffer records, int at) {
        try {
            return Optional.of(BatchCompression.decompress(records, at, BatchCompression.DECOMPRESSED_BYTES_MAX));
        } catch (BatchCompression.UndecodableBatchException e) {
            return Optional.empty();
        }
    }
}
