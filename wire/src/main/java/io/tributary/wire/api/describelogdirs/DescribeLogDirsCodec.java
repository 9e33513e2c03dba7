package io.tributary.wire.api.describelogdirs;

import io.tributary.common.ErrorCode;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import io.tributary.wire.internal.AbstractCodec;
import io.tributary.wire.internal.Convert;
import io.tributary.wire.internal.Messages;
import io.tributary.wire.internal.ResponseEncoder;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;

/**
 * DescribeLogDirs (key 35), versions 1-5 (Kafka 4.x dropped v0). {@code kafka-log-dirs --describe}
 * and {@code Admin.describeLogDirs} send it to every broker. Versions that matter: v2 (flexible), v3
 * (a top-level error), v4 (the volume's total and usable bytes), v5 (a cordoned flag, always false
 * here: Tributary has no cordoning).
 *
 * <p>Normalisation: a null topic list (every partition) stays null.
 */
public final class DescribeLogDirsCodec extends AbstractCodec<DescribeLogDirsRequest, DescribeLogDirsResponse> {

    public static final short API_KEY = 35;

    /** Codecs hold no state, so one instance serves every connection. */
    public static final DescribeLogDirsCodec INSTANCE = new DescribeLogDirsCodec();

    private DescribeLogDirsCodec() {
        super(API_KEY, "DescribeLogDirs", DescribeLogDirsRequestData.LOWEST_SUPPORTED_VERSION,
                DescribeLogDirsRequestData.HIGHEST_SUPPORTED_VERSION);
    }

    @Override
    public DescribeLogDirsRequest decode(RequestHeader header, ByteBuffer body) {
        return Messages.read(new DescribeLogDirsRequestData(), body, header.apiVersion(), d -> new DescribeLogDirsRequest(
                d.topics() == null ? null : Convert.mapAll(d.topics(),
                        t -> new DescribeLogDirsRequest.Topic(t.topic(), Convert.ints(t.partitions())))));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, DescribeLogDirsResponse r) {
        DescribeLogDirsResponseData d = new DescribeLogDirsResponseData().setThrottleTimeMs(r.throttleTimeMs());
        // Before v3 there is no top-level error, and the generated writer refuses a non-zero one there.
        if (header.apiVersion() >= 3) {
            d.setErrorCode(Convert.code(r.error()));
        }
        for (DescribeLogDirsResponse.LogDir dir : r.logDirs()) {
            DescribeLogDirsResponseData.DescribeLogDirsResult out = new DescribeLogDirsResponseData.DescribeLogDirsResult()
                    .setErrorCode(Convert.code(dir.error()))
                    .setLogDir(dir.path())
                    .setTotalBytes(dir.totalBytes())
                    .setUsableBytes(dir.usableBytes());
            for (DescribeLogDirsResponse.Topic t : dir.topics()) {
                out.topics().add(new DescribeLogDirsResponseData.DescribeLogDirsTopic()
                        .setName(t.name())
                        .setPartitions(Convert.map(t.partitions(), p -> new DescribeLogDirsResponseData.DescribeLogDirsPartition()
                                .setPartitionIndex(p.index())
                                .setPartitionSize(p.sizeBytes())
                                .setOffsetLag(p.offsetLag())
                                .setIsFutureKey(p.future()))));
            }
            d.results().add(out);
        }
        return ResponseEncoder.encode(header, d);
    }

    /**
     * The request fails as a whole. Before v3 the response has no top-level error, so the error
     * travels in one directory entry with an empty path: Kafka answers an empty list there, which a
     * client cannot tell from a broker with no directories.
     */
    @Override
    public DescribeLogDirsResponse errorResponse(RequestHeader header, DescribeLogDirsRequest request, ErrorCode error) {
        if (header.apiVersion() >= 3) {
            return new DescribeLogDirsResponse(0, error, List.of());
        }
        return new DescribeLogDirsResponse(0, error, List.of(new DescribeLogDirsResponse.LogDir(error, "", List.of(), -1L, -1L)));
    }
}
