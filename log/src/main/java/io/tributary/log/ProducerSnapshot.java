package io.tributary.log;

import java.nio.ByteBuffer;

/**
 * Producer state as of {@code offset} (batches below it applied), in bytes only the replication
 * module understands.
 */
public record ProducerSnapshot(long offset, ByteBuffer bytes) {
}
