package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ratis.retry.MultipleLinearRandomRetry;
import org.junit.jupiter.api.Test;

/**
 * The leader tries a follower whose appends failed again within a third of the shortest election
 * timeout, for ever: a voter back from a restart is heard before a second failure could leave the
 * leader without a majority that answered in time.
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
}
