package io.tributary.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file of fixed-size entries, memory-mapped, that the owning segment appends to and readers
 * search without locks. The byte layout of an entry belongs to the subclass; this class knows
 * only that entry {@code i} occupies bytes {@code [i * entrySize, (i + 1) * entrySize)}.
 *
 * <p>While its segment is active the file is preallocated to {@code segment.index.bytes} and mapped
 * read-write; trailing bytes past the last entry are zeros. When the segment rolls or the log
 * closes, the file is trimmed to its entries and mapped read-only, so on a clean start the file
 * length tells the entry count. After a crash the count read from the length is wrong (zeros
 * count as entries); recovery rebuilds such indexes, and {@link #sanityCheck} catches the rest.
 *
 * <p>Concurrency: one writer (the partition's append lock holder) at a time; readers take the
 * mapping first and the entry count second, and never read past either, so a concurrent append,
 * trim or resize never shows them bytes outside the file.
 */
abstract class IndexFile {

    protected final long baseOffset;
    private final int entrySize;
    private volatile Path path;
    private volatile ByteBuffer mmap;
    private volatile int entries;
    private volatile boolean writable;
    private final boolean missingAtOpen;
    private volatile boolean trimmedSinceFlush;

    /**
     * @param writable      map the file read-write at {@code maxIndexBytes} (an active segment's index)
     * @param maxIndexBytes the preallocated size when writable
     */
    protected IndexFile(Path path, long baseOffset, int entrySize, boolean writable, int maxIndexBytes) throws IOException {
        this.path = path;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.missingAtOpen = !Files.exists(path);
        if (missingAtOpen) {
            Files.createFile(path);
        }
        long length = Files.size(path);
        if (length > Integer.MAX_VALUE) {
            throw new IOException("index " + path + " is " + length + " bytes, more than an index can be");
        }
        this.entries = (int) (length / entrySize);
        if (writable) {
            remap(true, Math.max(roundDown(maxIndexBytes), entries * entrySize));
        } else {
            remap(false, entries * entrySize);
        }
    }

    private int roundDown(int bytes) {
        return bytes / entrySize * entrySize;
    }

    private void remap(boolean readWrite, int sizeBytes) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), readWrite ? "rw" : "r")) {
            if (readWrite) {
                raf.setLength(sizeBytes);
            }
            FileChannel ch = raf.getChannel();
            MappedByteBuffer m = ch.map(readWrite ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, 0, sizeBytes);
            // The old mapping stays valid for readers holding it (the pages it covers still exist
            // in the file); the garbage collector unmaps it once they let go.
            this.mmap = m;
            this.writable = readWrite;
        }
    }

    Path path() {
        return path;
    }

    int entrySize() {
        return entrySize;
    }

    /** Entries a reader may look at: never more than the mapping it holds can show. */
    protected final int readableEntries(ByteBuffer view) {
        return Math.min(entries, view.capacity() / entrySize);
    }

    /** The mapping to read from, for one lookup. Read it before {@link #readableEntries}. */
    protected final ByteBuffer view() {
        return mmap;
    }

    int entries() {
        return entries;
    }

    int maxEntries() {
        return mmap.capacity() / entrySize;
    }

    boolean isFull() {
        return entries >= maxEntries();
    }

    boolean isWritable() {
        return writable;
    }

    /** The writer's slot for the next entry; {@link #commitEntry} publishes it. */
    protected final ByteBuffer slotForAppend() {
        if (!writable) {
            throw new IllegalStateException("index " + path.getFileName() + " is read-only (its segment is not active)");
        }
        if (entries >= maxEntries()) {
            throw new IllegalStateException("index " + path.getFileName() + " is full at " + entries + " entries");
        }
        return mmap;
    }

    protected final int nextSlotPosition() {
        return entries * entrySize;
    }

    protected final void commitEntry() {
        entries = entries + 1;
    }

    /** Forgets entries from {@code keep} on (the bytes stay until overwritten). */
    void truncateToEntries(int keep) {
        if (keep < 0 || keep > entries) {
            throw new IllegalArgumentException("cannot truncate " + path.getFileName() + " to " + keep + " of " + entries + " entries");
        }
        entries = keep;
    }

    void reset() {
        truncateToEntries(0);
    }

    /** Shrinks the file to its entries and maps it read-only: the segment is no longer active. */
    void trimToValidSize() throws IOException {
        if (writable) {
            ((MappedByteBuffer) mmap).force();
        }
        int size = entries * entrySize;
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(size);
        }
        remap(false, size);
        // Made durable by the next flush (the segment's, before the recovery point passes it), so
        // that a roll does not wait for an fsync while holding the append lock.
        trimmedSinceFlush = true;
    }

    /** Grows the file back to {@code maxIndexBytes} and maps it read-write: the segment is active again. */
    void makeWritable(int maxIndexBytes) throws IOException {
        remap(true, Math.max(roundDown(maxIndexBytes), entries * entrySize));
    }

    void flush() throws IOException {
        ByteBuffer m = mmap;
        if (writable && m instanceof MappedByteBuffer mb) {
            mb.force();
        }
        if (trimmedSinceFlush && Files.exists(path)) {
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
                raf.getFD().sync();
            }
            trimmedSinceFlush = false;
        }
    }

    void renameTo(Path target) throws IOException {
        if (Files.exists(path)) {
            Files.move(path, target, StandardCopyOption.REPLACE_EXISTING);
        }
        path = target;
    }

    void deleteIfExists() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Checks what a clean start trusts: whole entries only, and the last entries in order and
     * within the segment. Throws {@link CorruptIndexException} saying what is wrong.
     */
    abstract void sanityCheck(long logFileSizeBytes) throws CorruptIndexException, IOException;

    /** An index whose content cannot be trusted; the loader rebuilds it from the segment. */
    static final class CorruptIndexException extends Exception {
        CorruptIndexException(String message) {
            super(message);
        }
    }

    protected final void checkLength(long logFileSizeBytes) throws CorruptIndexException, IOException {
        if (missingAtOpen && logFileSizeBytes > 0) {
            throw new CorruptIndexException("index " + path.getFileName() + " was missing");
        }
        long length = Files.size(path);
        if (length % entrySize != 0) {
            throw new CorruptIndexException("index " + path.getFileName() + " is " + length
                    + " bytes, not a multiple of the entry size " + entrySize);
        }
    }
}
