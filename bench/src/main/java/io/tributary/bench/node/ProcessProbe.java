package io.tributary.bench.node;

import io.tributary.bench.report.ProcStatusParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reads a live process's memory and CPU from {@code /proc}: resident set (VmRSS), its high-water mark
 * (VmHWM), and the CPU time it has used so far (user + system), which shows how much of the two shared
 * cores a broker needed for the same work.
 */
public final class ProcessProbe {

    private ProcessProbe() {
    }

    public record Memory(long rssKiB, long hwmKiB) {
    }

    public static Memory memory(long pid) throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        return new Memory(ProcStatusParser.kib(status, "VmRSS"), ProcStatusParser.kib(status, "VmHWM"));
    }

    public static Duration cpuTime(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .orElseThrow(() -> new IllegalStateException("no CPU time for pid " + pid + " (process gone?)"));
    }
}
