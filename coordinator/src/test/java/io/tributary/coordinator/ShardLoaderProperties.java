package io.tributary.coordinator;

import io.tributary.common.TopicPartition;
import io.tributary.coordinator.api.DescribeGroupsRequest;
import io.tributary.coordinator.api.DescribeGroupsResponse;
import io.tributary.coordinator.api.ListGroupsRequest;
import io.tributary.coordinator.api.ListGroupsResponse;
import io.tributary.coordinator.api.OffsetFetchRequest;
import io.tributary.coordinator.api.OffsetFetchResponse;
import io.tributary.coordinator.record.CoordinatorRecord;
import io.tributary.coordinator.record.CoordinatorRecordCodec;
import io.tributary.coordinator.record.GroupMetadataRecord;
import io.tributary.coordinator.record.GroupMetadataValue;
import io.tributary.coordinator.record.MemberValue;
import io.tributary.coordinator.record.OffsetCommitRecord;
import io.tributary.coordinator.record.OffsetCommitValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ShardLoader}, which skips offset commits that a later record of their key replaces, builds
 * exactly the state that replaying every record does: random logs of a few groups' commits, offset
 * tombstones, group records (with and without members) and group tombstones, loaded both ways, the
 * loader's chunks flushed at random points. Compared after activation: the group list in its order,
 * each group described, each group's offsets, the activation's records, and the records the offsets
 * expiry writes a retention later (so the Empty groups and expiry times match too).
 */
class ShardLoaderProperties {

    enum Kind { COMMIT, OFFSET_TOMBSTONE, GROUP, EMPTY_GROUP, GROUP_TOMBSTONE }

    record Op(Kind kind, int group, int partition, long value) {
    }

    private static final int GROUPS = 4;
    private static final int PARTITIONS = 3;
    private static final long START_MS = 1_765_000_000_000L;

    @Provide
    Arbitrary<List<Op>> logs() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(Kind.COMMIT)), Tuple.of(3, Arbitraries.just(Kind.OFFSET_TOMBSTONE)),
                Tuple.of(2, Arbitraries.just(Kind.GROUP)), Tuple.of(1, Arbitraries.just(Kind.EMPTY_GROUP)),
                Tuple.of(1, Arbitraries.just(Kind.GROUP_TOMBSTONE)));
        return Combinators.combine(kinds, Arbitraries.integers().between(0, GROUPS - 1),
                        Arbitraries.integers().between(0, PARTITIONS - 1), Arbitraries.longs().between(0, 1_000))
                .as(Op::new).list().ofMinSize(1).ofMaxSize(120);
    }

    @Property(tries = 500, seed = "20261207")
    void skippingReplacedCommitsBuildsTheSameState(@ForAll("logs") List<Op> ops, @ForAll long chunkSeed) {
        List<CoordinatorRecord> records = ops.stream().map(ShardLoaderProperties::record).toList();

        GroupCoordinatorShard everyRecord = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
        for (int i = 0; i < records.size(); i++) {
            everyRecord.replay(i, records.get(i));
        }
        GroupCoordinatorShard skipping = new GroupCoordinatorShard(GroupCoordinatorConfig.defaults(), new SplittableRandom(1));
        ShardDriver.load(skipping, records, new SplittableRandom(chunkSeed));

        assertThat(state(skipping, records.size())).isEqualTo(state(everyRecord, records.size()));
        Statistics.label("groups left").collect(everyRecord.groupCount());
    }

    private static CoordinatorRecord record(Op op) {
        String group = "group-" + op.group();
        TopicPartition tp = new TopicPartition("topic", op.partition());
        return switch (op.kind()) {
            case COMMIT -> new OffsetCommitRecord(group, tp, new OffsetCommitValue(op.value(), 3, "m" + op.value(),
                    START_MS + op.value(), op.value() % 7 == 0 ? START_MS + op.value() * 1_000 : -1));
            case OFFSET_TOMBSTONE -> OffsetCommitRecord.tombstone(group, tp);
            case GROUP -> new GroupMetadataRecord(group, new GroupMetadataValue("consumer", (int) op.value(), "range",
                    "member-" + op.value(), START_MS, List.of(new MemberValue("member-" + op.value(), null, "client", "/10.0.0.1",
                    60_000, 45_000, new byte[]{1, (byte) op.value()}, new byte[]{2}))));
            case EMPTY_GROUP -> new GroupMetadataRecord(group, new GroupMetadataValue("consumer", (int) op.value(), null, null,
                    START_MS + op.value(), List.of()));
            case GROUP_TOMBSTONE -> GroupMetadataRecord.tombstone(group);
        };
    }

    /** Everything a client or the log could see of the shard, activated at {@code logEnd}, and then a retention later. */
    private static List<String> state(GroupCoordinatorShard shard, int logEnd) {
        List<String> seen = new ArrayList<>();
        seen.add("groups " + shard.groupCount() + ", offsets " + shard.offsetCount());
        seen.add("activation " + render(shard.activate(logEnd, START_MS).records()));
        ListGroupsResponse listed = (ListGroupsResponse) shard.handle(1, ListGroupsRequest.all(), START_MS).replies().get(0).response();
        seen.add("listed " + listed.groups());
        List<String> ids = listed.groups().stream().map(ListGroupsResponse.ListedGroup::groupId).toList();
        DescribeGroupsResponse described = (DescribeGroupsResponse) shard.handle(2, new DescribeGroupsRequest(ids), START_MS)
                .replies().get(0).response();
        for (DescribeGroupsResponse.DescribedGroup g : described.groups()) {
            seen.add("described " + g.groupId() + " " + g.error() + " " + g.state() + " " + g.protocolType() + " " + g.protocolName()
                    + " " + g.members().stream().map(m -> m.memberId() + "/" + m.clientId() + "/" + Arrays.toString(m.metadata())
                    + "/" + Arrays.toString(m.assignment())).toList());
        }
        for (int g = 0; g < GROUPS; g++) {
            OffsetFetchResponse fetched = (OffsetFetchResponse) shard.handle(3 + g, new OffsetFetchRequest("group-" + g, null, false),
                    START_MS).replies().get(0).response();
            seen.add("offsets of group-" + g + " " + fetched.error() + " " + fetched.partitions().stream()
                    .sorted(Comparator.comparingInt(f -> f.partition().partition())).toList());
        }
        long later = START_MS + TimeUnit.DAYS.toMillis(8);
        seen.add("expiry " + render(shard.tick(later).records()));
        seen.add("after expiry: groups " + shard.groupCount() + ", offsets " + shard.offsetCount());
        return seen;
    }

    private static List<String> render(List<CoordinatorRecord> records) {
        return records.stream().map(r -> Arrays.toString(CoordinatorRecordCodec.key(r)) + "="
                + Arrays.toString(CoordinatorRecordCodec.value(r))).toList();
    }
}
