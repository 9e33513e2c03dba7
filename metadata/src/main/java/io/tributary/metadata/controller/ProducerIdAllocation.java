package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.AllocateProducerIdsRequest;
import io.tributary.metadata.controller.api.AllocateProducerIdsResponse;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ProducerIdsRecord;

/** Hands out producer ids in blocks: the next block starts where the last ended, so ids are never reused. */
final class ProducerIdAllocation {

    private final int blockSize;

    ProducerIdAllocation(int blockSize) {
        this.blockSize = blockSize;
    }

    ControllerResult<AllocateProducerIdsResponse> allocate(MetadataImage image, AllocateProducerIdsRequest request) {
        BrokerRegistration b = image.broker(request.brokerId());
        if (b == null) {
            return failed(ApiError.of(ErrorCode.BROKER_ID_NOT_REGISTERED, "Broker " + request.brokerId() + " is not registered."));
        }
        if (b.brokerEpoch() != request.brokerEpoch()) {
            return failed(ApiError.of(ErrorCode.STALE_BROKER_EPOCH, "Expected broker epoch " + b.brokerEpoch()
                    + ", but got broker epoch " + request.brokerEpoch()));
        }
        long start = image.nextProducerId();
        if (start > Long.MAX_VALUE - blockSize) {
            return failed(ApiError.of(ErrorCode.UNKNOWN_SERVER_ERROR,
                    "Exhausted all producerIds as the next block's end producerId has exceeded the int64 type limit"));
        }
        Scratch scratch = new Scratch(image);
        scratch.add(new ProducerIdsRecord(b.brokerId(), b.brokerEpoch(), start + blockSize));
        return ControllerResult.of(scratch.records(), new AllocateProducerIdsResponse(ApiError.NONE, start, blockSize));
    }

    private static ControllerResult<AllocateProducerIdsResponse> failed(ApiError error) {
        return ControllerResult.noRecords(new AllocateProducerIdsResponse(error, -1, 0));
    }
}
