package io.tributary.wire.api.electleaders;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * An ElectLeaders response: a top-level error (v1+; dropped at v0) and a result per partition
 * considered ({@code ELECTION_NOT_NEEDED} where the preferred replica already leads).
 */
public record ElectLeadersResponse(int throttleTimeMs, ErrorCode error, List<TopicResult> results) {

    public ElectLeadersResponse {
        results = List.copyOf(results);
    }

    public record TopicResult(String topic, List<PartitionResult> partitions) {

        public TopicResult {
            partitions = List.copyOf(partitions);
        }
    }

    /** @param errorMessage null for none */
    public record PartitionResult(int partitionId, ErrorCode error, String errorMessage) {
    }
}
