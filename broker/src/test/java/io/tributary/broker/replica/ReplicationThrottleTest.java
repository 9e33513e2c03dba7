package io.tributary.broker.replica;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.TopicId;
import io.tributary.common.TopicPartition;
import io.tributary.metadata.config.DynamicBrokerKeys;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.ConfigResourceType;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.TopicRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The replication throttle (KIP-73): which replicas it applies to, and that a throttled fetch loop
 * is bounded by the rate (plus one second's burst and one fetch), while an unthrottled one is not.
 */
class ReplicationThrottleTest {

    private static final TopicId TOPIC = new TopicId(1, 2);
    private static final long RATE = 100_000;       // bytes/s
    private static final int FETCH_BYTES = 64 * 1024;

    private MetadataImage image = MetadataImage.EMPTY;
    private long offset;

    private void apply(MetadataRecord... records) {
        MetadataDelta delta = new MetadataDelta(image);
        delta.replayAll(List.of(records));
        image = delta.apply(++offset);
    }

    /** Partition t-0 on brokers 1 (leader) and 2 (in the ISR) and 3 (moving in, outside the ISR). */
    private void cluster(String leaderReplicas, String followerReplicas) {
        image = MetadataImage.EMPTY;
        List<MetadataRecord> records = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            records.add(new RegisterBrokerRecord(id, 10 + id, new UUID(id, 1),
                    List.of(new BrokerEndpoint("PLAINTEXT", "h" + id, 9092, "PLAINTEXT")), null, false));
        }
        records.add(new TopicRecord("t", TOPIC));
        records.add(new PartitionRecord(TOPIC, 0, List.of(1, 2, 3), List.of(1, 2), 1, 0, 0, List.of(), List.of(), List.of(3), List.of()));
        records.add(new ConfigRecord(ConfigResourceType.TOPIC, "t", "leader.replication.throttled.replicas", leaderReplicas));
        records.add(new ConfigRecord(ConfigResourceType.TOPIC, "t", "follower.replication.throttled.replicas", followerReplicas));
        apply(records.toArray(MetadataRecord[]::new));
    }

    @Test
    void onlyListedReplicasOutsideTheIsrAreThrottled() {
        cluster("0:1,0:2", "0:3");
        TopicPartition tp = new TopicPartition("t", 0);
        ReplicationThrottle leaderOn1 = ReplicationThrottle.leader(1, RATE, () -> image);
        assertThat(leaderOn1.isThrottled(image, tp, 3)).as("the moving replica").isTrue();
        assertThat(leaderOn1.isThrottled(image, tp, 2)).as("an ISR follower, which acks=all waits on").isFalse();
        assertThat(ReplicationThrottle.leader(3, RATE, () -> image).isThrottled(image, tp, 3)).as("0:3 is not in the leader list").isFalse();
        assertThat(ReplicationThrottle.follower(3, RATE, () -> image).isThrottled(image, tp, 3)).isTrue();
        assertThat(ReplicationThrottle.follower(2, RATE, () -> image).isThrottled(image, tp, 2)).isFalse();
        assertThat(leaderOn1.isThrottled(image, new TopicPartition("t", 5), 3)).isFalse();
        cluster("*", "");
        assertThat(ReplicationThrottle.leader(1, RATE, () -> image).isThrottled(image, tp, 3)).as("* names every replica").isTrue();
    }

    /** Fetches {@code FETCH_BYTES} every 10 ms for {@code spanMs}, as the throttle allows; the bytes sent. */
    private static long fetchLoop(ReplicationThrottle throttle, long spanMs) {
        long sent = 0;
        for (long now = 0; now <= spanMs; now += 10) {
            if (!throttle.isExceeded(now)) {
                throttle.record(FETCH_BYTES, now);
                sent += FETCH_BYTES;
            }
        }
        return sent;
    }

    @Test
    void aThrottledFetchLoopIsBoundedByTheRate() {
        long spanMs = 10_000;
        long sent = fetchLoop(ReplicationThrottle.leader(1, RATE, () -> MetadataImage.EMPTY), spanMs);
        long bound = RATE * spanMs / 1000 + RATE + FETCH_BYTES;
        assertThat(sent).isLessThanOrEqualTo(bound).isGreaterThanOrEqualTo(RATE * spanMs / 1000 - FETCH_BYTES);
        long unthrottled = fetchLoop(ReplicationThrottle.leader(1, DynamicBrokerKeys.UNTHROTTLED, () -> MetadataImage.EMPTY), spanMs);
        assertThat(unthrottled).as("without a rate every fetch goes").isEqualTo((spanMs / 10 + 1) * FETCH_BYTES);
    }

    @Test
    void theDynamicRateWinsPerBrokerThenClusterDefaultThenTheFile() {
        cluster("*", "*");
        ReplicationThrottle t = ReplicationThrottle.leader(1, 7, () -> image);
        assertThat(t.rateBytesPerSecond()).isEqualTo(7);
        apply(new ConfigRecord(ConfigResourceType.BROKER, "", DynamicBrokerKeys.LEADER_REPLICATION_THROTTLED_RATE, "500"));
        assertThat(t.rateBytesPerSecond()).isEqualTo(500);
        apply(new ConfigRecord(ConfigResourceType.BROKER, "1", DynamicBrokerKeys.LEADER_REPLICATION_THROTTLED_RATE, "900"));
        assertThat(t.rateBytesPerSecond()).isEqualTo(900);
        assertThat(ReplicationThrottle.leader(2, 7, () -> image).rateBytesPerSecond()).as("broker 2 has the default").isEqualTo(500);
    }
}
