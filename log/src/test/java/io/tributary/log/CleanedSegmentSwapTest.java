package io.tributary.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.common.records.BatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A crash at each step of the swap leaves the log either as it was before the cleaning or as after it, never a mix. */
class CleanedSegmentSwapTest extends LogTestSupport {

    @AfterEach
    void unhook() {
        CleanedSegmentSwap.afterStep = null;
    }

    @Test
    void aCrashAtEveryStepOfTheSwapRecoversToBeforeOrAfter() throws Exception {
        // Segments roll by time, so that they all fit one cleaned segment: one swap.
        LogConfig config = CompactionTest.compacted(1 << 20).withSegmentMs(1_000);
        open(config);
        for (int i = 0; i < 30; i++) {
            log.appendAsLeader(CompactionTest.keyed(time.milliseconds(), "k" + (i % 5), "v" + i), 0);
            time.advance(400);
        }
        assertThat(log.segmentCount()).isGreaterThan(4);
        Map<Long, String> before = records(log);
        Map<String, Path> crashes = new LinkedHashMap<>();
        CleanedSegmentSwap.afterStep = (step, d) -> crashes.computeIfAbsent(step, s -> copy(d, root.resolve("crash-" + s).resolve(TP.dirName())));
        LogCleaner cleaner = new LogCleaner(CleanerConfig.DEFAULT.withDedupeBufferBytes(1 << 20),
                () -> List.of(new LogCleaner.Cleanable(log, () -> log.logEndOffset())), time);
        assertThat(cleaner.cleanDirtiest(cleaner.newCompactor())).isPresent();
        Map<Long, String> after = records(log);
        assertThat(after).isNotEqualTo(before);
        assertThat(crashes).containsOnlyKeys("cleaned", "marker", "committed", "retired", "done");

        for (Map.Entry<String, Path> crash : crashes.entrySet()) {
            PartitionLog recovered = PartitionLog.open(crash.getValue(), TP, config, time, scheduler);
            try {
                Map<Long, String> got = records(recovered);
                boolean committed = !crash.getKey().equals("cleaned") && !crash.getKey().equals("marker");
                assertThat(got).as("a crash after step %s", crash.getKey()).isEqualTo(committed ? after : before);
                recovered.verifyIndexes();
                try (Stream<Path> files = Files.list(crash.getValue())) {
                    assertThat(files.map(p -> p.getFileName().toString()))
                            .as("nothing of the swap is left after recovery from step %s", crash.getKey())
                            .noneMatch(n -> n.endsWith(".cleaned") || n.endsWith(".swap") || n.endsWith(".cleaner-swap"));
                }
            } finally {
                recovered.close();
            }
        }
    }

    static Map<Long, String> records(PartitionLog l) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (BatchBuilder.Record r : BatchBuilder.readAll(TestBatches.readAll(l, l.logStartOffset()))) {
            out.put(r.offset(), new String(r.keyBytes()) + "=" + new String(r.valueBytes()));
        }
        return out;
    }

    /** Copies the regular files of {@code from} (as a crash would leave them on disk) into {@code to}. */
    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(from)) {
                s.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
