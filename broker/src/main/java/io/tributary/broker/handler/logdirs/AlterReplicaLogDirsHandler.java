package io.tributary.broker.handler.logdirs;

import io.tributary.broker.handler.ApiHandler;
import io.tributary.broker.handler.RequestContext;
import io.tributary.common.ErrorCode;
import io.tributary.common.TopicPartition;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsRequest;
import io.tributary.wire.api.alterreplicalogdirs.AlterReplicaLogDirsResponse;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlterReplicaLogDirs ({@code kafka-reassign-partitions} with log dirs, {@code Admin.alterReplicaLogDirs}).
 * Tributary does not move a replica between log directories. Each replica is answered as Kafka
 * answers it where Kafka has an answer:
 * <ul>
 *   <li>a destination that is not an absolute path among {@code log.dirs}: {@code LOG_DIR_NOT_FOUND}</li>
 *   <li>a partition this broker does not host: {@code REPLICA_NOT_AVAILABLE}</li>
 *   <li>a replica already in the destination directory: success, nothing to do</li>
 *   <li>a replica in another of this broker's directories (only with several {@code log.dirs}):
 *       refused with {@code INVALID_REQUEST}, because the move itself is not implemented; the
 *       response has no message field, so the broker logs one line that says so</li>
 * </ul>
 */
public final class AlterReplicaLogDirsHandler implements ApiHandler<AlterReplicaLogDirsRequest, AlterReplicaLogDirsResponse> {

    private static final Logger log = LoggerFactory.getLogger(AlterReplicaLogDirsHandler.class);

    private final HostedReplicas hosted;

    public AlterReplicaLogDirsHandler(HostedReplicas hosted) {
        this.hosted = hosted;
    }

    @Override
    public CompletableFuture<AlterReplicaLogDirsResponse> handle(RequestContext ctx, AlterReplicaLogDirsRequest request) {
        return CompletableFuture.completedFuture(alter(request));
    }

    AlterReplicaLogDirsResponse alter(AlterReplicaLogDirsRequest request) {
        Map<TopicPartition, Path> current = new HashMap<>();
        for (HostedReplicas.Replica r : hosted.replicas()) {
            current.put(r.topicPartition(), r.logDir());
        }
        Map<String, List<AlterReplicaLogDirsResponse.Partition>> results = new LinkedHashMap<>();
        List<TopicPartition> refusedMoves = new ArrayList<>();
        for (AlterReplicaLogDirsRequest.Dir dir : request.dirs()) {
            Path destination = configuredDir(dir.path());
            for (AlterReplicaLogDirsRequest.Topic t : dir.topics()) {
                for (int p : t.partitions()) {
                    TopicPartition tp = new TopicPartition(t.name(), p);
                    ErrorCode error;
                    if (destination == null) {
                        error = ErrorCode.LOG_DIR_NOT_FOUND;
                    } else if (!current.containsKey(tp)) {
                        error = ErrorCode.REPLICA_NOT_AVAILABLE;
                    } else if (current.get(tp).equals(destination)) {
                        error = ErrorCode.NONE;
                    } else {
                        error = ErrorCode.INVALID_REQUEST;
                        refusedMoves.add(tp);
                    }
                    results.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(new AlterReplicaLogDirsResponse.Partition(p, error));
                }
            }
        }
        if (!refusedMoves.isEmpty()) {
            log.warn("AlterReplicaLogDirs refused for {}: Tributary does not move replicas between log directories", refusedMoves);
        }
        List<AlterReplicaLogDirsResponse.Topic> out = new ArrayList<>();
        results.forEach((name, partitions) -> out.add(new AlterReplicaLogDirsResponse.Topic(name, partitions)));
        return new AlterReplicaLogDirsResponse(0, out);
    }

    /** The configured log directory {@code path} names, or {@code null} if it is not one (Kafka wants an absolute path). */
    private Path configuredDir(String path) {
        try {
            Path p = Path.of(path);
            if (!p.isAbsolute()) {
                return null;
            }
            Path normalised = p.normalize();
            return hosted.logDirs().contains(normalised) ? normalised : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
