package io.tributary.log;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The cleaner's map of key to the offset of its latest record, in a fixed amount of memory
 * ({@code log.cleaner.dedupe.buffer.size} shared by the cleaner threads), allocated once and reused
 * for every log a thread cleans.
 *
 * <p>A key is stored as its 128-bit MD5 digest, not its bytes, so every entry takes the same
 * {@value #BYTES_PER_ENTRY} bytes (two longs of digest, one of offset) and a key of any length costs
 * no more; two keys colliding in 128 bits is not a risk worth a byte. Open addressing with linear
 * probing, filled to at most {@value #MAX_LOAD_FACTOR} so probes stay short.
 *
 * <p>Full is not an error: {@link #put} answers false and the caller maps fewer offsets (it cleans
 * up to where the map reached, and the next run carries on from there), as Kafka's cleaner does.
 */
final class OffsetMap {

    static final int BYTES_PER_ENTRY = 24;
    static final double MAX_LOAD_FACTOR = 0.9;

    private final long[] slots;
    private final int capacity;
    private final int maxEntries;
    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private int size;

    /** @param memoryBytes the memory the map may use; at least room for a few entries */
    OffsetMap(long memoryBytes) {
        long entries = memoryBytes / BYTES_PER_ENTRY;
        if (entries < 4) {
            throw new IllegalArgumentException("an offset map needs at least " + 4 * BYTES_PER_ENTRY + " bytes, got " + memoryBytes);
        }
        if (entries * 3 > Integer.MAX_VALUE - 8) {
            entries = (Integer.MAX_VALUE - 8) / 3;
        }
        this.capacity = (int) entries;
        this.maxEntries = (int) (capacity * MAX_LOAD_FACTOR);
        this.slots = new long[capacity * 3];
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /**
     * Records {@code offset} as the latest of {@code key} (read from position to limit; not moved).
     * Offsets of one key must arrive in increasing order. Returns false, changing nothing, if the key is
     * new and the map is full.
     */
    boolean put(ByteBuffer key, long offset) {
        hash(key);
        long h1 = digestLong(0);
        long h2 = digestLong(8);
        int slot = find(h1, h2);
        if (slots[slot * 3 + 2] == 0) {
            if (size >= maxEntries) {
                return false;
            }
            slots[slot * 3] = h1;
            slots[slot * 3 + 1] = h2;
            size++;
        }
        // Offsets are stored plus one, so that 0 marks an empty slot.
        slots[slot * 3 + 2] = offset + 1;
        return true;
    }

    /** The latest offset recorded for {@code key}, or -1 if the map has none. */
    long get(ByteBuffer key) {
        hash(key);
        int slot = find(digestLong(0), digestLong(8));
        return slots[slot * 3 + 2] - 1;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size >= maxEntries;
    }

    /** How many keys fit before {@link #put} refuses new ones. */
    int maxEntries() {
        return maxEntries;
    }

    /** Forgets every entry, keeping the memory, for the next log. */
    void clear() {
        Arrays.fill(slots, 0L);
        size = 0;
    }

    /** The slot holding this digest, or the empty slot where it would go. */
    private int find(long h1, long h2) {
        int slot = (int) Long.remainderUnsigned(h1 ^ (h2 >>> 7), capacity);
        while (true) {
            int at = slot * 3;
            if (slots[at + 2] == 0 || (slots[at] == h1 && slots[at + 1] == h2)) {
                return slot;
            }
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
    }

    private void hash(ByteBuffer key) {
        md5.reset();
        md5.update(key.duplicate());
        try {
            md5.digest(digest, 0, 16);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("MD5 digests are 16 bytes", e);
        }
    }

    private long digestLong(int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (digest[i] & 0xff);
        }
        return v;
    }
}
