package io.tributary.bench.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SampleTallyTest {

    @Test
    void selfCountsTheTopFrameAndTotalCountsEveryFrameOncePerSample() {
        SampleTally tally = new SampleTally();
        tally.add(List.of("Crc.update", "Log.append", "Handler.produce"));
        tally.add(List.of("Crc.update", "Log.append", "Handler.produce"));
        tally.add(List.of("Index.add", "Log.append", "Handler.produce"));
        tally.add(List.of("Netty.read"));

        assertThat(tally.samples()).isEqualTo(4);
        assertThat(tally.topSelf(1)).containsExactly(new SampleTally.Entry("Crc.update", 2, 0.5));
        assertThat(tally.topTotal(2)).containsExactly(
                new SampleTally.Entry("Handler.produce", 3, 0.75),
                new SampleTally.Entry("Log.append", 3, 0.75));
    }

    @Test
    void recursionCountsOncePerSampleAndEmptyStacksAreIgnored() {
        SampleTally tally = new SampleTally();
        tally.add(List.of("Tree.walk", "Tree.walk", "Tree.walk", "Main.run"));
        tally.add(List.of());

        assertThat(tally.samples()).isEqualTo(1);
        assertThat(tally.topTotal(1)).containsExactly(new SampleTally.Entry("Main.run", 1, 1.0));
        assertThat(tally.topTotal(5)).allSatisfy(e -> assertThat(e.count()).isEqualTo(1));
    }

    @Test
    void weightedSamplesShareByWeightNotByCount() {
        SampleTally tally = new SampleTally();
        tally.add(List.of("ByteBuffer.allocate", "RequestReader.read"), 3_000);
        tally.add(List.of("ArrayList.grow", "Handler.handle"), 1_000);

        assertThat(tally.samples()).isEqualTo(4_000);
        assertThat(tally.topSelf(1)).containsExactly(new SampleTally.Entry("ByteBuffer.allocate", 3_000, 0.75));
    }
}
