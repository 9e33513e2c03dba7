package io.tributary.coordinator.record;

import io.tributary.common.TopicPartition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CoordinatorRecordCodecProperties {

    static Arbitrary<String> ids() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars("-._").ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(12));
    }

    static Arbitrary<MemberValue> members() {
        return Combinators.combine(ids(), ids().injectNull(0.5), ids(), ids(),
                        Arbitraries.integers(), Arbitraries.integers(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(MemberValue::new);
    }

    static Arbitrary<CoordinatorRecord> anyRecord() {
        Arbitrary<GroupMetadataValue> group = Combinators.combine(ids(), Arbitraries.integers(), ids().injectNull(0.3),
                        ids().injectNull(0.3), Arbitraries.longs(), members().list().ofMaxSize(5))
                .as(GroupMetadataValue::new);
        Arbitrary<OffsetCommitValue> offset = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(),
                        Arbitraries.strings().ofMaxLength(100), Arbitraries.longs(), Arbitraries.longs())
                .as(OffsetCommitValue::new);
        Arbitrary<CoordinatorRecord> groups = Combinators.combine(ids(), group.injectNull(0.2))
                .as(GroupMetadataRecord::new);
        Arbitrary<CoordinatorRecord> offsets = Combinators.combine(ids(), ids(),
                        Arbitraries.integers().greaterOrEqual(0), offset.injectNull(0.2))
                .as((g, t, p, v) -> new OffsetCommitRecord(g, new TopicPartition(t, p), v));
        return Arbitraries.oneOf(groups, offsets);
    }

    @Provide
    Arbitrary<CoordinatorRecord> records() {
        return anyRecord();
    }

    @Property(tries = 500)
    void everyRecordSurvivesARoundTrip(@ForAll("records") CoordinatorRecord record) {
        byte[] value = CoordinatorRecordCodec.value(record);
        assertThat(value == null).isEqualTo(record.isTombstone());
        ByteBuffer keyBuffer = ByteBuffer.wrap(CoordinatorRecordCodec.key(record));
        CoordinatorRecord parsed = CoordinatorRecordCodec.parse(keyBuffer, value == null ? null : ByteBuffer.wrap(value));
        assertThat(parsed).isEqualTo(record);
        assertThat(keyBuffer.position()).as("parse leaves the caller's buffer alone").isZero();
    }

    @Property(tries = 200)
    void theKeyDependsOnlyOnWhatTheRecordIsAbout(@ForAll("records") CoordinatorRecord record) {
        CoordinatorRecord tombstone = record instanceof OffsetCommitRecord o
                ? OffsetCommitRecord.tombstone(o.groupId(), o.partition())
                : GroupMetadataRecord.tombstone(record.groupId());
        assertThat(CoordinatorRecordCodec.key(tombstone)).isEqualTo(CoordinatorRecordCodec.key(record));
    }

    @Property(tries = 2000)
    void garbageParsesOrFailsWithOurException(@ForAll byte[] key, @ForAll byte[] value, @ForAll boolean tombstone) {
        parseOrOurException(key, tombstone ? null : value);
    }

    @Property(tries = 1000)
    void corruptedRecordsParseOrFailWithOurException(@ForAll("records") CoordinatorRecord record,
                                                     @ForAll List<Integer> flips, @ForAll int cut) {
        byte[] key = CoordinatorRecordCodec.key(record);
        byte[] value = CoordinatorRecordCodec.value(record);
        byte[] target = value != null && (flips.size() % 2 == 0) ? value : key;
        for (int i = 0; i + 1 < flips.size(); i += 2) {
            target[Math.floorMod(flips.get(i), target.length)] ^= (byte) (flips.get(i + 1) | 1);
        }
        if (cut % 3 == 0) {
            target = java.util.Arrays.copyOf(target, Math.floorMod(cut, target.length + 1));
        }
        if (target == key || key.length == 0) {
            parseOrOurException(target, value);
        } else {
            parseOrOurException(key, target);
        }
    }

    private static void parseOrOurException(byte[] key, byte[] value) {
        try {
            CoordinatorRecordCodec.parse(ByteBuffer.wrap(key), value == null ? null : ByteBuffer.wrap(value));
        } catch (CoordinatorCodecException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
