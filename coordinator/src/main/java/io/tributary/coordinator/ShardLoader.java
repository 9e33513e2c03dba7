package io.tributary.coordinator;

import io.tributary.coordinator.record.CoordinatorRecordCodec;
import io.tributary.coordinator.record.OffsetCommitRecord;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Replays a {@code __consumer_offsets} partition into a loading shard from its records' bytes, one
 * chunk at a time, compaction-style: within a chunk, an offset commit that a later record of the
 * same key replaces is not parsed or replayed, because each record carries the whole state of its
 * key. A busy group commits the same partitions over and over, so most of a large partition is
 * replaced values; skipping them skips most of the parsing (the offset metadata above all).
 *
 * <p>The state after a load is the state {@link GroupCoordinatorShard#replay} of every record would
 * build, for these reasons:
 * <ul>
 *   <li>Only offset commit records are ever skipped, and only for a later record of the same key
 *       bytes in the same chunk (the encoding is canonical, so the same key has the same bytes):
 *       the survivor sets or deletes (a tombstone) that key's offset as the whole sequence would.</li>
 *   <li>The one other effect of an offset commit, creating an Empty group for a group that had no
 *       offsets, is kept: the first replaced commit (not a tombstone) of each key creates its group
 *       if absent, at its place in the order ({@link GroupCoordinatorShard#replayReplacedCommit}).
 *       While loading, a group with offsets always has a group entry, so this is exactly what the
 *       skipped commit would have done.</li>
 *   <li>A group metadata record (or any other key type) is a barrier: the records before it are
 *       replayed first, and it is replayed itself, in order, so the interplay of a group's
 *       tombstone with its offsets is untouched.</li>
 * </ul>
 * A replaced value is not parsed, so its bytes are not checked: a corrupt value that a later record
 * replaces does not stop the load (the log cleaner would have dropped it too). Keys are always
 * checked: each distinct key is parsed when first seen, and later records of it must have the same
 * bytes. The keys seen are remembered across chunks, up to {@link #KEYS_REMEMBERED_MAX}.
 *
 * <p>Use: {@link #add} every record of a chunk in offset order, then {@link #flush}; the key and
 * value buffers must stay unchanged until the flush, after which the caller may reuse their bytes.
 * What one chunk holds is bounded by the chunk's size (the broker's {@code offsets.load.buffer.size}).
 */
public final class ShardLoader {

    /** The table's first size, in keys; it doubles as keys come. */
    private static final int KEYS_MIN = 256;
    /**
     * The most offset commit keys remembered across chunks (about 140 bytes each, so some 36 MiB):
     * past it, the keys are forgotten at the next flush and learnt again.
     */
    static final int KEYS_REMEMBERED_MAX = 1 << 18;

    private final GroupCoordinatorShard shard;
    private final int keysRememberedMax;

    // The offset commit keys seen, by slot: a copy of the key's bytes, their hash, the key parsed once
    // (as its tombstone), the index of its last record in the current chunk (set by every record, so
    // valid for the keys the chunk's records name), and the number of the chunk in which its group was
    // last created for a replaced commit. An open-addressing table maps hashes to slots. A key is parsed once per
    // load, not once per record, and its group id and partition objects are shared by every record
    // (and by the state the shard builds), so a record that repeats a key allocates nothing for it.
    private ByteBuffer[] slotKeys = new ByteBuffer[KEYS_MIN];
    private int[] slotHashes = new int[KEYS_MIN];
    private OffsetCommitRecord[] slotParsed = new OffsetCommitRecord[KEYS_MIN];
    private int[] slotLast = new int[KEYS_MIN];
    private int[] slotTouchedChunk = new int[KEYS_MIN];
    private int slots;
    private int[] table = new int[KEYS_MIN * 2];
    /** Numbers the chunks (every flush ends one), starting at 1 so that a fresh slot's 0 is never current. */
    private int chunk = 1;

    // The chunk's offset commit records not replayed yet, in offset order: offset, value and key slot.
    private long[] offsets = new long[KEYS_MIN];
    private ByteBuffer[] values = new ByteBuffer[KEYS_MIN];
    private int[] recordSlots = new int[KEYS_MIN];
    private int pending;

    private long replayed;
    private long replaced;

    public ShardLoader(GroupCoordinatorShard shard) {
        this(shard, KEYS_REMEMBERED_MAX);
    }

    /** For tests: a loader that forgets its keys at every flush past {@code keysRememberedMax}. */
    ShardLoader(GroupCoordinatorShard shard, int keysRememberedMax) {
        this.shard = shard;
        this.keysRememberedMax = keysRememberedMax;
    }

    /**
     * Takes the next record of the partition; {@code value} is null for a tombstone. Offsets must
     * strictly grow; the buffers' positions are left as they are.
     *
     * @throws io.tributary.coordinator.record.CoordinatorCodecException for a record that does not
     *         parse, here or at the flush
     */
    public void add(long offset, ByteBuffer key, ByteBuffer value) {
        if (key.remaining() < 2 || key.getShort(key.position()) != CoordinatorRecordCodec.OFFSET_COMMIT_KEY) {
            flush();
            shard.replay(offset, CoordinatorRecordCodec.parse(key, value));
            replayed++;
            return;
        }
        if (pending > 0 && offset <= offsets[pending - 1]) {
            throw new IllegalStateException("offset " + offset + " after " + offsets[pending - 1]);
        }
        int slot = slotOf(key);
        if (pending == offsets.length) {
            int grown = pending * 2;
            offsets = Arrays.copyOf(offsets, grown);
            values = Arrays.copyOf(values, grown);
            recordSlots = Arrays.copyOf(recordSlots, grown);
        }
        slotLast[slot] = pending;
        offsets[pending] = offset;
        values[pending] = value;
        recordSlots[pending] = slot;
        pending++;
    }

    /** Replays what {@link #add} took and not replayed yet; after it the buffers given may change. */
    public void flush() {
        try {
            for (int i = 0; i < pending; i++) {
                int slot = recordSlots[i];
                OffsetCommitRecord parsedKey = slotParsed[slot];
                if (slotLast[slot] == i) {
                    ByteBuffer value = values[i];
                    shard.replay(offsets[i], value == null ? parsedKey : new OffsetCommitRecord(parsedKey.groupId(),
                            parsedKey.partition(), CoordinatorRecordCodec.parseOffsetCommitValue(value)));
                    replayed++;
                } else {
                    if (values[i] != null && slotTouchedChunk[slot] != chunk) {
                        shard.replayReplacedCommit(offsets[i], parsedKey.groupId());
                        slotTouchedChunk[slot] = chunk;
                    }
                    replaced++;
                }
            }
        } finally {
            Arrays.fill(values, 0, pending, null);
            pending = 0;
            chunk++;
            if (slots > keysRememberedMax) {
                forgetKeys();
            }
        }
    }

    /** Records parsed and replayed so far. */
    public long replayed() {
        return replayed;
    }

    /** Records skipped so far because a later record of their key replaced them. */
    public long replaced() {
        return replaced;
    }

    /** The slot of this key; a new one (the key copied and parsed) if it was not seen before. */
    private int slotOf(ByteBuffer key) {
        int hash = hash(key);
        int mask = table.length - 1;
        for (int at = hash & mask; ; at = (at + 1) & mask) {
            int entry = table[at];
            if (entry == 0) {
                break;
            }
            int slot = entry - 1;
            if (slotHashes[slot] == hash && slotKeys[slot].equals(key)) {
                return slot;
            }
        }
        OffsetCommitRecord parsed = (OffsetCommitRecord) CoordinatorRecordCodec.parse(key, null);
        if (slots == slotKeys.length) {
            int grown = slots * 2;
            slotKeys = Arrays.copyOf(slotKeys, grown);
            slotHashes = Arrays.copyOf(slotHashes, grown);
            slotParsed = Arrays.copyOf(slotParsed, grown);
            slotLast = Arrays.copyOf(slotLast, grown);
            slotTouchedChunk = Arrays.copyOf(slotTouchedChunk, grown);
        }
        int slot = slots++;
        byte[] copy = new byte[key.remaining()];
        key.get(key.position(), copy);
        slotKeys[slot] = ByteBuffer.wrap(copy);
        slotHashes[slot] = hash;
        slotParsed[slot] = parsed;
        slotTouchedChunk[slot] = 0;
        if (slots * 2 > table.length) {
            rehash(table.length * 2);
        } else {
            insert(slot);
        }
        return slot;
    }

    private void forgetKeys() {
        Arrays.fill(slotKeys, 0, slots, null);
        Arrays.fill(slotParsed, 0, slots, null);
        slots = 0;
        table = new int[KEYS_MIN * 2];
    }

    private void insert(int slot) {
        int mask = table.length - 1;
        int at = slotHashes[slot] & mask;
        while (table[at] != 0) {
            at = (at + 1) & mask;
        }
        table[at] = slot + 1;
    }

    private void rehash(int size) {
        table = new int[size];
        for (int slot = 0; slot < slots; slot++) {
            insert(slot);
        }
    }

    /** A hash of the key's bytes, eight at a time, mixed so that the table's low bits spread. */
    private static int hash(ByteBuffer key) {
        int at = key.position();
        int end = key.limit();
        long h = end - at;
        for (; at + Long.BYTES <= end; at += Long.BYTES) {
            h = (h ^ key.getLong(at)) * 0x9E3779B97F4A7C15L;
        }
        for (; at < end; at++) {
            h = (h ^ key.get(at)) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
}
