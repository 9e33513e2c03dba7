package io.tributary.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionEvents;
import io.tributary.broker.partition.ReplicaManager;
import io.tributary.log.EpochEntry;
import io.tributary.log.LogFsyncs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A metadata batch that moves several leaderships at once (what a controlled shutdown or a fence
 * elsewhere commits): every change of leadership on this node (led now, or led no more) is applied
 * before the changes that leave it a follower (a new epoch or ISR), and applying them makes no
 * fsync, while the new epochs still reach each partition's leader-epoch-checkpoint.
 */
class ElectionBatchApplyTest {

    @TempDir
    Path dir;

    @Test
    void leadersAreAppliedBeforeFollowersAndWithoutAnFsync() throws Exception {
        List<String> applied = new ArrayList<>();
        ReplicaManager.RoleListener roles = new ReplicaManager.RoleListener() {
            @Override
            public void roleChanged(Partition p) {
                applied.add((p.isLeader() ? "leader " : "follower ") + p.topicPartition().topic());
            }

            @Override
            public void removed(Partition p) {
            }
        };
        try (HostedPartitions hosted = new HostedPartitions(dir, PartitionEvents.NONE, roles)) {
            // Topics sort by name, and the image is read in that order: the plain followers' come first.
            List<String> followOn = List.of("a-0", "a-1");
            List<String> becomeLeaders = List.of("b-0", "b-1", "b-2");
            List<String> stopLeading = List.of("c-0", "c-1");
            for (String t : followOn) {
                hosted.createTopic(t, List.of(1, 2));
                hosted.moveLeaderAway(t);
            }
            for (String t : becomeLeaders) {
                hosted.createTopic(t, List.of(1, 2));
                hosted.moveLeaderAway(t);
            }
            for (String t : stopLeading) {
                hosted.createTopic(t, List.of(1, 2));
                hosted.append(t, 1L);
            }
            applied.clear();
            long fsyncsBefore = LogFsyncs.total();

            // Node 2 shrinks the ISR of a-* (node 1 only follows on), node 1 takes b-* and hands c-* to node 2.
            hosted.moveLeadersInOneBatch(becomeLeaders, stopLeading, followOn);

            assertThat(LogFsyncs.total() - fsyncsBefore).isZero();
            assertThat(applied).containsExactly("leader b-0", "leader b-1", "leader b-2", "follower c-0", "follower c-1",
                    "follower a-0", "follower a-1");
            for (String t : becomeLeaders) {
                Partition p = hosted.partition(t);
                assertThat(p.log().leaderEpochs().entries()).endsWith(new EpochEntry(p.leaderEpoch(), 0));
                assertThat(Files.readString(p.log().dir().resolve("leader-epoch-checkpoint"))).endsWith(p.leaderEpoch() + " 0\n");
            }
        }
    }
}
