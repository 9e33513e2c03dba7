package io.tributary.log;

import java.nio.ByteBuffer;

/** Receives batch headers from {@link PartitionLog#scanBatches}, in offset order. */
@FunctionalInterface
public interface BatchVisitor {

    /**
     * @param header the batch's first {@code BatchHeader.SIZE} bytes at index 0, readable with the
     *               {@code BatchHeader} accessors at {@code at = 0}; the buffer is reused, so copy what you keep
     * @return true to continue, false to stop the scan
     */
    boolean visit(ByteBuffer header);
}
