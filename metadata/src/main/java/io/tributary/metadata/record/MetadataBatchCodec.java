package io.tributary.metadata.record;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary form of one batch: the records of one atomic controller command, appended and
 * committed together. Byte layout (big-endian):
 *
 * <pre>
 * batch  := format:u8 (= 0)  count:int32  crc:int32  count x entry
 * entry  := length:int32  record (as {@link MetadataRecordCodec} writes it, exactly length bytes)
 * </pre>
 *
 * <p>{@code crc} is the CRC-32C of every byte after the crc field, so a torn or corrupt batch is
 * refused as a whole before any record of it is replayed. At most {@link #MAX_RECORDS} records.
 */
public final class MetadataBatchCodec {

    public static final int FORMAT = 0;
    public static final int MAX_RECORDS = 1 << 20;
    private static final int HEADER_BYTES = 1 + 4 + 4;
    private static final int CRC_POSITION = 5;

    private MetadataBatchCodec() {
    }

    /** Encodes a batch into a new buffer positioned at 0. */
    public static ByteBuffer encode(List<MetadataRecord> records) {
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a batch holds at most " + MAX_RECORDS + " records, got " + records.size());
        }
        ByteSink out = new ByteSink(HEADER_BYTES + records.size() * 48);
        out.u8(FORMAT).i32(records.size()).i32(0);
        for (MetadataRecord record : records) {
            int lengthAt = out.position();
            out.i32(0);
            MetadataRecordCodec.write(record, out);
            out.putI32At(lengthAt, out.position() - lengthAt - 4);
        }
        ByteBuffer bytes = out.toBuffer();
        bytes.putInt(CRC_POSITION, crc(bytes));
        return bytes;
    }

    /** Decodes a whole batch from the remaining bytes of {@code bytes} (its position is not moved). */
    public static List<MetadataRecord> decode(ByteBuffer bytes) {
        ByteSource in = new ByteSource(bytes);
        in.context("metadata batch");
        int format = in.u8("batch format");
        if (format != FORMAT) {
            throw in.error("unknown metadata batch format " + format);
        }
        // Each entry is at least a length and a type and version byte: 6 bytes.
        int count = in.count("records", 6, MAX_RECORDS);
        int storedCrc = in.i32("crc");
        int actualCrc = crc(bytes.duplicate());
        if (storedCrc != actualCrc) {
            throw new MetadataCodecException("metadata batch checksum mismatch: stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Integer.toHexString(actualCrc) + " over " + in.remaining() + " bytes");
        }
        List<MetadataRecord> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.i32("record " + i + " length");
            if (length < 2) {
                throw in.error("record " + i + " has an invalid length " + length);
            }
            records.add(MetadataRecordCodec.decode(in.slice(length, "record " + i)));
        }
        in.expectEnd("the last record of the batch");
        return List.copyOf(records);
    }

    private static int crc(ByteBuffer wholeBatch) {
        ByteBuffer covered = wholeBatch.duplicate();
        if (covered.remaining() < HEADER_BYTES) {
            return 0;
        }
        covered.position(covered.position() + HEADER_BYTES);
        CRC32C crc = new CRC32C();
        crc.update(covered);
        return (int) crc.getValue();
    }
}
