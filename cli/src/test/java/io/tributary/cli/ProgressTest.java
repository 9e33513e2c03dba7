package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void drawsInPlaceAtMostEveryIntervalAndClearsTheLineAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true)) {
            progress.update("sent 10", 1_000);
            progress.update("sent 11", 1_000 + Progress.INTERVAL_MS - 1);
            progress.update("sent 2", 1_000 + Progress.INTERVAL_MS);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("\rsent 10\rsent 2 \r       \r");
    }

    @Test
    void printsNothingWhenStderrIsNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false)) {
            progress.update("sent 10", 1_000);
        }
        assertThat(bytes.size()).isZero();
    }
}
