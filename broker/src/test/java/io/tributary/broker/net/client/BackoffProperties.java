package io.tributary.broker.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class BackoffProperties {

    private static final Backoff B = Backoff.CONTROLLER_DISCOVERY;

    @Property(tries = 300)
    void neverExceedsTheCapNorFallsBelowTheJitteredFloor(@ForAll @IntRange(min = 1, max = 10_000) int retry,
                                                          @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        long d = B.delayMs(retry, random);
        assertThat(d).isBetween(Math.round(B.initialMs() * (1 - B.jitter())), B.maxMs());
    }

    @Property(tries = 200)
    void growsWithTheRetryForTheSameDraw(@ForAll @IntRange(min = 1, max = 40) int retry,
                                         @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double random) {
        assertThat(B.delayMs(retry + 1, random)).isGreaterThanOrEqualTo(B.delayMs(retry, random));
    }

    @Example
    void doublesFrom50MsTo1SecondWithoutJitterAtTheMiddleDraw() {
        assertThat(new long[] {B.delayMs(1, 0.5), B.delayMs(2, 0.5), B.delayMs(3, 0.5), B.delayMs(4, 0.5), B.delayMs(5, 0.5),
                B.delayMs(6, 0.5), B.delayMs(60, 0.5)}).containsExactly(50, 100, 200, 400, 800, 1000, 1000);
    }

    @Example
    void jitterSpreadsTwentyPercentEachWay() {
        assertThat(B.delayMs(1, 0.0)).isEqualTo(40);
        assertThat(B.delayMs(1, 0.999999)).isEqualTo(60);
        assertThat(B.delayMs(30, 0.999999)).as("capped after jitter").isEqualTo(1000);
    }

    @Example
    void refusesNonsense() {
        assertThatThrownBy(() -> B.delayMs(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> B.delayMs(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(100, 50, 0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 50, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
