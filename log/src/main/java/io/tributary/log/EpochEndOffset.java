package io.tributary.log;

/**
 * OffsetForLeaderEpoch's answer: the largest epoch at most the one asked for, and the offset at
 * which it ended (the log end for the latest epoch). Both are -1 when the log cannot say.
 */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;
    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);
}
