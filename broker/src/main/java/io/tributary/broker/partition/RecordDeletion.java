package io.tributary.broker.partition;

import io.tributary.common.ErrorCode;

/** What {@link Partition#deleteRecords} did: the offset the leader's low watermark must reach, or the error (and -1). */
public record RecordDeletion(ErrorCode error, long requiredLowWatermark) {

    static RecordDeletion failed(ErrorCode error) {
        return new RecordDeletion(error, -1L);
    }
}
