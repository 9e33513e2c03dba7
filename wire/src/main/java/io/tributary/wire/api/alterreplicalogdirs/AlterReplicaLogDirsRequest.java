package io.tributary.wire.api.alterreplicalogdirs;

import java.util.List;

/** An AlterReplicaLogDirs request: for each destination directory, the replicas of this broker to move there. */
public record AlterReplicaLogDirsRequest(List<Dir> dirs) {

    public AlterReplicaLogDirsRequest {
        dirs = List.copyOf(dirs);
    }

    /** @param path the absolute path of the destination directory */
    public record Dir(String path, List<Topic> topics) {

        public Dir {
            topics = List.copyOf(topics);
        }
    }

    public record Topic(String name, List<Integer> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }
}
