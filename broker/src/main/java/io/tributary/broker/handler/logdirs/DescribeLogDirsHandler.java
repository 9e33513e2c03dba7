package io.tributary.broker.handler.logdirs;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsRequest;
import io.tributary.wire.api.describelogdirs.DescribeLogDirsResponse;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * DescribeLogDirs ({@code kafka-log-dirs --describe}, {@code Admin.describeLogDirs}): each of this
 * broker's log directories with the replicas it holds, their size, and their offset lag, which is, as
 * in Kafka, how far the replica's log end is behind the partition's high watermark as this broker
 * knows it (so 0 on a leader and on a follower). Every directory is listed, even one that holds none
 * of the asked partitions. A directory whose volume cannot be read is reported with
 * {@code KAFKA_STORAGE_ERROR}. Tributary never has future replicas (AlterReplicaLogDirs does not move
 * replicas), so {@code isFutureKey} is always false.
 *
 * <p>The volume sizes come from the file system, which may block, so the work runs on {@code io}.
 */
public final class DescribeLogDirsHandler implements ApiHandler<DescribeLogDirsRequest, DescribeLogDirsResponse> {

    private final HostedReplicas hosted;
    private final Executor io;

    public DescribeLogDirsHandler(HostedReplicas hosted, Executor io) {
        this.hosted = hosted;
        this.io = io;
    }

    @Override
    public CompletableFuture<DescribeLogDirsResponse> handle(RequestContext ctx, DescribeLogDirsRequest request) {
        return CompletableFuture.supplyAsync(() -> describe(request), io);
    }

    DescribeLogDirsResponse describe(DescribeLogDirsRequest request) {
        Set<TopicPartition> wanted = null;
        if (!request.allTopics()) {
            wanted = new HashSet<>();
            for (DescribeLogDirsRequest.Topic t : request.topics()) {
                for (int p : t.partitions()) {
                    wanted.add(new TopicPartition(t.name(), p));
                }
            }
        }
        Map<Path, Map<String, List<DescribeLogDirsResponse.Partition>>> byDir = new LinkedHashMap<>();
        for (Path dir : hosted.logDirs()) {
            byDir.put(dir, new TreeMap<>());
        }
        for (HostedReplicas.Replica r : hosted.replicas()) {
            Map<String, List<DescribeLogDirsResponse.Partition>> topics = byDir.get(r.logDir());
            if (topics == null || (wanted != null && !wanted.contains(r.topicPartition()))) {
                continue;
            }
            long lag = Math.max(0, r.highWatermark() - r.logEndOffset());
            topics.computeIfAbsent(r.topicPartition().topic(), t -> new ArrayList<>())
                    .add(new DescribeLogDirsResponse.Partition(r.topicPartition().partition(), r.sizeBytes(), lag, false));
        }
        List<DescribeLogDirsResponse.LogDir> dirs = new ArrayList<>();
        for (Map.Entry<Path, Map<String, List<DescribeLogDirsResponse.Partition>>> e : byDir.entrySet()) {
            List<DescribeLogDirsResponse.Topic> topics = new ArrayList<>();
            e.getValue().forEach((name, partitions) -> {
                partitions.sort((a, b) -> Integer.compare(a.index(), b.index()));
                topics.add(new DescribeLogDirsResponse.Topic(name, partitions));
            });
            dirs.add(volume(e.getKey(), topics));
        }
        return new DescribeLogDirsResponse(0, ErrorCode.NONE, dirs);
    }

    private static DescribeLogDirsResponse.LogDir volume(Path dir, List<DescribeLogDirsResponse.Topic> topics) {
        try {
            FileStore store = Files.getFileStore(dir);
            return new DescribeLogDirsResponse.LogDir(ErrorCode.NONE, dir.toString(), topics, store.getTotalSpace(), store.getUsableSpace());
        } catch (IOException | SecurityException e) {
            return new DescribeLogDirsResponse.LogDir(ErrorCode.KAFKA_STORAGE_ERROR, dir.toString(), List.of(), -1L, -1L);
        }
    }
}
