package io.tributary.broker.handler.fetch.session;

import io.tributary.wire.api.fetch.FetchRequest;
import io.tributary.wire.api.fetch.FetchResponse;
import java.util.List;

/**
 * Walks a fetch request and the response read for it side by side. The read answers the request's
 * topics and partitions in the same order (one response topic per request topic), which is what
 * lets a session match answers to its partitions without resolving topics again; a mismatch is a
 * bug and fails loudly.
 */
final class ReadPairs {

    interface Visitor {
        void visit(int topicIndex, PartitionKey key, FetchRequest.Partition request, FetchResponse.PartitionResponse response);
    }

    private ReadPairs() {
    }

    static void forEach(FetchRequest request, FetchResponse read, Visitor v) {
        if (read.topics().size() != request.topics().size()) {
            throw new IllegalStateException("a fetch read " + read.topics().size() + " topics for " + request.topics().size() + " asked");
        }
        for (int i = 0; i < request.topics().size(); i++) {
            FetchRequest.Topic rt = request.topics().get(i);
            List<FetchResponse.PartitionResponse> parts = read.topics().get(i).partitions();
            if (parts.size() != rt.partitions().size()) {
                throw new IllegalStateException("a fetch read " + parts.size() + " partitions for " + rt.partitions().size() + " asked");
            }
            for (int j = 0; j < parts.size(); j++) {
                FetchRequest.Partition rp = rt.partitions().get(j);
                FetchResponse.PartitionResponse p = parts.get(j);
                if (p.partition() != rp.partition()) {
                    throw new IllegalStateException("a fetch read partition " + p.partition() + " where " + rp.partition() + " was asked");
                }
                v.visit(i, PartitionKey.of(rt, rp.partition()), rp, p);
            }
        }
    }
}
