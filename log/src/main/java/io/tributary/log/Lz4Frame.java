package io.tributary.log;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format (lz4's {@code lz4_Frame_format.md}, v1.5.1) as Kafka's clients use it for
 * {@code compression.type=lz4} on magic-2 batches. Layout, integers little-endian:
 * <pre>
 *   magic     int32  0x184D2204
 *   FLG       int8   bits 7-6 version (01), 5 block independence, 4 block checksum, 3 content size,
 *                    2 content checksum, 1 reserved, 0 dictionary id
 *   BD        int8   bits 6-4 the largest block: 4 = 64 KiB, 5 = 256 KiB, 6 = 1 MiB, 7 = 4 MiB
 *   [content size int64 if FLG bit 3]
 *   HC        int8   (xxHash32 of FLG .. the content size, seed 0) >> 8, low byte
 *   blocks    int32 size (high bit set: the block is stored uncompressed), data, [xxHash32 of the data if FLG bit 4]
 *   end mark  int32  0
 *   [content checksum int32: xxHash32 of all the content, if FLG bit 2]
 * </pre>
 * Writing does what Kafka's producer writes: FLG 0x60 (version 1, independent blocks, no checksums),
 * BD 64 KiB, blocks compressed with LZ4's fast compressor (Kafka's choice at the default level), a
 * block that does not shrink stored as is. Reading takes what Kafka's reader takes: one frame,
 * independent blocks, either checksum, a content size; a dictionary id, dependent blocks or reserved
 * bits set are refused, as Kafka refuses them. Every length is checked before use, and the content
 * may not pass {@code bytesMax}.
 */
final class Lz4Frame {

    static final int MAGIC = 0x184D2204;
    private static final int FLG_VERSION = 0x40;
    private static final int FLG_INDEPENDENT = 0x20;
    private static final int FLG_BLOCK_CHECKSUM = 0x10;
    private static final int FLG_CONTENT_SIZE = 0x08;
    private static final int FLG_CONTENT_CHECKSUM = 0x04;
    private static final int FLG_RESERVED = 0x03;
    private static final int BD_64KB = 4 << 4;
    private static final int BLOCK_BYTES = 64 * 1024;
    private static final int UNCOMPRESSED_BIT = 0x80000000;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 XXHASH = XXHashFactory.fastestInstance().hash32();

    private Lz4Frame() {
    }

    /** One frame holding {@code length} bytes of {@code src} from {@code offset}. */
    static byte[] compress(byte[] src, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 2 + 64);
        byte[] header = {0x04, 0x22, 0x4D, 0x18, (byte) (FLG_VERSION | FLG_INDEPENDENT), (byte) BD_64KB, 0};
        header[6] = (byte) ((XXHASH.hash(header, 4, 2, 0) >> 8) & 0xFF);
        out.write(header, 0, header.length);
        byte[] block = new byte[COMPRESSOR.maxCompressedLength(BLOCK_BYTES)];
        for (int at = offset; at < offset + length; at += BLOCK_BYTES) {
            int n = Math.min(BLOCK_BYTES, offset + length - at);
            int compressed = COMPRESSOR.compress(src, at, n, block, 0, block.length);
            if (compressed >= n) {
                writeIntLe(out, n | UNCOMPRESSED_BIT);
                out.write(src, at, n);
            } else {
                writeIntLe(out, compressed);
                out.write(block, 0, compressed);
            }
        }
        writeIntLe(out, 0);
        return out.toByteArray();
    }

    /** The content of the one frame in {@code in} (position to limit), at most {@code bytesMax} bytes. */
    static byte[] decompress(ByteBuffer in, int bytesMax) throws BatchCompression.UndecodableBatchException {
        ByteBuffer b = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        need(b, 7);
        if (b.getInt() != MAGIC) {
            throw new BatchCompression.UndecodableBatchException("lz4: not an LZ4 frame (bad magic)");
        }
        int descriptorStart = b.position();
        int flg = b.get() & 0xFF;
        int bd = b.get() & 0xFF;
        if ((flg & 0xC0) != FLG_VERSION || (flg & FLG_RESERVED) != 0 || (bd & 0x8F) != 0) {
            throw new BatchCompression.UndecodableBatchException("lz4: unsupported frame descriptor FLG " + flg + " BD " + bd);
        }
        if ((flg & FLG_INDEPENDENT) == 0) {
            throw new BatchCompression.UndecodableBatchException("lz4: dependent blocks are not supported (neither does Kafka)");
        }
        int blockMax = 1 << (8 + 2 * ((bd >> 4) & 0x7));
        if (blockMax < BLOCK_BYTES) {
            throw new BatchCompression.UndecodableBatchException("lz4: reserved block size in BD " + bd);
        }
        if ((flg & FLG_CONTENT_SIZE) != 0) {
            need(b, 9);
            b.position(b.position() + 8);
        }
        need(b, 1);
        int hash = XXHASH.hash(b, descriptorStart, b.position() - descriptorStart, 0);
        if (b.get() != (byte) ((hash >> 8) & 0xFF)) {
            throw new BatchCompression.UndecodableBatchException("lz4: frame descriptor checksum mismatch");
        }
        BoundedBytes out = new BoundedBytes(bytesMax);
        byte[] block = new byte[blockMax];
        int contentHash = 0;
        while (true) {
            need(b, 4);
            int word = b.getInt();
            int size = word & ~UNCOMPRESSED_BIT;
            if (size == 0) {
                break;
            }
            if (size > blockMax) {
                throw new BatchCompression.UndecodableBatchException("lz4: block of " + size + " bytes exceeds the frame's " + blockMax);
            }
            need(b, size);
            int n;
            if ((word & UNCOMPRESSED_BIT) != 0) {
                n = size;
                b.get(b.position(), block, 0, n);
            } else {
                try {
                    n = DECOMPRESSOR.decompress(b, b.position(), size, ByteBuffer.wrap(block), 0, block.length);
                } catch (LZ4Exception e) {
                    throw new BatchCompression.UndecodableBatchException("lz4: corrupt block: " + e.getMessage());
                }
            }
            if ((flg & FLG_BLOCK_CHECKSUM) != 0) {
                need(b, size + 4);
                if (XXHASH.hash(b, b.position(), size, 0) != b.getInt(b.position() + size)) {
                    throw new BatchCompression.UndecodableBatchException("lz4: block checksum mismatch");
                }
                b.position(b.position() + 4);
            }
            b.position(b.position() + size);
            out.write(block, 0, n);
            if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
                contentHash ^= XXHASH.hash(block, 0, n, 0);
            }
        }
        if ((flg & FLG_CONTENT_CHECKSUM) != 0) {
            need(b, 4);
            // The format hashes the whole content; Kafka's reader XORs the blocks' hashes. Either is a match.
            int stored = b.getInt();
            byte[] content = out.toByteArray();
            if (stored != contentHash && stored != XXHASH.hash(content, 0, content.length, 0)) {
                throw new BatchCompression.UndecodableBatchException("lz4: content checksum mismatch");
            }
            return content;
        }
        return out.toByteArray();
    }

    private static void need(ByteBuffer b, int bytes) throws BatchCompression.UndecodableBatchException {
        if (b.remaining() < bytes) {
            throw new BatchCompression.UndecodableBatchException("lz4: frame ends early");
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
