package io.tributary.bench.profile;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a broker's CPU time went, from a JFR recording made with {@code bench/run ... --jfr}: the top
 * methods by self samples and by total (inclusive) samples of {@code jdk.ExecutionSample}. Usable on
 * its own: {@code java -cp bench/target/tributary-bench.jar io.tributary.bench.profile.HotMethods FILE [N]}.
 */
public final class HotMethods {

    private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    private HotMethods() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HotMethods <recording.jfr> [top N]");
            System.exit(2);
        }
        print(Path.of(args[0]), args.length == 2 ? Integer.parseInt(args[1]) : 25, System.out);
    }

    public static SampleTally tally(Path recording) throws IOException {
        SampleTally tally = new SampleTally();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals(EXECUTION_SAMPLE)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null) {
                    continue;
                }
                List<String> frames = new ArrayList<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    if (frame.isJavaFrame()) {
                        frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                    }
                }
                tally.add(frames);
            }
        }
        return tally;
    }

    public static void print(Path recording, int limit, PrintStream out) throws IOException {
        SampleTally tally = tally(recording);
        out.printf(Locale.ROOT, "%s: %d execution samples%n", recording, tally.samples());
        out.println("  top by self time (the CPU was in this method):");
        tally.topSelf(limit).forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", e.share() * 100, e.method()));
        out.println("  top by total time (this method and what it called):");
        tally.topTotal(limit).forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", e.share() * 100, e.method()));
    }
}
