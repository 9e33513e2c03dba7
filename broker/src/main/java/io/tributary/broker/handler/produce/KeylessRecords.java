package io.tributary.broker.handler.produce;

import io.tributary.common.records.BatchBuilder;
import io.tributary.common.records.BatchHeader;
import io.tributary.log.CompressedBatches;
import io.tributary.wire.api.produce.ProduceResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A compacted topic keeps the latest record per key, so a record without a key has no place in it:
 * Kafka refuses such a produce with {@code INVALID_RECORD} and one KIP-467 record error per keyless
 * record (its index in its batch and why), and so do we, partition by partition, while the request's
 * other partitions are served.
 *
 * <p>The records of every batch are read (layout in {@link BatchBuilder}); a compressed batch is
 * opened first, with the cleaner's codecs and bound ({@link CompressedBatches}), as Kafka decompresses
 * to validate. This costs a decompression per compressed batch, on compacted topics only: the broker
 * still stores batches as the producer compressed them. A compressed batch that cannot be opened is
 * left to the batch check that follows, as malformed bytes are.
 */
final class KeylessRecords {

    private KeylessRecords() {
    }

    /** The errors of the keyless records in {@code records}; empty if there are none or the bytes are malformed. */
    static List<ProduceResponse.RecordError> find(ByteBuffer records, String topicPartition) {
        List<ProduceResponse.RecordError> errors = new ArrayList<>();
        String message = "Compacted topic cannot accept message without key in topic partition " + topicPartition + ".";
        try {
            for (int at = records.position(); at + BatchHeader.SIZE <= records.limit(); at += BatchHeader.sizeInBytes(records, at)) {
                if (BatchHeader.isControl(records, at)) {
                    continue;
                }
                BatchBuilder.RecordReader reader;
                if (BatchHeader.compression(records, at) != 0) {
                    var opened = CompressedBatches.open(records, at);
                    if (opened.isEmpty()) {
                        continue;
                    }
                    reader = new BatchBuilder.RecordReader(opened.get(), 0);
                } else {
                    reader = new BatchBuilder.RecordReader(records, at);
                }
                for (int index = 0; reader.next(); index++) {
                    if (reader.current().key() == null) {
                        errors.add(new ProduceResponse.RecordError(index, message));
                    }
                }
            }
        } catch (IllegalArgumentException | UnsupportedOperationException malformed) {
            // The batch check that follows refuses malformed bytes with the error a producer expects.
            return List.of();
        }
        return errors;
    }

    /** Kafka's partition-level message for these errors: their count and at most the first three. */
    static String summary(List<ProduceResponse.RecordError> errors) {
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < Math.min(3, errors.size()); i++) {
            ProduceResponse.RecordError e = errors.get(i);
            shown.append(i > 0 ? ", " : "").append("RecordError(batchIndex=").append(e.batchIndex())
                    .append(", message='").append(e.message()).append("')");
        }
        return "One or more records have been rejected due to " + errors.size()
                + " record errors in total, and only showing the first three errors at most: " + shown.append(']');
    }
}
