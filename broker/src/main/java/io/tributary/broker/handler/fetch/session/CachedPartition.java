package io.tributary.broker.handler.fetch.session;

import io.tributary.common.ErrorCode;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;

/**
 * One partition of a fetch session: what the client last asked for it (fetch offset, byte limit,
 * epochs: an incremental request sends a partition only when these change), and what the broker
 * last told the client about it (high watermark, log start), so that an incremental response can
 * leave out a partition with nothing new. Guarded by its session's monitor.
 */
final class CachedPartition {

    /** What a cached offset reads before anything was sent, or after an error was: the next answer always differs. */
    static final long UNKNOWN_OFFSET = -1L;

    private FetchRequest.Partition request;
    private long highWatermark = UNKNOWN_OFFSET;
    private long logStartOffset = UNKNOWN_OFFSET;

    CachedPartition(FetchRequest.Partition request) {
        this.request = request;
    }

    FetchRequest.Partition request() {
        return request;
    }

    void updateRequest(FetchRequest.Partition newRequest) {
        this.request = newRequest;
    }

    /**
     * Kafka's rule for incremental responses: a partition is sent when it has records, a changed high
     * watermark or log start offset, an error, a diverging epoch, a snapshot id or a preferred read
     * replica. Remembers what is sent; after an error the high watermark reads unknown, so the
     * partition is sent again once the error clears.
     *
     * @return whether the response must carry this partition
     */
    boolean mustRespond(FetchResponse.PartitionResponse r) {
        boolean must = r.records().sizeInBytes() > 0;
        if (r.highWatermark() != highWatermark) {
            must = true;
            highWatermark = r.highWatermark();
        }
        if (r.logStartOffset() != logStartOffset) {
            must = true;
            logStartOffset = r.logStartOffset();
        }
        if (r.error() != ErrorCode.NONE) {
            must = true;
            highWatermark = UNKNOWN_OFFSET;
        }
        return must || r.divergingEpoch() != null || r.snapshotId() != null || r.preferredReadReplica() >= 0;
    }
}
