package io.tributary.common.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A deliberately plain second reading of record batches, for checking {@link BatchScan} against:
 * byte arrays, explicit big-endian decoding, no shared helpers. Layout: {@link BatchHeader}.
 */
final class ReferenceBatchCheck {

    /** One batch's fields as the reference reads them. */
    record Batch(int position, int size, int offsetDelta, int lastOffsetDelta, long baseOffset, int epoch, short attributes,
                 long maxTimestamp, long producerId, short producerEpoch, int baseSequence) {
    }

    /** The verdict: a defect (null if sound), the batches, and the first batch a leader refuses (null if none). */
    record Verdict(BatchDefect defect, List<Batch> batches, BatchDefect leaderDefect) {
    }

    private ReferenceBatchCheck() {
    }

    static Verdict check(byte[] bytes, long batchBytesMax, boolean verifyCrc) {
        if (bytes.length == 0) {
            return new Verdict(BatchDefect.EMPTY, List.of(), null);
        }
        List<Batch> batches = new ArrayList<>();
        BatchDefect leaderDefect = null;
        long records = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int left = bytes.length - pos;
            if (left < 61) {
                return refused(BatchDefect.TRUNCATED_HEADER);
            }
            int length = int32(bytes, pos + 8);
            if (length < 49) {
                return refused(BatchDefect.LENGTH_TOO_SMALL);
            }
            long size = 12L + length;
            if (size > batchBytesMax) {
                return refused(BatchDefect.TOO_LARGE);
            }
            if (size > left) {
                return refused(BatchDefect.OVERRUN);
            }
            if (bytes[pos + 16] != 2) {
                return refused(BatchDefect.BAD_MAGIC);
            }
            int lastOffsetDelta = int32(bytes, pos + 23);
            int count = int32(bytes, pos + 57);
            if (count < 1 || (long) lastOffsetDelta + 1 != count) {
                return refused(BatchDefect.COUNT_MISMATCH);
            }
            if (verifyCrc) {
                CRC32C crc = new CRC32C();
                crc.update(bytes, pos + 21, (int) size - 21);
                if (crc.getValue() != (int32(bytes, pos + 17) & 0xFFFF_FFFFL)) {
                    return refused(BatchDefect.CRC_MISMATCH);
                }
            }
            short attributes = (short) int16(bytes, pos + 21);
            batches.add(new Batch(pos, (int) size, (int) records, lastOffsetDelta, int64(bytes, pos), int32(bytes, pos + 12),
                    attributes, int64(bytes, pos + 35), int64(bytes, pos + 43), (short) int16(bytes, pos + 51),
                    int32(bytes, pos + 53)));
            records += count;
            if (records > Integer.MAX_VALUE) {
                return refused(BatchDefect.TOO_MANY_RECORDS);
            }
            if (leaderDefect == null) {
                if ((attributes & 0x30) != 0) {
                    leaderDefect = BatchDefect.UNSUPPORTED_BATCH_TYPE;
                } else if ((attributes & 0x07) > 4) {
                    leaderDefect = BatchDefect.UNKNOWN_COMPRESSION;
                }
            }
            pos += (int) size;
        }
        return new Verdict(null, batches, leaderDefect);
    }

    private static Verdict refused(BatchDefect defect) {
        return new Verdict(defect, List.of(), null);
    }

    static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static int int16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static long int64(byte[] b, int at) {
        return ((long) int32(b, at) << 32) | (int32(b, at + 4) & 0xFFFF_FFFFL);
    }
}
