package io.tributary.controller;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One item of a metadata fetch answer: a committed batch, or a snapshot of the whole image that
 * replaces the fetcher's.
 *
 * @param offset  the batch's offset, or the offset the snapshot includes everything up to
 * @param payload the records in {@code MetadataBatchCodec}'s batch encoding (read-only; the
 *                accessor hands out an independent view, so readers cannot disturb each other)
 */
public record MetadataFetchEntry(Kind kind, long offset, ByteBuffer payload) {

    /** What an entry carries, with its byte on the wire. */
    public enum Kind {
        BATCH(0), SNAPSHOT(1);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The kind for a wire byte, or null for an unknown one. */
        static Kind of(int code) {
            return switch (code) {
                case 0 -> BATCH;
                case 1 -> SNAPSHOT;
                default -> null;
            };
        }
    }

    public MetadataFetchEntry {
        Objects.requireNonNull(kind, "kind");
        if (offset < 0) {
            throw new IllegalArgumentException("a metadata " + kind + " offset must be >= 0, got " + offset);
        }
        payload = payload.asReadOnlyBuffer();
    }

    public static MetadataFetchEntry batch(long offset, ByteBuffer payload) {
        return new MetadataFetchEntry(Kind.BATCH, offset, payload);
    }

    public static MetadataFetchEntry snapshot(long offset, ByteBuffer payload) {
        return new MetadataFetchEntry(Kind.SNAPSHOT, offset, payload);
    }

    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    public int payloadBytes() {
        return payload.remaining();
    }
}
