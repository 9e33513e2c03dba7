package io.tributary.quorum;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes of a quorum log entry and of the reply to its append.
 *
 * <p>Log entry (the Ratis state-machine log data), big-endian:
 * <pre>
 *   offset 0  int8   format version, 1
 *   offset 1  int64  fence term: the term the entry must be committed in, or -1 for none
 *   offset 9  bytes  the caller's entry, opaque, to the end
 * </pre>
 * A fenced entry whose log term differs from its fence term is skipped by every replica when it is
 * applied: the decision depends only on replicated bytes, so all replicas agree.
 *
 * <p>Reply (the state machine's answer to the leader's append), big-endian:
 * <pre>
 *   offset 0  int8   format version, 1
 *   offset 1  int8   outcome: 0 applied, 1 fenced (skipped)
 *   offset 2  int64  log index
 *   offset 10 int64  log term
 * </pre>
 */
final class EntryCodec {

    static final byte VERSION = 1;
    static final int ENTRY_HEADER_BYTES = 9;
    static final int REPLY_BYTES = 18;
    static final long NO_FENCE = -1;

    /** The outcome of applying one entry. */
    enum Outcome {
        APPLIED((byte) 0), FENCED((byte) 1);

        final byte code;

        Outcome(byte code) {
            this.code = code;
        }

        static Outcome of(byte code) {
            for (Outcome o : values()) {
                if (o.code == code) {
                    return o;
                }
            }
            throw new MalformedEntryException("unknown reply outcome " + code);
        }
    }

    /** A decoded log entry. */
    record Entry(long fenceTerm, byte[] payload) {
        boolean fenced() {
            return fenceTerm != NO_FENCE;
        }
    }

    /** A decoded reply. */
    record Reply(Outcome outcome, long index, long term) {
    }

    /** Bytes that are not a valid entry or reply. */
    static final class MalformedEntryException extends RuntimeException {
        MalformedEntryException(String message) {
            super(message);
        }
    }

    private EntryCodec() {
    }

    static byte[] encodeEntry(long fenceTerm, byte[] payload) {
        if (fenceTerm < NO_FENCE) {
            throw new IllegalArgumentException("fence term must be -1 or non-negative: " + fenceTerm);
        }
        ByteBuffer buf = ByteBuffer.allocate(ENTRY_HEADER_BYTES + payload.length);
        buf.put(VERSION).putLong(fenceTerm).put(payload);
        return buf.array();
    }

    static Entry decodeEntry(ByteBuffer bytes) {
        ByteBuffer buf = bytes.duplicate();
        if (buf.remaining() < ENTRY_HEADER_BYTES) {
            throw new MalformedEntryException("entry of " + buf.remaining() + " bytes is shorter than its "
                    + ENTRY_HEADER_BYTES + "-byte header");
        }
        byte version = buf.get();
        if (version != VERSION) {
            throw new MalformedEntryException("unknown entry format version " + version);
        }
        long fenceTerm = buf.getLong();
        if (fenceTerm < NO_FENCE) {
            throw new MalformedEntryException("negative fence term " + fenceTerm);
        }
        byte[] payload = new byte[buf.remaining()];
        buf.get(payload);
        return new Entry(fenceTerm, payload);
    }

    static byte[] encodeReply(Outcome outcome, long index, long term) {
        return ByteBuffer.allocate(REPLY_BYTES).put(VERSION).put(outcome.code).putLong(index).putLong(term).array();
    }

    static Reply decodeReply(byte[] bytes) {
        if (bytes.length != REPLY_BYTES) {
            throw new MalformedEntryException("reply of " + bytes.length + " bytes, expected " + REPLY_BYTES
                    + ": " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 32))));
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        byte version = buf.get();
        if (version != VERSION) {
            throw new MalformedEntryException("unknown reply format version " + version);
        }
        Outcome outcome = Outcome.of(buf.get());
        long index = buf.getLong();
        long term = buf.getLong();
        if (index < 0 || term < 0) {
            throw new MalformedEntryException("reply with negative index " + index + " or term " + term);
        }
        return new Reply(outcome, index, term);
    }
}
