package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class DiscoveryBackoffProperties {

    private static final DiscoveryBackoff D = DiscoveryBackoff.DEFAULT;

    @Property(tries = 300)
    void whileVotersAnswerTheFirstRetriesStayShort(@ForAll @IntRange(min = 1, max = 30) int retry,
                                                   @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        assertThat(D.delayMs(retry, true, random)).isBetween(16L, 100L);
    }

    @Property(tries = 300)
    void whenNoVoterAnswersOrTheElectionLastsTooLongTheLongScheduleApplies(
            @ForAll @IntRange(min = 1, max = 10_000) int retry, @ForAll boolean quorumAnswered,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        if (!quorumAnswered || retry > D.electingRetriesMax()) {
            assertThat(D.delayMs(retry, quorumAnswered, random)).isEqualTo(Backoff.CONTROLLER_DISCOVERY.delayMs(retry, random));
        }
    }

    @Property(tries = 300)
    void neverExceedsTheLongCap(@ForAll @IntRange(min = 1, max = 10_000) int retry, @ForAll boolean quorumAnswered,
                                @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        assertThat(D.delayMs(retry, quorumAnswered, random)).isBetween(16L, D.maxMs());
    }

    @Example
    void anElectionIsAskedAboutEvery100MsAfterTheFirstQuickRetries() {
        long[] electing = new long[6];
        for (int i = 0; i < electing.length; i++) {
            electing[i] = D.delayMs(i + 1, true, 0.5);
        }
        assertThat(electing).containsExactly(20, 40, 80, 100, 100, 100);
        assertThat(D.delayMs(31, true, 0.5)).as("after about three seconds of elections").isEqualTo(1_000);
        assertThat(D.delayMs(3, false, 0.5)).as("nobody answered").isEqualTo(200);
    }

    @Example
    void refusesNonsense() {
        assertThatThrownBy(() -> new DiscoveryBackoff(Backoff.CONTROLLER_DISCOVERY, null, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscoveryBackoff(Backoff.CONTROLLER_DISCOVERY, Backoff.CONTROLLER_ELECTION, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> D.delayMs(0, true, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
