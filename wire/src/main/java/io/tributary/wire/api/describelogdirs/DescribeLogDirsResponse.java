package io.tributary.wire.api.describelogdirs;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * A DescribeLogDirs response: each of the broker's log directories, with the replicas it holds.
 *
 * @param error the request's own error (v3+; older versions carry only per-directory errors)
 */
public record DescribeLogDirsResponse(int throttleTimeMs, ErrorCode error, List<LogDir> logDirs) {

    public DescribeLogDirsResponse {
        logDirs = List.copyOf(logDirs);
    }

    /**
     * One log directory.
     *
     * @param path the absolute directory path
     * @param totalBytes the size of the volume holding it (v4+), or -1 when unknown
     * @param usableBytes the bytes still usable on that volume (v4+), or -1 when unknown
     */
    public record LogDir(ErrorCode error, String path, List<Topic> topics, long totalBytes, long usableBytes) {

        public LogDir {
            topics = List.copyOf(topics);
        }
    }

    public record Topic(String name, List<Partition> partitions) {

        public Topic {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * One replica in a directory.
     *
     * @param sizeBytes the bytes of its segments
     * @param offsetLag how far its log end is behind the partition's high watermark (never negative)
     * @param future whether it is a replica being moved into this directory
     */
    public record Partition(int index, long sizeBytes, long offsetLag, boolean future) {
    }
}
