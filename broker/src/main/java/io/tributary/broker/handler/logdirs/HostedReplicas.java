package io.tributary.broker.handler.logdirs;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.common.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What the log dirs APIs read from the broker: its log directories and the replicas each one holds. */
public interface HostedReplicas {

    /** The configured log directories, absolute and normalised, in {@code log.dirs} order. */
    List<Path> logDirs();

    /** A snapshot of every replica this broker hosts. */
    Collection<Replica> replicas();

    /** The replicas of {@code replicas}, in the directories of {@code logDirs} (the broker's {@code log.dirs}). */
    static HostedReplicas of(ReplicaManager replicas, List<Path> logDirs) {
        List<Path> dirs = List.copyOf(logDirs);
        return new HostedReplicas() {
            @Override
            public List<Path> logDirs() {
                return dirs;
            }

            @Override
            public Collection<Replica> replicas() {
                List<Replica> out = new ArrayList<>();
                for (Partition p : replicas.partitions()) {
                    Path dir = p.log().dir().toAbsolutePath().normalize().getParent();
                    out.add(new Replica(p.topicPartition(), dir, p.log().sizeInBytes(), p.highWatermark(), p.logEndOffset()));
                }
                return out;
            }
        };
    }

    /**
     * One hosted replica.
     *
     * @param logDir the log directory holding it (absolute, normalised)
     * @param sizeBytes the bytes of its segments
     */
    record Replica(TopicPartition topicPartition, Path logDir, long sizeBytes, long highWatermark, long logEndOffset) {
    }
}
