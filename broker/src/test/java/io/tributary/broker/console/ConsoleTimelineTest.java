package io.tributary.broker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.image.ImageSteps;
import io.tributary.common.TopicId;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.record.BrokerControlledShutdownRecord;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.UnfenceBrokerRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The timeline names each change the seed's figure 3 shows (a broker fenced, its leaderships moving
 * to ISR members, the ISR shrinking) with its kind and reason, newest first, in a bounded ring, and
 * leaves out what the broker replayed before it served.
 */
class ConsoleTimelineTest {

    private static final TopicId TOPIC = new TopicId(3, 3);
    private final AtomicBoolean live = new AtomicBoolean(true);
    private final ConsoleTimeline timeline = new ConsoleTimeline(live::get, () -> 42_000L);
    private final ImageSteps images = new ImageSteps().subscribe(timeline::onImage);

    private void apply(MetadataRecord... records) {
        images.apply(records);
    }

    private void start() {
        images.threeBrokersAndAPartition("C", TOPIC);
    }

    private void change(Optional<List<Integer>> isr, OptionalInt leader) {
        images.change(TOPIC, isr, leader);
    }

    private List<String> kindsNewestFirst() {
        return timeline.latest(100).stream().map(ConsoleTimeline.Event::kind).toList();
    }

    @Test
    void aFencedLeaderShowsAsFencingThenACleanElectionAndAShrink() {
        start();
        assertThat(kindsNewestFirst()).containsOnly("broker-registered");

        // As the controller writes them: the leadership moves first, then the broker is fenced.
        apply(new PartitionChangeRecord(TOPIC, 0, Optional.of(List.of(2, 3)), OptionalInt.of(2), 1, 1),
                new FenceBrokerRecord(1, 11));

        List<ConsoleTimeline.Event> latest = timeline.latest(3);
        assertThat(latest).extracting(ConsoleTimeline.Event::kind).containsExactly("isr-shrink", "election", "broker-fenced");
        ConsoleTimeline.Event shrink = latest.get(0);
        assertThat(shrink.topic()).isEqualTo("C");
        assertThat(shrink.detail()).isEqualTo("ISR [1, 2, 3] -> [2, 3]");
        assertThat(shrink.reason()).isEqualTo("broker 1 fenced");
        ConsoleTimeline.Event election = latest.get(1);
        assertThat(election.broker()).isEqualTo(2);
        assertThat(election.detail()).isEqualTo("leader 1 -> 2 at epoch 1");
        assertThat(election.reason()).isEqualTo("clean");
        assertThat(latest.get(2).reason()).startsWith("its session ended");
        assertThat(latest).allSatisfy(e -> assertThat(e.timeMs()).isEqualTo(42_000L));
        assertThat(latest.get(0).seq()).isGreaterThan(latest.get(1).seq());
    }

    @Test
    void electionKindsFollowWhereTheNewLeaderCameFrom() {
        start();
        apply(new PartitionChangeRecord(TOPIC, 0, Optional.of(List.of(2, 3)), OptionalInt.of(2), 1, 1),
                new BrokerControlledShutdownRecord(1, 11));
        assertThat(timeline.latest(1).get(0).kind()).isEqualTo("isr-shrink");
        assertThat(timeline.latest(2).get(1).reason()).isEqualTo("controlled-shutdown");

        // Broker 1 comes back, catches up, and takes its preferred leadership back while 2 lives.
        apply(new RegisterBrokerRecord(1, 21, new UUID(1, 2),
                List.of(new BrokerEndpoint("PLAINTEXT", "h1", 9092, "PLAINTEXT")), null, true));
        apply(new UnfenceBrokerRecord(1, 21));
        change(Optional.of(List.of(2, 3, 1)), OptionalInt.empty());
        assertThat(timeline.latest(1).get(0).reason()).isEqualTo("replica [1] caught up with leader 2");
        change(Optional.empty(), OptionalInt.of(1));
        assertThat(timeline.latest(1).get(0).reason()).isEqualTo("preferred");

        // An ISR of one, then a leader from outside it: what unclean.leader.election.enable allows.
        change(Optional.of(List.of(1)), OptionalInt.empty());
        assertThat(timeline.latest(1).get(0).reason()).as("no broker left: the leader asked").contains("AlterPartition");
        PartitionRegistration reg = images.image().partition(TOPIC, 0);
        apply(new PartitionChangeRecord(TOPIC, 0, Optional.of(List.of(3)), OptionalInt.of(3), reg.leaderEpoch() + 1,
                reg.partitionEpoch() + 1), new FenceBrokerRecord(1, 21));
        assertThat(timeline.latest(3)).extracting(ConsoleTimeline.Event::reason).contains("unclean");
    }

    @Test
    void historyReplayedBeforeTheBrokerServesIsLeftOut() {
        live.set(false);
        start();
        change(Optional.of(List.of(2, 3)), OptionalInt.of(2));
        assertThat(timeline.latest(10)).isEmpty();
        live.set(true);
        change(Optional.of(List.of(2)), OptionalInt.empty());
        assertThat(kindsNewestFirst()).containsExactly("isr-shrink");
    }

    @Test
    void theRingKeepsOnlyTheNewestEvents() {
        start();
        for (int i = 0; i < ConsoleTimeline.EVENTS_MAX; i++) {
            change(Optional.of(i % 2 == 0 ? List.of(1, 2) : List.of(1, 2, 3)), OptionalInt.empty());
        }
        List<ConsoleTimeline.Event> all = timeline.latest(Integer.MAX_VALUE);
        assertThat(all).hasSize(ConsoleTimeline.EVENTS_MAX);
        assertThat(all.get(0).kind()).as("the last change expanded the ISR").isEqualTo("isr-expand");
        assertThat(all).extracting(ConsoleTimeline.Event::kind).doesNotContain("broker-registered");
        assertThat(timeline.latest(2)).hasSize(2);
    }
}
