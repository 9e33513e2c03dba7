package io.tributary.coordinator;

import io.tributary.coordinator.record.CoordinatorRecordCodec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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
 * checked, through the survivor's.
 *
 * <p>Use: {@link #add} every record of a chunk in offset order, then {@link #flush}; the key and
 * value buffers must stay unchanged until the flush, after which the caller may reuse their bytes.
 * What one chunk holds is bounded by the chunk's size (the broker's {@code offsets.load.buffer.size}).
 */
public final class ShardLoader {

    /** A key of the chunk: where its last record is, and whether its group was created already. */
    private static final class Slot {
        int lastIndex;
        boolean groupTouched;
    }

    private final GroupCoordinatorShard shard;
    private final Map<ByteBuffer, Slot> slotsByKey = new HashMap<>();
    private long[] offsets = new long[256];
    private ByteBuffer[] keys = new ByteBuffer[256];
    private ByteBuffer[] values = new ByteBuffer[256];
    private Slot[] slots = new Slot[256];
    private int pending;
    private long replayed;
    private long replaced;

    public ShardLoader(GroupCoordinatorShard shard) {
        this.shard = shard;
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
        Slot slot = slotsByKey.get(key);
        if (slot == null) {
            slot = new Slot();
            slotsByKey.put(key, slot);
        }
        if (pending == offsets.length) {
            int grown = pending * 2;
            offsets = Arrays.copyOf(offsets, grown);
            keys = Arrays.copyOf(keys, grown);
            values = Arrays.copyOf(values, grown);
            slots = Arrays.copyOf(slots, grown);
        }
        slot.lastIndex = pending;
        offsets[pending] = offset;
        keys[pending] = key;
        values[pending] = value;
        slots[pending] = slot;
        pending++;
    }

    /** Replays what {@link #add} took and not replayed yet; after it the buffers given may change. */
    public void flush() {
        try {
            for (int i = 0; i < pending; i++) {
                Slot slot = slots[i];
                if (slot.lastIndex == i) {
                    shard.replay(offsets[i], CoordinatorRecordCodec.parse(keys[i], values[i]));
                    replayed++;
                } else {
                    if (values[i] != null && !slot.groupTouched) {
                        // The survivor's parse checks these key bytes too; the tombstone form reads only the key.
                        String groupId = CoordinatorRecordCodec.parse(keys[i], null).groupId();
                        shard.replayReplacedCommit(offsets[i], groupId);
                        slot.groupTouched = true;
                    }
                    replaced++;
                }
            }
        } finally {
            Arrays.fill(keys, 0, pending, null);
            Arrays.fill(values, 0, pending, null);
            Arrays.fill(slots, 0, pending, null);
            pending = 0;
            slotsByKey.clear();
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
}
