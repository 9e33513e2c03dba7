package io.tributary.log;

import io.tributary.common.records.BatchHeader;
import io.tributary.common.records.BatchRefusal;
import io.tributary.common.records.BatchScan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reading batches straight from a segment file: headers into a small reused buffer, CRCs by
 * streaming the body through a scratch buffer, so no batch is ever loaded whole just to be checked
 * (a corrupt length field could otherwise ask for gigabytes). The batch layout is {@link BatchHeader}'s.
 */
final class FileBatches {

    static final int HEADER_SIZE = BatchHeader.SIZE;
    private static final int SCRATCH_BYTES = 64 * 1024;

    private FileBatches() {
    }

    static ByteBuffer newHeaderBuffer() {
        return ByteBuffer.allocate(HEADER_SIZE);
    }

    static ByteBuffer newScratchBuffer() {
        return ByteBuffer.allocate(SCRATCH_BYTES);
    }

    /**
     * Reads the header of the batch at {@code position} into {@code header} (index 0 on), reading
     * nothing at or past {@code limit}. Returns false if fewer than a header's bytes lie before the limit.
     */
    static boolean readHeader(FileChannel ch, long position, long limit, ByteBuffer header) throws IOException {
        if (limit - position < HEADER_SIZE) {
            return false;
        }
        header.clear();
        while (header.hasRemaining()) {
            int n = ch.read(header, position + header.position());
            if (n < 0) {
                return false;
            }
        }
        header.flip();
        return true;
    }

    /**
     * Checks what a header alone can show, with {@link BatchScan#checkHeader} (a plausible length that
     * fits before {@code limit}, magic 2, a record count that agrees with the last offset delta), plus
     * what only a stored batch must have: a base offset of at least 0. Returns null if the header is
     * sound, else the reason.
     */
    static String checkHeader(ByteBuffer header, long position, long limit) {
        BatchRefusal bad = BatchScan.checkHeader(header, 0, position, limit - position, Long.MAX_VALUE, BatchScan.Source.FILE);
        if (bad != null) {
            return bad.reason();
        }
        if (BatchHeader.baseOffset(header, 0) < 0) {
            return "negative base offset at position " + position;
        }
        return null;
    }

    /**
     * Reads the batch at {@code position} into {@code header} and checks it whole, as recovery must
     * before trusting it: the header ({@link #checkHeader}), that it starts at or after {@code expectedOffset}
     * (offsets in a segment increase; the cleaner may leave gaps), and its CRC, streamed through {@code scratch}. Returns null
     * if it is sound, else the reason.
     */
    static String checkBatch(FileChannel ch, int position, int limit, long expectedOffset, ByteBuffer header,
                             ByteBuffer scratch) throws IOException {
        if (!readHeader(ch, position, limit, header)) {
            return BatchScan.truncatedHeader(position, BatchScan.Source.FILE).reason();
        }
        String bad = checkHeader(header, position, limit);
        if (bad != null) {
            return bad;
        }
        long base = BatchHeader.baseOffset(header, 0);
        if (base < expectedOffset) {
            return "batch at position " + position + " starts at offset " + base + ", expected " + expectedOffset + " or later";
        }
        if (crc(ch, position, BatchHeader.sizeInBytes(header, 0), scratch) != BatchHeader.storedCrc(header, 0)) {
            return BatchScan.crcMismatch(position, BatchScan.Source.FILE).reason();
        }
        return null;
    }

    /** The CRC-32C of the batch at {@code position} of {@code size} bytes, over attributes to the end. */
    static long crc(FileChannel ch, long position, int size, ByteBuffer scratch) throws IOException {
        CRC32C crc = new CRC32C();
        long at = position + BatchHeader.ATTRIBUTES;
        long end = position + size;
        while (at < end) {
            scratch.clear();
            scratch.limit((int) Math.min(scratch.capacity(), end - at));
            int n = ch.read(scratch, at);
            if (n < 0) {
                throw new IOException("file ended inside a batch at position " + at);
            }
            scratch.flip();
            crc.update(scratch);
            at += n;
        }
        return crc.getValue();
    }

    /** Reads {@code size} bytes at {@code position} into a new heap buffer. */
    static ByteBuffer readFully(FileChannel ch, long position, int size) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(size);
        while (out.hasRemaining()) {
            int n = ch.read(out, position + out.position());
            if (n < 0) {
                throw new IOException("file ended " + out.remaining() + " bytes early at position " + (position + out.position()));
            }
        }
        return out.flip();
    }
}
