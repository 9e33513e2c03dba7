package io.tributary.e2e.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One node's stdout and stderr, kept in a single file across restarts. Before each launch the
 * harness appends a marker line, so the lines of the current run (since the last launch) can be
 * told apart from those of earlier runs: "did this start log one recovery line" is a question
 * about one launch, not about the whole file.
 */
public final class NodeLog {
    /** Every marker line starts with this, and no broker line does. */
    static final String MARKER_PREFIX = "==== tributary-e2e: launch #";
    /** The tail read for failure reports is bounded, so a runaway log cannot flood the test output. */
    private static final int TAIL_BYTES_MAX = 256 * 1024;

    private final Path file;

    NodeLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    void appendMarker(int launch, List<String> command) {
        String line = MARKER_PREFIX + launch + " at " + Instant.now() + ": " + String.join(" ", command) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every line of every launch. */
    public List<String> allLines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The lines written since the last launch marker (the current or most recent run). */
    public List<String> linesSinceLastLaunch() {
        List<String> all = allLines();
        int start = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).startsWith(MARKER_PREFIX)) {
                start = i + 1;
                break;
            }
        }
        return List.copyOf(all.subList(start, all.size()));
    }

    /** The lines of the current run that match {@code pattern} (found anywhere in the line). */
    public List<String> linesSinceLastLaunchMatching(Pattern pattern) {
        return linesSinceLastLaunch().stream().filter(line -> pattern.matcher(line).find()).toList();
    }

    /** The last {@code lineCount} lines of the file, for failure reports. */
    public String tail(int lineCount) {
        if (!Files.exists(file)) {
            return "(no log file " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - TAIL_BYTES_MAX);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0); // a partial line
            }
            int first = Math.max(0, lines.size() - lineCount);
            return String.join("\n", lines.subList(first, lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }
}
