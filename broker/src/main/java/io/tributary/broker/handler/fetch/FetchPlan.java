package io.tributary.broker.handler.fetch;

import io.tributary.broker.partition.Partition;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.log.LogStorageException;
import io.tributary.log.OffsetOutOfRangeException;
import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One fetch request, resolved against metadata once: for every partition asked for, either the
 * local {@link Partition} to read or the error to answer with. {@link #read} reads all of them
 * under the response and partition byte limits, with Kafka's rule that the first partition with
 * data returns at least one whole batch even if it is larger than the limits, so a consumer never
 * stalls on a big batch.
 */
final class FetchPlan {

    /** One partition of the request. {@code partition} is null when {@code error} is set. */
    record Entry(String topicName, TopicId topicId, FetchRequest.Partition request, TopicPartition tp, Partition partition,
                 ErrorCode error) {
    }

    /** What one pass of reads found. */
    record Result(FetchResponse response, long bytes, boolean anyError) {
    }

    private final List<List<Entry>> topics;
    private final boolean fromFollower;
    private final int responseBytesMax;

    FetchPlan(List<List<Entry>> topics, boolean fromFollower, int responseBytesMax) {
        this.topics = topics;
        this.fromFollower = fromFollower;
        this.responseBytesMax = responseBytesMax;
    }

    List<TopicPartition> partitions() {
        List<TopicPartition> out = new ArrayList<>();
        for (List<Entry> t : topics) {
            for (Entry e : t) {
                if (e.tp() != null) {
                    out.add(e.tp());
                }
            }
        }
        return out;
    }

    boolean hasErrors() {
        return topics.stream().flatMap(List::stream).anyMatch(e -> e.error() != null);
    }

    /**
     * Reads every partition. {@code stillCurrent} says whether a partition object is still the one
     * hosted (it may have been deleted while the fetch waited).
     */
    Result read(java.util.function.Predicate<Entry> stillCurrent) {
        List<FetchResponse.TopicResponse> out = new ArrayList<>(topics.size());
        long remaining = responseBytesMax;
        boolean minOneBatch = true;
        long total = 0;
        boolean anyError = false;
        for (List<Entry> t : topics) {
            List<FetchResponse.PartitionResponse> parts = new ArrayList<>(t.size());
            String name = null;
            TopicId id = null;
            for (Entry e : t) {
                name = e.topicName();
                id = e.topicId();
                FetchRequest.Partition rp = e.request();
                ErrorCode error = e.error();
                Partition p = e.partition();
                if (error == null && !stillCurrent.test(e)) {
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                }
                if (error == null && !fromFollower && !p.isLeader()) {
                    error = ErrorCode.NOT_LEADER_OR_FOLLOWER;
                }
                if (error == null) {
                    error = p.checkLeaderEpoch(rp.currentLeaderEpoch());
                    if (error == ErrorCode.NONE) {
                        error = null;
                    }
                }
                if (error != null) {
                    anyError = true;
                    parts.add(FetchResponse.PartitionResponse.failed(rp.partition(), error));
                    continue;
                }
                long hw = p.highWatermark();
                long logStart = p.logStartOffset();
                int limit = (int) Math.min(rp.partitionMaxBytes(), Math.max(0, remaining));
                RecordsSlice records;
                try {
                    records = p.read(rp.fetchOffset(), limit, minOneBatch, fromFollower);
                } catch (OffsetOutOfRangeException oor) {
                    anyError = true;
                    parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.OFFSET_OUT_OF_RANGE, hw, hw, logStart,
                            null, null, null, List.of(), -1, RecordsSlice.EMPTY));
                    continue;
                } catch (LogStorageException storage) {
                    // The partition was closed under us (deleted, or the node is stopping): the client looks elsewhere.
                    anyError = true;
                    parts.add(FetchResponse.PartitionResponse.failed(rp.partition(),
                            stillCurrent.test(e) ? ErrorCode.KAFKA_STORAGE_ERROR : ErrorCode.NOT_LEADER_OR_FOLLOWER));
                    continue;
                }
                int size = records.sizeInBytes();
                if (size > 0) {
                    minOneBatch = false;
                    remaining -= size;
                    total += size;
                }
                parts.add(new FetchResponse.PartitionResponse(rp.partition(), ErrorCode.NONE, hw, hw, logStart, null, null, null,
                        List.of(), -1, records));
            }
            out.add(new FetchResponse.TopicResponse(name, id, parts));
        }
        return new Result(new FetchResponse(0, ErrorCode.NONE, 0, out, List.of()), total, anyError);
    }
}
