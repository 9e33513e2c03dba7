package io.tributary.log;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.tributary.common.records.BatchHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyOutputStream;

/**
 * The one place that opens and closes compressed record batches, for the log cleaner. In a magic-2
 * batch only the records are compressed (attribute bits 0-2: 1 gzip, 2 snappy, 3 lz4, 4 zstd); the
 * 61-byte header stays plain. The framings are the ones Kafka's clients write and read:
 * <ul>
 *   <li>gzip: one gzip member ({@code java.util.zip});</li>
 *   <li>snappy: snappy-java's stream format ({@code SnappyOutputStream}: a 16-byte header, then chunks
 *       of a big-endian int32 length and a raw snappy block), or one raw snappy block;</li>
 *   <li>lz4: the LZ4 frame format ({@link Lz4Frame});</li>
 *   <li>zstd: zstd frames.</li>
 * </ul>
 * Recompression uses Kafka's default level of each codec (gzip's default, lz4's fast compressor,
 * zstd 3), as Kafka's cleaner does.
 *
 * <p>Memory is bounded: decompression writes into {@link BoundedBytes}, so a batch whose records
 * inflate past {@code bytesMax} is refused after at most that many bytes, and a zstd frame may ask for
 * a window of at most 8 MiB (native memory, outside the heap). Anything wrong with a payload (corrupt,
 * truncated, too large, records that do not parse) is an {@link UndecodableBatchException}, never a
 * crash: the cleaner then keeps the batch whole.
 */
final class BatchCompression {

    /** The largest decompressed batch the cleaner handles; larger ones are kept whole. */
    static final int DECOMPRESSED_BYTES_MAX = 32 * 1024 * 1024;

    /**
     * The most records of one compressed batch the cleaner opens (records averaging 64 bytes fill the
     * byte bound): the rewrite keeps a 40-odd-byte place per record, so this holds that to about
     * 20 MiB however small the records are.
     */
    static final int RECORDS_MAX = DECOMPRESSED_BYTES_MAX / 64;

    static final int NONE = 0;
    static final int GZIP = 1;
    static final int SNAPPY = 2;
    static final int LZ4 = 3;
    static final int ZSTD = 4;

    private static final int GZIP_BUFFER_BYTES = 8 * 1024;
    private static final int ZSTD_LEVEL = 3;
    /**
     * The largest zstd window the cleaner decodes, 8 MiB (2^23): what the zstd format asks every
     * decoder to support, and what a producer at any level up to 19 writes; only the "ultra" levels
     * (20-22) use more, and their batches are kept whole.
     */
    private static final int ZSTD_WINDOW_LOG_MAX = 23;
    private static final short COMPRESSION_MASK = 0x07;
    private static final byte[] SNAPPY_MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int SNAPPY_HEADER_BYTES = 16;

    /** A compressed batch the cleaner cannot open; it keeps the batch whole. */
    static final class UndecodableBatchException extends Exception {
        private final boolean tooLarge;

        UndecodableBatchException(String message) {
            this(message, false);
        }

        UndecodableBatchException(String message, boolean tooLarge) {
            super(message, null, false, false);
            this.tooLarge = tooLarge;
        }

        /** True if the batch is well formed as far as read but inflates past the bound. */
        boolean tooLarge() {
            return tooLarge;
        }
    }

    private BatchCompression() {
    }

    static String codecName(int codec) {
        return switch (codec) {
            case NONE -> "none";
            case GZIP -> "gzip";
            case SNAPPY -> "snappy";
            case LZ4 -> "lz4";
            case ZSTD -> "zstd";
            default -> "codec " + codec;
        };
    }

    /**
     * The compressed batch at {@code at} of {@code b} as an uncompressed batch in a new buffer: the same
     * header with the compression bits cleared (its CRC is stale: this copy is only read), then the
     * records, every one of which has been parsed once, so the caller may walk them with {@link CleanedBatch#read}.
     */
    static ByteBuffer decompress(ByteBuffer b, int at, int bytesMax) throws UndecodableBatchException {
        int size = BatchHeader.sizeInBytes(b, at);
        int codec = BatchHeader.compression(b, at);
        ByteBuffer payload = b.duplicate().limit(at + size).position(at + BatchHeader.SIZE).slice();
        byte[] records;
        try {
            records = decompressRecords(codec, payload, Math.max(0, bytesMax - BatchHeader.SIZE));
        } catch (IOException | RuntimeException e) {
            throw new UndecodableBatchException(codecName(codec) + ": " + e);
        }
        ByteBuffer plain = ByteBuffer.allocate(BatchHeader.SIZE + records.length);
        plain.put(b.duplicate().limit(at + BatchHeader.SIZE).position(at));
        plain.put(records);
        plain.flip();
        plain.putInt(BatchHeader.BATCH_LENGTH, plain.limit() - BatchHeader.LOG_OVERHEAD);
        plain.putShort(BatchHeader.ATTRIBUTES, (short) (BatchHeader.attributes(b, at) & ~COMPRESSION_MASK));
        checkRecords(plain, codec);
        return plain;
    }

    /**
     * The uncompressed batch {@code plain} (position 0, as {@link CleanedBatch#write} writes it) with its
     * records compressed by {@code codec}, in a new buffer: compression bits set, length and CRC anew.
     */
    static ByteBuffer compress(ByteBuffer plain, int codec) {
        int size = BatchHeader.sizeInBytes(plain, 0);
        byte[] raw = new byte[size - BatchHeader.SIZE];
        plain.get(BatchHeader.SIZE, raw);
        byte[] compressed = compressRecords(codec, raw);
        ByteBuffer out = ByteBuffer.allocate(BatchHeader.SIZE + compressed.length);
        out.put(plain.duplicate().limit(BatchHeader.SIZE).position(0));
        out.put(compressed);
        out.flip();
        out.putInt(BatchHeader.BATCH_LENGTH, out.limit() - BatchHeader.LOG_OVERHEAD);
        out.putShort(BatchHeader.ATTRIBUTES, (short) ((BatchHeader.attributes(plain, 0) & ~COMPRESSION_MASK) | codec));
        out.putInt(BatchHeader.CRC, (int) BatchHeader.computeCrc(out, 0));
        return out;
    }

