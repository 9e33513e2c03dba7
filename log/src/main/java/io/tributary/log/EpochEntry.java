package io.tributary.log;

/** One leader epoch and the first offset written in it. */
public record EpochEntry(int epoch, long startOffset) {

    public EpochEntry {
        if (epoch < 0 || startOffset < 0) {
            throw new IllegalArgumentException("epoch entry needs epoch >= 0 and startOffset >= 0, got " + epoch + " " + startOffset);
        }
    }
}
