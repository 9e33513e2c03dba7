package io.tributary.bench.report;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryProperties {

    @Property(tries = 200)
    void medianSplitsTheSamplesInHalfAndSitsBetweenMinAndMax(
            @ForAll @Size(min = 1, max = 15) List<@DoubleRange(min = -1e6, max = 1e6) Double> samples) {
        Summary summary = Summary.of(samples);

        assertThat(summary.min()).isEqualTo(Collections.min(samples));
        assertThat(summary.max()).isEqualTo(Collections.max(samples));
        long below = samples.stream().filter(s -> s < summary.median()).count();
        long above = samples.stream().filter(s -> s > summary.median()).count();
        assertThat(below).isLessThanOrEqualTo(samples.size() / 2);
        assertThat(above).isLessThanOrEqualTo(samples.size() / 2);
    }

    @Property(tries = 100)
    void runOrderDoesNotChangeTheSummary(
            @ForAll @Size(min = 1, max = 9) List<@DoubleRange(min = 0, max = 1e6) Double> samples) {
        List<Double> reversed = new ArrayList<>(samples);
        Collections.reverse(reversed);

        Summary forward = Summary.of(samples);
        Summary backward = Summary.of(reversed);

        assertThat(backward.median()).isEqualTo(forward.median());
        assertThat(backward.min()).isEqualTo(forward.min());
        assertThat(backward.max()).isEqualTo(forward.max());
    }
}
