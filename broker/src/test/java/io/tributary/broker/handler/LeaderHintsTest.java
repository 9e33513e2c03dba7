package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.wire.api.LeaderAndEpoch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader a NOT_LEADER_OR_FOLLOWER answer names (KIP-951). A broker moves its partitions to a new
 * leader before it publishes the image that says so, and the writes that waited on a partition are
 * answered in between; the hint must name the new leader then, not this broker in the old epoch (the
 * Java producer ignores a hint that is not newer than what it knows, backs off and asks for metadata).
 */
class LeaderHintsTest {

    @TempDir
    Path dir;

    @Test
    void aPartitionThatSteppedDownBeforeTheImageWasPublishedNamesItsNewLeader() throws Exception {
        try (HostedPartitions hosted = new HostedPartitions(dir)) {
            hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
            PartitionRegistration before = hosted.metadata().image().topic("t").partition(0);
            hosted.moveLeaderAway("t");

            LeaderAndEpoch hint = LeaderHints.leader(before, hosted.partition("t"));

            assertThat(LeaderHints.leader(before)).as("the image the request started with")
                    .isEqualTo(new LeaderAndEpoch(HostedPartitions.LOCAL, 0));
            assertThat(hint).isEqualTo(new LeaderAndEpoch(HostedPartitions.OTHER, 1));
        }
    }

    @Test
    void anImageNewerThanThePartitionWins() throws Exception {
        try (HostedPartitions hosted = new HostedPartitions(dir)) {
            hosted.createTopic("t", List.of(HostedPartitions.LOCAL, HostedPartitions.OTHER));
            hosted.moveLeaderAway("t");
            PartitionRegistration now = hosted.metadata().image().topic("t").partition(0);

            assertThat(LeaderHints.leader(now, hosted.partition("t"))).isEqualTo(new LeaderAndEpoch(HostedPartitions.OTHER, 1));
            assertThat(LeaderHints.leader(now, null)).isEqualTo(new LeaderAndEpoch(HostedPartitions.OTHER, 1));
        }
    }
}
