package io.tributary.log;

/**
 * An offset together with where its batch sits on disk, so the fetch path can tell how many
 * bytes lie between two offsets (for {@code fetch.min.bytes}) without reading the log.
 *
 * @param messageOffset     the offset
 * @param segmentBaseOffset the base offset of the segment holding it
 * @param positionInSegment the file position of the batch holding it (the segment's size for the log end)
 */
public record LogOffsetMetadata(long messageOffset, long segmentBaseOffset, int positionInSegment) {

    public boolean onSameSegment(LogOffsetMetadata other) {
        return segmentBaseOffset == other.segmentBaseOffset;
    }

    /**
     * Bytes from this position to {@code later}'s when both lie in one segment; otherwise -1,
     * which the fetch path treats as "at least a segment's worth", as Kafka does.
     */
    public long bytesUntil(LogOffsetMetadata later) {
        if (!onSameSegment(later)) {
            return -1;
        }
        return (long) later.positionInSegment - positionInSegment;
    }
}
