package io.tributary.coordinator.record;

import io.tributary.common.TopicPartition;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte format of {@code __consumer_offsets} records: each record is one Kafka record whose key
 * and value are the bytes below (all integers big-endian). The format is our own; it is not
 * Kafka's, so a log written by Kafka cannot be loaded, and the other way round.
 *
 * <pre>
 * string   := length:int16 then that many UTF-8 bytes              (never null)
 * nstring  := length:int16 (-1 means null) then UTF-8 bytes
 * text     := length:int32 then UTF-8 bytes (at most 1 MiB)        (offset metadata, which may be long)
 * bytes    := length:int32 then that many bytes (at most 64 MiB)
 *
 * key      := type:int16 then
 *   1 offset commit   groupId:string topic:string partition:int32
 *   2 group metadata  groupId:string
 *
 * value    := null (no value bytes at all: a tombstone, which deletes the key) or version:int16 then
 *   offset commit  v0   offset:int64 leaderEpoch:int32 (-1: none) metadata:text
 *                       commitTimestampMs:int64 expireTimestampMs:int64 (-1: none)
 *   group metadata v0   protocolType:string generationId:int32 protocolName:nstring leaderId:nstring
 *                       currentStateTimestampMs:int64 (-1: none) memberCount:int32 member*
 *   member              memberId:string groupInstanceId:nstring clientId:string clientHost:string
 *                       rebalanceTimeoutMs:int32 sessionTimeoutMs:int32 subscription:bytes assignment:bytes
 * </pre>
 *
 * <p>Parsing reads every value version up to the current one and refuses newer ones, so a broker
 * never silently misreads what newer code wrote. It consumes exactly the given bytes, checks each
 * length against what is left before allocating, and fails only with
 * {@link CoordinatorCodecException}. Encoding and parsing do O(record size) work, nothing more.
 */
public final class CoordinatorRecordCodec {

    public static final short OFFSET_COMMIT_KEY = 1;
    public static final short GROUP_METADATA_KEY = 2;
    static final short OFFSET_COMMIT_VALUE_VERSION = 0;
    static final short GROUP_METADATA_VALUE_VERSION = 0;

    /** The fewest bytes a member can take: four empty strings, a null string, two int32s and two empty byte arrays. */
    private static final int MEMBER_MIN_BYTES = 2 + 2 + 2 + 2 + 4 + 4 + 4 + 4;

    private CoordinatorRecordCodec() {
    }

    /** The key bytes of a record. */
    public static byte[] key(CoordinatorRecord record) {
        RecordWriter out = new RecordWriter(32 + record.groupId().length());
        if (record instanceof OffsetCommitRecord r) {
            out.i16(OFFSET_COMMIT_KEY).string(r.groupId()).string(r.partition().topic()).i32(r.partition().partition());
        } else {
            out.i16(GROUP_METADATA_KEY).string(record.groupId());
        }
        return out.toArray();
    }

    /** The value bytes of a record, or null for a tombstone. */
    public static byte[] value(CoordinatorRecord record) {
        if (record instanceof OffsetCommitRecord r) {
            OffsetCommitValue v = r.value();
            if (v == null) {
                return null;
            }
            return new RecordWriter(40 + v.metadata().length())
                    .i16(OFFSET_COMMIT_VALUE_VERSION).i64(v.offset()).i32(v.leaderEpoch()).text(v.metadata())
                    .i64(v.commitTimestampMs()).i64(v.expireTimestampMs()).toArray();
        }
        GroupMetadataValue v = ((GroupMetadataRecord) record).value();
        if (v == null) {
            return null;
        }
        RecordWriter out = new RecordWriter(64 + 128 * v.members().size());
        out.i16(GROUP_METADATA_VALUE_VERSION).string(v.protocolType()).i32(v.generationId())
                .nstring(v.protocolName()).nstring(v.leaderId()).i64(v.currentStateTimestampMs())
                .i32(v.members().size());
        for (MemberValue m : v.members()) {
            out.string(m.memberId()).nstring(m.groupInstanceId()).string(m.clientId()).string(m.clientHost())
                    .i32(m.rebalanceTimeoutMs()).i32(m.sessionTimeoutMs()).bytes(m.subscription()).bytes(m.assignment());
        }
        return out.toArray();
    }

    /**
     * Parses one record from its key and value (null for a tombstone). The buffers' positions are
     * left as they were.
     */
    public static CoordinatorRecord parse(ByteBuffer key, ByteBuffer value) {
        RecordReader k = new RecordReader(key, "key");
        short type = k.i16("key type");
        switch (type) {
            case OFFSET_COMMIT_KEY -> {
                String groupId = k.string("group id");
                String topic = k.string("topic");
                int partition = k.i32("partition");
                if (partition < 0) {
                    throw k.error("negative partition " + partition);
                }
                k.end();
                TopicPartition tp = new TopicPartition(topic, partition);
                return new OffsetCommitRecord(groupId, tp, value == null ? null : offsetCommitValue(value));
            }
            case GROUP_METADATA_KEY -> {
                String groupId = k.string("group id");
                k.end();
                return new GroupMetadataRecord(groupId, value == null ? null : groupMetadataValue(value));
            }
            default -> throw k.error("unknown key type " + type);
        }
    }

    /**
     * Parses the value of an offset commit record (not null: a tombstone has no value). With
     * {@link #parse}{@code (key, null)} for its key, this parses an offset commit in two steps, for a
     * loader that reads every key but only some values. The buffer's position is left as it was.
     */
    public static OffsetCommitValue parseOffsetCommitValue(ByteBuffer value) {
        return offsetCommitValue(value);
    }

    private static OffsetCommitValue offsetCommitValue(ByteBuffer bytes) {
        RecordReader in = new RecordReader(bytes, "offset commit value");
        short version = in.i16("version");
        if (version < 0 || version > OFFSET_COMMIT_VALUE_VERSION) {
            throw in.error("unsupported offset commit value version " + version);
        }
        OffsetCommitValue v = new OffsetCommitValue(in.i64("offset"), in.i32("leader epoch"), in.text("metadata"),
                in.i64("commit timestamp"), in.i64("expire timestamp"));
        in.end();
        return v;
    }

    private static GroupMetadataValue groupMetadataValue(ByteBuffer bytes) {
        RecordReader in = new RecordReader(bytes, "group metadata value");
        short version = in.i16("version");
        if (version < 0 || version > GROUP_METADATA_VALUE_VERSION) {
            throw in.error("unsupported group metadata value version " + version);
        }
        String protocolType = in.string("protocol type");
        int generationId = in.i32("generation id");
        String protocolName = in.nstring("protocol name");
        String leaderId = in.nstring("leader id");
        long stateTimestampMs = in.i64("current state timestamp");
        int count = in.count("member count", MEMBER_MIN_BYTES);
        List<MemberValue> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new MemberValue(in.string("member id"), in.nstring("group instance id"), in.string("client id"),
                    in.string("client host"), in.i32("rebalance timeout"), in.i32("session timeout"),
                    in.bytes("subscription"), in.bytes("assignment")));
        }
        in.end();
        return new GroupMetadataValue(protocolType, generationId, protocolName, leaderId, stateTimestampMs, members);
    }
}
