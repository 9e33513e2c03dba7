package io.tributary.wire.api.alterreplicalogdirs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.AlterReplicaLogDirsRequestData;
import org.apache.kafka.common.message.AlterReplicaLogDirsResponseData;

/**
 * AlterReplicaLogDirs (key 34), versions 1-2 (Kafka 4.x dropped v0); v2 is flexible.
 * {@code kafka-reassign-partitions} sends it when a reassignment names log directories, and
 * {@code Admin.alterReplicaLogDirs} directly.
 */
public final class AlterReplicaLogDirsCodec extends AbstractCodec<AlterReplicaLogDirsRequest, AlterReplicaLogDirsResponse> {

    public static final short API_KEY = 34;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final AlterReplicaLogDirsCodec INSTANCE = new AlterReplicaLogDirsCodec();

    private AlterReplicaLogDirsCodec() {
        super(API_KEY, "AlterReplicaLogDirs", AlterReplicaLogDirsRequestData.LOWEST_SUPPORTED_VERSION,
                AlterReplicaLogDirsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public AlterReplicaLogDirsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new AlterReplicaLogDirsRequestData(), body, header.apiVersion(), d -> new AlterReplicaLogDirsRequest(
                Convert.mapAll(d.dirs(), dir -> new AlterReplicaLogDirsRequest.Dir(dir.path(), Convert.mapAll(dir.topics(),
                        t -> new AlterReplicaLogDirsRequest.Topic(t.name(), Convert.ints(t.partitions())))))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, AlterReplicaLogDirsResponse r) {
        AlterReplicaLogDirsResponseData d = new AlterReplicaLogDirsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        for (AlterReplicaLogDirsResponse.Topic t : r.results()) {
            d.results().add(new AlterReplicaLogDirsResponseData.AlterReplicaLogDirTopicResult()
                    .setTopicName(t.name())
                    .setPartitions(Convert.map(t.partitions(), p -> new AlterReplicaLogDirsResponseData.AlterReplicaLogDirPartitionResult()
                            .setPartitionIndex(p.index())
                            .setErrorCode(Convert.code(p.error())))));
        }
        return ResponseEncoder.encode(header, d);
    }

    /** Every replica the request named fails with {@code error}. */
    @Override
    public AlterReplicaLogDirsResponse errorResponse(RequestHeader header, AlterReplicaLogDirsRequest request, ErrorCode error) {
        List<AlterReplicaLogDirsResponse.Topic> out = new ArrayList<>();
        for (AlterReplicaLogDirsRequest.Dir dir : request.dirs()) {
            for (AlterReplicaLogDirsRequest.Topic t : dir.topics()) {
                out.add(new AlterReplicaLogDirsResponse.Topic(t.name(),
                        Convert.map(t.partitions(), p -> new AlterReplicaLogDirsResponse.Partition(p, error))));
            }
        }
        return new AlterReplicaLogDirsResponse(0, out);
    }
}