    static byte[] decompressRecords(int codec, ByteBuffer payload, int bytesMax) throws IOException, UndecodableBatchException {
        byte[] src = new byte[payload.remaining()];
        payload.duplicate().get(src);
        BoundedBytes out = new BoundedBytes(bytesMax);
        switch (codec) {
            case GZIP -> {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(src), GZIP_BUFFER_BYTES)) {
                    out.readFully(in);
                }
            }
            case SNAPPY -> snappy(src, out);
            case LZ4 -> {
                return Lz4Frame.decompress(ByteBuffer.wrap(src), bytesMax);
            }
            case ZSTD -> {
                try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(src))) {
                    in.setLongMax(ZSTD_WINDOW_LOG_MAX);
                    out.readFully(in);
                } catch (ZstdIOException e) {
                    if (e.getMessage() != null && e.getMessage().contains("too much memory")) {
                        throw new UndecodableBatchException("zstd: the frame's window is over " + (1 << ZSTD_WINDOW_LOG_MAX) + " bytes", true);
                    }
                    throw e;
                }
            }
            default -> throw new UndecodableBatchException("unknown compression codec " + codec);
        }
        return out.toByteArray();
    }

    static byte[] compressRecords(int codec, byte[] raw) {
        try {
            switch (codec) {
                case GZIP -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2 + 32);
                    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, GZIP_BUFFER_BYTES)) {
                        gz.write(raw);
                    }
                    return bytes.toByteArray();
                }
                case SNAPPY -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length / 2 + 32);
                    try (SnappyOutputStream s = new SnappyOutputStream(bytes)) {
                        s.write(raw);
                    }
                    return bytes.toByteArray();
                }
                case LZ4 -> {
                    return Lz4Frame.compress(raw, 0, raw.length);
                }
                case ZSTD -> {
                    byte[] dst = new byte[(int) Zstd.compressBound(raw.length)];
                    long n = Zstd.compressByteArray(dst, 0, dst.length, raw, 0, raw.length, ZSTD_LEVEL);
                    if (Zstd.isError(n)) {
                        throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
                    }
                    return Arrays.copyOf(dst, (int) n);
                }
                default -> throw new IllegalArgumentException("unknown compression codec " + codec);
            }
        } catch (IOException e) {
            throw new IllegalStateException("compressing into memory cannot fail", e);
        }
    }

    /** snappy-java's stream format, or one raw block; each block's length is checked before it is inflated. */
    private static void snappy(byte[] src, BoundedBytes out) throws IOException, UndecodableBatchException {
        boolean stream = src.length >= SNAPPY_HEADER_BYTES && Arrays.equals(src, 0, SNAPPY_MAGIC.length, SNAPPY_MAGIC, 0, SNAPPY_MAGIC.length);
        if (!stream) {
            snappyBlock(src, 0, src.length, out);
            return;
        }
        int at = SNAPPY_HEADER_BYTES;
        while (at < src.length) {
            if (src.length - at < 4) {
                throw new UndecodableBatchException("snappy: chunk length cut short");
            }
            int length = ((src[at] & 0xFF) << 24) | ((src[at + 1] & 0xFF) << 16) | ((src[at + 2] & 0xFF) << 8) | (src[at + 3] & 0xFF);
            at += 4;
            if (length < 0 || length > src.length - at) {
                throw new UndecodableBatchException("snappy: chunk of " + length + " bytes overruns the payload");
            }
            snappyBlock(src, at, length, out);
            at += length;
        }
    }

    private static void snappyBlock(byte[] src, int offset, int length, BoundedBytes out) throws IOException, UndecodableBatchException {
        if (!Snappy.isValidCompressedBuffer(src, offset, length)) {
            throw new UndecodableBatchException("snappy: corrupt block");
        }
        int n = Snappy.uncompressedLength(src, offset, length);
        if (n < 0) {
            throw new UndecodableBatchException("snappy: corrupt block length");
        }
        out.reserve(n);
        byte[] block = new byte[n];
        Snappy.uncompress(src, offset, length, block, 0);
        out.write(block, 0, n);
    }

    /** Every record of the plain batch parses, and they end where the batch ends. */
    private static void checkRecords(ByteBuffer plain, int codec) throws UndecodableBatchException {
        int count = BatchHeader.recordCount(plain, 0);
        if (count < 0 || count > plain.limit()) {
            throw new UndecodableBatchException(codecName(codec) + ": record count " + count + " cannot fit the records");
        }
        // The rewrite holds a small object per record: bound their number too, not only the bytes.
        if (count > RECORDS_MAX) {
            throw new UndecodableBatchException(codecName(codec) + ": " + count + " records, more than the cleaner opens at once ("
                    + RECORDS_MAX + ")", true);
        }
        CleanedBatch.Record r = new CleanedBatch.Record();
        int pos = BatchHeader.SIZE;
        try {
            for (int i = 0; i < count; i++) {
                pos = CleanedBatch.read(plain, 0, pos, r);
            }
        } catch (IllegalArgumentException e) {
            throw new UndecodableBatchException(codecName(codec) + ": " + e.getMessage());
        }
        if (pos != plain.limit()) {
            throw new UndecodableBatchException(codecName(codec) + ": " + (plain.limit() - pos) + " stray bytes after the last record");
        }
    }
}
