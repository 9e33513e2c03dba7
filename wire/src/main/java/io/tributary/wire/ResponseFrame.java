package io.tributary.wire;

import io.tributary.common.records.RecordsSlice;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A whole response ready for the socket, as an ordered list of chunks: buffers the codec wrote,
 * interleaved with record slices that the network layer sends straight from segment files
 * ({@code sendfile}). The first chunk starts with the int32 size prefix of the frame.
 *
 * @param chunks        each a {@link RecordsSlice.Buffer} or a {@link RecordsSlice.FileRange}
 * @param sizeInBytes   the total of all chunks, size prefix included
 */
public record ResponseFrame(List<RecordsSlice> chunks, long sizeInBytes) {

    public static ResponseFrame of(ByteBuffer whole) {
        return new ResponseFrame(List.of(new RecordsSlice.Buffer(whole)), whole.remaining());
    }
}
