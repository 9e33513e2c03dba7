package io.tributary.wire.api.alterreplicalogdirs;

import io.tributary.common.ErrorCode;
import java.util.List;

/** An AlterReplicaLogDirs response: an error per replica (the API has no error messages). */
public record AlterReplicaLogDirsResponse(int throttleTimeMs, List<Topic> results) {

    public AlterReplicaLogDirsResponse {
        results = List.copyOf(results);
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    public record Partition(int index, ErrorCode error) {
    }
}
