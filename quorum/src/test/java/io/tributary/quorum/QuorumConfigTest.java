package io.tributary.quorum;

import io.tributary.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuorumConfigTest {

    @Test
    void parsesVotersIncludingIpv6() {
        QuorumVoters v = QuorumVoters.parse(" 1@host-a.example:9093, 2@10.0.0.2:9093 ,3@[::1]:19093");
        assertThat(v.voters()).containsExactly(new QuorumVoter(1, "host-a.example", 9093),
                new QuorumVoter(2, "10.0.0.2", 9093), new QuorumVoter(3, "::1", 19093));
        assertThat(v.voter(3).orElseThrow().address()).isEqualTo("[::1]:19093");
        assertThat(v.majority()).isEqualTo(2);
        assertThat(QuorumVoters.parse(v.toString())).isEqualTo(v);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|at least one voter",
            "1@a:1,|empty item",
            "1a:9093|not of the form id@host:port",
            "x@a:9093|not an integer",
            "-1@a:9093|negative node id",
            "1@:9093|empty host",
            "1@a|no port",
            "1@a:port|port that is not an integer",
            "1@a:0|outside 1-65535",
            "1@a:70000|outside 1-65535",
            "1@::1:9093|IPv6 host; write it in brackets",
            "1@[::1:9093|bracketed host without ]:port",
            "1@a b:9093|characters no host name",
            "1@a:9093,1@b:9093|voter id 1 appears more than once",
            "1@a:9093,2@A:9093|share the address",
    })
    void rejectsBadVotersNamingTheKey(String text, String why) {
        assertThatThrownBy(() -> QuorumVoters.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("controller.quorum.voters")
                .hasMessageContaining(why)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("controller.quorum.voters");
    }

    private static Map<String, String> props() {
        Map<String, String> p = new HashMap<>();
        p.put("node.id", "2");
        p.put("process.roles", "broker,controller");
        p.put("controller.quorum.voters", "1@a:9093,2@b:9093,3@c:9093");
        p.put("log.dirs", "/var/lib/tributary/a,/var/lib/tributary/b");
        return p;
    }

    @Test
    void readsKafkaKeysWithOurDefaults() {
        QuorumConfig c = QuorumConfig.fromProperties(props());
        assertThat(c.nodeId()).isEqualTo(2);
        assertThat(c.voters().size()).isEqualTo(3);
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/tributary/a", "__cluster_metadata-0"));
        assertThat(c.electionTimeoutMinMs()).isEqualTo(300);
        assertThat(c.electionTimeoutMaxMs()).isEqualTo(600);
        assertThat(c.requestTimeoutMs()).isEqualTo(2000);
        assertThat(c.snapshotIntervalEntries()).isEqualTo(20_000);
        assertThat(c.segmentBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(c.wipedStorageWaitMs()).isEqualTo(1200);

        Map<String, String> p = props();
        p.put("metadata.log.dir", "/meta");
        p.put("controller.quorum.election.timeout.ms", "500");
        p.put("controller.quorum.request.timeout.ms", "3000");
        p.put("tributary.metadata.log.snapshot.interval.entries", "100");
        p.put("metadata.log.segment.bytes", "1048576");
        p.put("tributary.cluster.id", "abc");
        QuorumConfig d = QuorumConfig.fromProperties(p);
        assertThat(d.dataDir()).isEqualTo(Path.of("/meta", "__cluster_metadata-0"));
        assertThat(d.electionTimeoutMinMs()).isEqualTo(500);
        assertThat(d.electionTimeoutMaxMs()).isEqualTo(1000);
        assertThat(d.requestTimeoutMs()).isEqualTo(3000);
        assertThat(d.snapshotIntervalEntries()).isEqualTo(100);
        assertThat(d.segmentBytes()).isEqualTo(1048576);
        assertThat(d.groupId()).isNotEqualTo(c.groupId());
        assertThat(QuorumConfig.fromProperties(props()).groupId()).as("the same on every voter").isEqualTo(c.groupId());
    }

    @Test
    void aControllerMustBeAmongTheVoters() {
        Map<String, String> p = props();
        p.put("node.id", "4");
        assertThatThrownBy(() -> QuorumConfig.fromProperties(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.id 4 is not among the voters");
        p.put("process.roles", "broker");
        assertThatThrownBy(() -> QuorumConfig.fromProperties(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("process.roles");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "node.id|two|node.id",
            "controller.quorum.election.timeout.ms|10|controller.quorum.election.timeout.ms",
            "controller.quorum.election.timeout.ms|soon|controller.quorum.election.timeout.ms",
            "controller.quorum.request.timeout.ms|0|controller.quorum.request.timeout.ms",
            "tributary.metadata.log.snapshot.interval.entries|0|tributary.metadata.log.snapshot.interval.entries",
            "metadata.log.segment.bytes|1024|metadata.log.segment.bytes",
            "tributary.cluster.id|' '|tributary.cluster.id",
    })
    void badValuesNameTheirKey(String key, String value, String named) {
        Map<String, String> p = props();
        p.put(key, value);
        assertThatThrownBy(() -> QuorumConfig.fromProperties(p)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).key()).isEqualTo(named);
    }

    @Test
    void missingDirectoryAndNodeIdAreNamed() {
        Map<String, String> p = props();
        p.remove("log.dirs");
        assertThatThrownBy(() -> QuorumConfig.fromProperties(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("metadata.log.dir");
        Map<String, String> q = props();
        q.remove("node.id");
        assertThatThrownBy(() -> QuorumConfig.fromProperties(q)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.id");
    }

    @Test
    void theMaximumElectionTimeoutMustExceedTheMinimum() {
        assertThatThrownBy(() -> QuorumConfig.builder().nodeId(1).voters("1@a:1").dataDir(Path.of("/x"))
                .electionTimeoutMs(300, 300).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("must exceed the minimum");
    }
}
