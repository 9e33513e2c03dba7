package io.tributary.metadata.controller;

import io.tributary.common.TopicId;
import io.tributary.metadata.config.TopicConfigResolver;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log listener that replays every committed record one at a time onto its own image and checks
 * the cluster invariants after each: at most one leader per partition per leader epoch, epochs
 * never go backwards (and nothing changes without a new partition epoch), the leader is an active
 * broker in the ISR, the ISR is a subset of the replicas (empty only without a leader), the eligible
 * leader replicas are replicas outside the ISR, and a replica only joins the ELR from the ISR. At the
 * end of every batch, a partition whose ISR is at least its topic's {@code min.insync.replicas} has
 * no ELR (its leader commits without the others, so none of them is sure to hold everything).
 */
final class ImageInvariants implements MetadataLog.Listener {

    private record PartitionKey(TopicId topicId, int partition) {
    }

    private record EpochKey(TopicId topicId, int partition, int leaderEpoch) {
    }

    private final Map<EpochKey, Integer> leaderOfEpoch = new HashMap<>();
    private final Map<PartitionKey, PartitionRegistration> last = new HashMap<>();
    private final TopicConfigResolver configs;
    private MetadataImage image = MetadataImage.EMPTY;
    int recordsChecked;

    /** Checks against the effective topic configs that {@code configs} resolves, as the controller's own. */
    ImageInvariants(TopicConfigResolver configs) {
        this.configs = configs;
    }

    MetadataImage image() {
        return image;
    }

    @Override
    public void onCommit(long offset, List<MetadataRecord> records) {
        for (MetadataRecord r : records) {
            MetadataDelta delta = new MetadataDelta(image);
            delta.replay(r);
            image = delta.applyUncommitted();
            check(r);
            recordsChecked++;
        }
        image = new MetadataDelta(image).apply(offset);
        checkBatch(offset);
    }

    private void checkBatch(long offset) {
        for (TopicImage t : image.topics().values()) {
            int minIsr = configs.minInsyncReplicas(image, t.name());
            for (int p = 0; p < t.partitionCount(); p++) {
                PartitionRegistration part = t.partitions().get(p);
                if (part.isr().size() >= minIsr) {
                    assertThat(part.elr()).as("no ELR at min ISR " + minIsr + ", " + t.name() + "-" + p + " after batch " + offset + ": "
                            + part).isEmpty();
                }
            }
        }
    }

    private void check(MetadataRecord after) {
        for (TopicImage t : image.topics().values()) {
            assertThat(image.topic(t.id())).isSameAs(t);
            for (int p = 0; p < t.partitionCount(); p++) {
                PartitionRegistration part = t.partitions().get(p);
                String where = t.name() + "-" + p + " after " + after;
                assertThat(part.isr().isEmpty() && part.hasLeader()).as("an empty ISR has no leader, " + where).isFalse();
                assertThat(part.replicas()).as("replicas of " + where).containsAll(part.isr());
                assertThat(part.replicas()).as("replicas of " + where).containsAll(part.elr());
                for (int id : part.elr()) {
                    assertThat(part.isr()).as("ELR outside the ISR, " + where).doesNotContain(id);
                }
                if (part.hasLeader()) {
                    assertThat(part.isr()).as("leader in ISR, " + where).contains(part.leader());
                    assertThat(image.isActiveBroker(part.leader())).as("leader active, " + where).isTrue();
                }
                Integer previousLeader = leaderOfEpoch.putIfAbsent(new EpochKey(t.id(), p, part.leaderEpoch()), part.leader());
                assertThat(previousLeader == null || previousLeader == part.leader())
                        .as("one leader per epoch " + part.leaderEpoch() + ", " + where).isTrue();
                PartitionRegistration before = last.put(new PartitionKey(t.id(), p), part);
                if (before != null) {
                    assertThat(part.leaderEpoch()).as("leader epoch, " + where).isGreaterThanOrEqualTo(before.leaderEpoch());
                    assertThat(part.partitionEpoch()).as("partition epoch, " + where).isGreaterThanOrEqualTo(before.partitionEpoch());
                    if (part.partitionEpoch() == before.partitionEpoch()) {
                        assertThat(part).as("no change without a new partition epoch, " + where).isEqualTo(before);
                    }
                    for (int id : part.elr()) {
                        assertThat(before.inIsr(id) || before.inElr(id)).as("broker " + id + " joins the ELR only from the ISR, "
                                + where).isTrue();
                    }
                    if (part.leader() != before.leader()) {
                        assertThat(part.leaderEpoch()).as("a new leader needs a new epoch, " + where).isGreaterThan(before.leaderEpoch());
                    }
                }
            }
        }
    }

    @Override
    public void onBecomeActive(long epoch) {
    }

    @Override
    public void onResign() {
    }

    @Override
    public void onSnapshotLoaded(MetadataImage snapshot) {
        image = snapshot;
    }
}
