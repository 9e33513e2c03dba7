package io.tributary.bench.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.bench.SystemKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterMemberTest {

    private static final Path DIR = Path.of("/tmp/bench-cluster");

    @Test
    void everyNodeOfBothSystemsGetsItsOwnPortsClearOfTheSingleNodesAndInsideTheBenchRange() {
        int portBase = 29600;
        Set<Integer> ports = new HashSet<>(List.of(portBase, portBase + 1, portBase + 10, portBase + 11));
        List<Integer> cluster = new ArrayList<>();
        for (SystemKind system : SystemKind.values()) {
            for (int id = 1; id <= ClusterMember.Layout.CLUSTER_SIZE_MAX; id++) {
                ClusterMember.Layout layout = ClusterMember.Layout.of(portBase, system, DIR, id);
                cluster.add(layout.clientPort());
                cluster.add(layout.controllerPort());
                assertThat(layout.directory()).isEqualTo(DIR.resolve("node-" + id));
            }
        }
        assertThat(cluster).doesNotHaveDuplicates().allMatch(p -> p >= portBase + 20 && p < portBase + 40)
                .noneMatch(ports::contains);
    }

    @Test
    void nodeIdsOutsideTheClusterRangeAreRefused() {
        assertThatThrownBy(() -> ClusterMember.Layout.of(29600, SystemKind.KAFKA, DIR, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterMember.Layout.of(29600, SystemKind.KAFKA, DIR, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesNameTheVotersTheListenersAndTheNodesDataDirectory() {
        ClusterMember.Layout layout = ClusterMember.Layout.of(29600, SystemKind.TRIBUTARY, DIR, 2);
        String voters = "1@127.0.0.1:29625,2@127.0.0.1:29626,3@127.0.0.1:29627";
        Map<String, String> props = ClusterMember.properties(layout, voters, Set.of());
        assertThat(props).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", voters)
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:29621,CONTROLLER://127.0.0.1:29626")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:29621")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", DIR.resolve("node-2").resolve("data").toString());
        assertThat(voters).contains("2@" + layout.controllerAddress());
    }

    @Test
    void aKeyLeftAtTheSystemsDefaultIsNotWrittenAndAnUnknownOneIsRefused() {
        ClusterMember.Layout layout = ClusterMember.Layout.of(29600, SystemKind.KAFKA, DIR, 1);
        String voters = "1@" + layout.controllerAddress();
        assertThat(ClusterMember.properties(layout, voters, Set.of())).containsEntry("group.initial.rebalance.delay.ms", "0");
        assertThat(ClusterMember.properties(layout, voters, Set.of("group.initial.rebalance.delay.ms")))
                .doesNotContainKey("group.initial.rebalance.delay.ms").containsKey("node.id");
        assertThatThrownBy(() -> ClusterMember.properties(layout, voters, Set.of("num.io.threads")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
