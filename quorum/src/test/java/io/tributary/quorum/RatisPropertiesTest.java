package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.retry.MultipleLinearRandomRetry;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The leader tries a follower whose appends failed again within a third of the shortest election
 * timeout, for ever: a voter back from a restart is heard before a second failure could leave the
 * leader without a majority that answered in time. A leader that lost its majority anyway campaigns
 * again after an election timeout, not after Ratis's 10 s.
 */
class RatisPropertiesTest {

    @Test
    void aFailedFollowerIsTriedAgainWithinAThirdOfAnElectionTimeoutForEver() {
        MultipleLinearRandomRetry byDefault = MultipleLinearRandomRetry.parseCommaSeparated(RatisProperties.appenderRetryPolicy(300));
        assertThat(byDefault).isNotNull();
        assertThat(byDefault.toString()).contains("100ms").doesNotContain("5s").doesNotContain("1s");
        MultipleLinearRandomRetry fast = MultipleLinearRandomRetry.parseCommaSeparated(RatisProperties.appenderRetryPolicy(60));
        assertThat(fast.toString()).contains("20ms");
        assertThat(RatisProperties.appenderRetryPolicy(1)).as("never a zero wait").contains(", 1ms,");
    }

    @Test
    void aLeaderThatLostItsMajorityCampaignsAgainAfterAnElectionTimeout(@TempDir Path dir) {
        QuorumConfig config = QuorumConfig.builder().nodeId(1).voters(QuorumVoters.parse("1@127.0.0.1:9093")).dataDir(dir).build();
        assertThat(RaftServerConfigKeys.LeaderElection.leaderStepDownWaitTime(RatisProperties.of(config))
                .toLong(TimeUnit.MILLISECONDS)).isEqualTo(config.electionTimeoutMinMs());
    }
}
