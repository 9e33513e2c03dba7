package io.tributary.broker.controller;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The append-only file of the single-node metadata log: one entry per committed batch.
 *
 * <p>Byte layout of one entry (big-endian):
 * <pre>
 *   length  int32   bytes after this field: 8 + 8 + 4 + payload
 *   offset  int64   the batch's offset in the metadata log
 *   epoch   int64   the controller epoch (term) that wrote it
 *   crc     int32   CRC-32C of offset, epoch and payload
 *   payload bytes   the batch as {@code MetadataBatchCodec} writes it
 * </pre>
 * An entry is acknowledged only after {@code fsync}. A crash mid-write leaves a torn entry at the
 * end: a short header, a length past the end of the file, or a CRC mismatch. {@link #readAll} stops
 * at the first such entry and cuts the file there, since nothing after it was ever acknowledged.
 *
 * <p>Not thread-safe: the controller thread owns it.
 */
final class MetadataLogFile implements AutoCloseable {

    static final int HEADER_BYTES = 4 + 8 + 8 + 4;
    /** A batch larger than this is refused on write and treated as corruption on read. */
    static final int PAYLOAD_BYTES_MAX = 64 * 1024 * 1024;

    /** One entry read back. */
    record Entry(long offset, long epoch, ByteBuffer payload) {
    }

    /** What {@link #readAll} found: the intact entries and how many bytes of torn tail it cut. */
    record ReadResult(List<Entry> entries, long tornBytesCut) {
    }

    private final Path path;
    private final FileChannel channel;

    MetadataLogFile(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    Path path() {
        return path;
    }

    /** Reads every intact entry from the start, cuts a torn tail, and leaves the file positioned at its end. */
    ReadResult readAll() throws IOException {
        List<Entry> entries = new ArrayList<>();
        long size = channel.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        long lastOffset = Long.MIN_VALUE;
        while (pos < size) {
            if (size - pos < HEADER_BYTES) {
                break;
            }
            header.clear();
            readFully(header, pos);
            header.flip();
            int length = header.getInt();
            long offset = header.getLong();
            long epoch = header.getLong();
            int crc = header.getInt();
            int payloadBytes = length - 20;
            if (payloadBytes < 0 || payloadBytes > PAYLOAD_BYTES_MAX || pos + HEADER_BYTES + payloadBytes > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(payloadBytes);
            readFully(payload, pos + HEADER_BYTES);
            payload.flip();
            if (crc(offset, epoch, payload) != crc || offset <= lastOffset) {
                break;
            }
            entries.add(new Entry(offset, epoch, payload));
            lastOffset = offset;
            pos += HEADER_BYTES + payloadBytes;
        }
        long cut = size - pos;
        if (cut > 0 && intactEntryWithin(pos + 1, size, lastOffset)) {
            // An intact entry after the bad bytes means they are not a torn last write but damage:
            // cutting there would drop acknowledged metadata, so refuse to start instead.
            throw new IOException("corrupt metadata log " + path + ": the entry at byte " + pos
                    + " is damaged but intact entries follow it; restore the directory or remove the file to start empty");
        }
        if (cut > 0) {
            channel.truncate(pos);
            channel.force(true);
        }
        channel.position(pos);
        return new ReadResult(entries, cut);
    }

    /** Whether some position in [from, size) starts an entry that passes its checksum (a scan, only on damage). */
    private boolean intactEntryWithin(long from, long size, long lastGoodOffset) throws IOException {
        long scanBytes = Math.min(size - from, PAYLOAD_BYTES_MAX + (long) HEADER_BYTES);
        if (scanBytes < HEADER_BYTES) {
            return false;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) scanBytes);
        readFully(tail, from);
        tail.flip();
        for (int at = 0; at + HEADER_BYTES <= tail.limit(); at++) {
            int length = tail.getInt(at);
            int payloadBytes = length - 20;
            long offset = tail.getLong(at + 4);
            if (payloadBytes < 0 || payloadBytes > tail.limit() - at - HEADER_BYTES || offset <= lastGoodOffset) {
                continue;
            }
            ByteBuffer payload = tail.duplicate().position(at + HEADER_BYTES).limit(at + HEADER_BYTES + payloadBytes).slice();
            if (crc(offset, tail.getLong(at + 12), payload) == tail.getInt(at + 20)) {
                return true;
            }
        }
        return false;
    }

    /** Appends one entry and fsyncs it; on return the entry survives a crash. */
    void append(long offset, long epoch, ByteBuffer payload) throws IOException {
        int payloadBytes = payload.remaining();
        if (payloadBytes > PAYLOAD_BYTES_MAX) {
            throw new IllegalArgumentException("metadata batch of " + payloadBytes + " bytes exceeds " + PAYLOAD_BYTES_MAX);
        }
        ByteBuffer entry = ByteBuffer.allocate(HEADER_BYTES + payloadBytes);
        entry.putInt(20 + payloadBytes).putLong(offset).putLong(epoch).putInt(crc(offset, epoch, payload.duplicate()));
        entry.put(payload.duplicate()).flip();
        while (entry.hasRemaining()) {
            channel.write(entry);
        }
        channel.force(false);
    }

    /** Drops every entry (after a snapshot made them redundant). */
    void clear() throws IOException {
        channel.truncate(0);
        channel.force(true);
        channel.position(0);
    }

    long sizeInBytes() throws IOException {
        return channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private void readFully(ByteBuffer dst, long position) throws IOException {
        long p = position;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, p);
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at " + p);
            }
            p += n;
        }
    }

    static int crc(long offset, long epoch, ByteBuffer payload) {
        CRC32C c = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(16).putLong(offset).putLong(epoch).flip();
        c.update(head);
        c.update(payload.duplicate());
        return (int) c.getValue();
    }
}
