package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;
import io.tributary.log.PartitionLog;

/** What {@link Partition#deleteRecords} did: the offset the leader's low watermark must reach, or the error (and -1). */
public record RecordDeletion(ErrorCode error, long requiredLowWatermark) {

    static RecordDeletion failed(ErrorCode error) {
        return new RecordDeletion(error, -1L);
    }

    /**
     * DeleteRecords on a leader at {@code leaderEpoch} whose high watermark is {@code highWatermark}:
     * checks the request's rules and moves the log start; {@code onLogStartMoved} runs when it moved.
     * Called under the partition's lock.
     */
    static RecordDeletion apply(PartitionLog partitionLog, long highWatermark, int leaderEpoch, long offset, Runnable onLogStartMoved) {
        if (!partitionLog.config().compaction().delete()) {
            return failed(ErrorCode.POLICY_VIOLATION);
        }
        long target = offset == -1L ? highWatermark : offset;
        if (target < 0 || target > highWatermark) {
            return failed(ErrorCode.OFFSET_OUT_OF_RANGE);
        }
        if (partitionLog.advanceLogStartOffset(target, "DeleteRecords at leader epoch " + leaderEpoch)) {
            onLogStartMoved.run();
        }
        return new RecordDeletion(ErrorCode.NONE, target);
    }
}
