package io.tributary.sim;

import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.CoordinatorRecordCodec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of {@code __consumer_offsets} batches. A simulated {@link Batch} carries no bytes, only
 * a payload id; a coordinator batch's records are kept here, encoded with the real
 * {@link CoordinatorRecordCodec}, and parsed again when a new coordinator loads the partition, so
 * the codec is on the simulated path as it is on the broker's. Replicas share the bytes of a payload
 * id, as they share a batch's bytes after replication.
 */
final class CoordinatorPayloads {

    /** Key and value bytes (null value: a tombstone) of each record of a payload, in order. */
    private final Map<Long, List<byte[][]>> byPayload = new TreeMap<>();

    void put(long payloadId, List<CoordinatorRecord> records) {
        List<byte[][]> encoded = new ArrayList<>(records.size());
        for (CoordinatorRecord r : records) {
            encoded.add(new byte[][] {CoordinatorRecordCodec.key(r), CoordinatorRecordCodec.value(r)});
        }
        byPayload.put(payloadId, encoded);
    }

    /** The records of a payload, parsed from their bytes. */
    List<CoordinatorRecord> records(long payloadId) {
        List<byte[][]> encoded = byPayload.get(payloadId);
        if (encoded == null) {
            throw new IllegalStateException("no coordinator records for payload #" + payloadId);
        }
        List<CoordinatorRecord> out = new ArrayList<>(encoded.size());
        for (byte[][] kv : encoded) {
            out.add(CoordinatorRecordCodec.parse(ByteBuffer.wrap(kv[0]), kv[1] == null ? null : ByteBuffer.wrap(kv[1])));
        }
        return out;
    }
}
