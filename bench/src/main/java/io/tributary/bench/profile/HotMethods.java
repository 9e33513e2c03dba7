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
 * Where a broker's time and heap went, from a JFR recording made with {@code bench/run ... --jfr}: the
 * top methods by self and by total (inclusive) {@code jdk.ExecutionSample}s (CPU in Java code), and the
 * top allocation sites weighted by bytes ({@code jdk.ObjectAllocationSample}), since a broker that
 * copies every request into the heap pays for it in GC rather than in any one hot method, and the top
 * methods by {@code jdk.NativeMethodSample}s with idle waits left out: a broker spends most of its
 * produce time in system calls (writing the page cache, reading sockets), which execution samples
 * never see. Usable on
 * its own: {@code java -cp bench/target/tributary-bench.jar io.tributary.bench.profile.HotMethods FILE [N]}.
 */
public final class HotMethods {

    private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    private static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    private static final String NATIVE_SAMPLE = "jdk.NativeMethodSample";
    /** Native frames where a thread waits for work rather than does it: event loops, parked and sleeping threads. */
    private static final List<String> IDLE_WAITS = List.of("epollWait", "epollWait0", "epollBusyWait0", "wait", "park", "wait0",
            "sleep", "sleep0", "accept", "accept0", "poll", "poll0", "select", "socketAccept");

    private HotMethods() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: HotMethods <recording.jfr> [top N]");
            System.exit(2);
        }
        print(Path.of(args[0]), args.length == 2 ? Integer.parseInt(args[1]) : 25, System.out);
    }

    /** The CPU samples and the allocation samples of one recording. */
    public record Profile(SampleTally cpu, SampleTally allocation, SampleTally nativeCode) {
    }

    public static Profile read(Path recording) throws IOException {
        SampleTally cpu = new SampleTally();
        SampleTally allocation = new SampleTally();
        SampleTally nativeCode = new SampleTally();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals(EXECUTION_SAMPLE)) {
                    cpu.add(frames(event.getStackTrace()));
                } else if (type.equals(ALLOCATION_SAMPLE)) {
                    allocation.add(frames(event.getStackTrace()), event.getLong("weight"));
                } else if (type.equals(NATIVE_SAMPLE)) {
                    List<String> frames = frames(event.getStackTrace());
                    if (!frames.isEmpty() && !isIdleWait(frames.get(0))) {
                        nativeCode.add(frames);
                    }
                }
            }
        }
        return new Profile(cpu, allocation, nativeCode);
    }

    /** Whether a native frame ({@code Class.method}) is a thread waiting for work rather than doing it. */
    static boolean isIdleWait(String frame) {
        return IDLE_WAITS.contains(frame.substring(frame.lastIndexOf('.') + 1));
    }

    private static List<String> frames(RecordedStackTrace stack) {
        List<String> frames = new ArrayList<>();
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                if (frame.isJavaFrame()) {
                    frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
                }
            }
        }
        return frames;
    }

    public static void print(Path recording, int limit, PrintStream out) throws IOException {
        Profile profile = read(recording);
        out.printf(Locale.ROOT, "%s: %d execution samples, %,d MiB of sampled allocation%n", recording,
                profile.cpu().samples(), profile.allocation().samples() / (1024 * 1024));
        section(out, "top by self time (the CPU was in this method)", profile.cpu().topSelf(limit));
        section(out, "top by total time (this method and what it called)", profile.cpu().topTotal(limit));
        section(out, "top allocation sites by bytes (the method that allocated)", profile.allocation().topSelf(limit));
        section(out, "top allocating paths by bytes (this method and what it called)", profile.allocation().topTotal(limit));
        out.printf(Locale.ROOT, "  %d native samples outside idle waits (threads in system calls or native code):%n",
                profile.nativeCode().samples());
        section(out, "top native methods (the system call or native method itself)", profile.nativeCode().topSelf(limit));
        section(out, "top paths into native code (this method and what it called)", profile.nativeCode().topTotal(limit));
    }

    private static void section(PrintStream out, String title, List<SampleTally.Entry> entries) {
        out.println("  " + title + ":");
        entries.forEach(e -> out.printf(Locale.ROOT, "    %5.1f%%  %s%n", e.share() * 100, e.method()));
    }
}
