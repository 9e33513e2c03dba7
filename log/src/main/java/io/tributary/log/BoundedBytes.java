package io.tributary.log;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A growing byte array that refuses to pass {@code bytesMax}: what a decompressor writes into, so a
 * small compressed batch that inflates to gigabytes costs at most {@code bytesMax} of heap before it
 * is refused. It starts small and doubles, so an ordinary batch never holds the whole bound.
 */
final class BoundedBytes {

    private final int bytesMax;
    private byte[] bytes;
    private int size;

    BoundedBytes(int bytesMax) {
        this.bytesMax = bytesMax;
        this.bytes = new byte[Math.min(bytesMax, 4096)];
    }

    static BatchCompression.UndecodableBatchException tooLarge(int bytesMax) {
        return new BatchCompression.UndecodableBatchException("decompresses to more than " + bytesMax + " bytes", true);
    }

    void write(byte[] src, int offset, int length) throws BatchCompression.UndecodableBatchException {
        reserve(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    /** Reads {@code in} to its end; refuses once it yields more than {@code bytesMax} bytes. */
    void readFully(InputStream in) throws IOException, BatchCompression.UndecodableBatchException {
        while (true) {
            if (size == bytes.length) {
                // One byte more than the bound tells "exactly the bound" from "past it".
                if (size == bytesMax) {
                    if (in.read() < 0) {
                        return;
                    }
                    throw tooLarge(bytesMax);
                }
                reserve(1);
            }
            int n = in.read(bytes, size, bytes.length - size);
            if (n < 0) {
                return;
            }
            size += n;
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    int size() {
        return size;
    }

    /** Makes room for {@code more} bytes, or refuses if they would pass the bound. */
    void reserve(int more) throws BatchCompression.UndecodableBatchException {
        long needed = (long) size + more;
        if (needed > bytesMax) {
            throw tooLarge(bytesMax);
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(bytesMax, Math.max(needed, 2L * bytes.length)));
        }
    }
}
