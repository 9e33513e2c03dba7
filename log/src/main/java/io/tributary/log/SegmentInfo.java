package io.tributary.log;

/**
 * One segment as a console shows it.
 *
 * @param baseOffset         the first offset the segment may hold (its file name)
 * @param sizeInBytes        bytes of batches in the {@code .log} file
 * @param largestTimestampMs the newest batch timestamp, or the file's modification time if no batch has one
 * @param active             whether appends go to this segment
 */
public record SegmentInfo(long baseOffset, long sizeInBytes, long largestTimestampMs, boolean active) {
}
