package io.tributary.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: cores, CPU model, memory and the JDK. Every broker and load
 * generator JVM of a run uses the same java binary as the bench itself, so one JDK line covers them all.
 */
public record MachineInfo(int cores, String cpuModel, long memoryMiB, String jdk, String os) {

    public static MachineInfo detect() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                detectCpuModel(),
                detectMemoryMiB(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    public String markdown() {
        return String.format(Locale.ROOT, "- Machine: %d cores (%s), %,d MiB memory, %s%n- JDK: %s%n",
                cores, cpuModel, memoryMiB, os, jdk);
    }

    private static String detectCpuModel() {
        for (String line : readLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown CPU";
    }

    private static long detectMemoryMiB() {
        for (String line : readLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return ProcStatusParser.kibField(line) / 1024;
            }
        }
        return -1;
    }

    private static List<String> readLines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            return List.of();
        }
    }
}
