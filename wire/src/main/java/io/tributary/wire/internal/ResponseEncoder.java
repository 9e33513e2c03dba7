package io.tributary.wire.internal;

import io.tributary.common.records.RecordsSlice;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.MessageSizeAccumulator;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Writes a response frame: size prefix, response header, body, with record data as separate chunks.
 *
 * <p>Byte layout of the frame:
 * <pre>
 *   int32    size of everything after this field
 *   int32    correlationId                      (response header v0 and v1)
 *   uvarint  0 = no tagged fields               (response header v1 only)
 *   ...      body at the request's version; each records field is its own chunk
 * </pre>
 * The header version is {@code ApiKeys.responseHeaderVersion(version)}: v1 for flexible versions,
 * except ApiVersions, which always answers with v0 so that a client that does not yet know our
 * versions can read the reply.
 */
public final class ResponseEncoder {

    private static final int SIZE_PREFIX_BYTES = 4;

    private ResponseEncoder() {
    }

    /** Encodes {@code body} as the answer to {@code header}, at the request's version. */
    public static ResponseFrame encode(RequestHeader header, ApiMessage body) {
        short version = header.apiVersion();
        short headerVersion = ApiKeys.forId(header.apiKey()).responseHeaderVersion(version);
        return encode(header.correlationId(), headerVersion, version, body);
    }

    /** Encodes {@code body} at an explicit body and header version (the KIP-511 reply uses v0 for both). */
    public static ResponseFrame encode(int correlationId, short headerVersion, short bodyVersion, ApiMessage body) {
        ObjectSerializationCache cache = new ObjectSerializationCache();
        MessageSizeAccumulator size = new MessageSizeAccumulator();
        body.addSize(size, cache, bodyVersion);
        int headerBytes = headerVersion >= 1 ? 5 : 4;
        long afterPrefix = (long) headerBytes + size.totalSize();
        if (afterPrefix > Integer.MAX_VALUE) {
            throw new IllegalStateException("response of " + afterPrefix + " bytes does not fit a frame");
        }
        ByteBuffer heap = ByteBuffer.allocate(SIZE_PREFIX_BYTES + headerBytes + size.sizeExcludingZeroCopy());
        ChunkingWritable out = new ChunkingWritable(heap);
        out.writeInt((int) afterPrefix);
        out.writeInt(correlationId);
        if (headerVersion >= 1) {
            out.writeUnsignedVarint(0);
        }
        body.write(out, cache, bodyVersion);
        List<RecordsSlice> chunks = out.finish();
        long total = 0;
        for (RecordsSlice c : chunks) {
            total += c.sizeInBytes();
        }
        if (total != SIZE_PREFIX_BYTES + afterPrefix) {
            throw new IllegalStateException("response chunks hold " + total + " bytes, size prefix says " + (SIZE_PREFIX_BYTES + afterPrefix));
        }
        return new ResponseFrame(chunks, total);
    }
}
