package io.tributary.bench.report;

import java.util.List;

/**
 * Reads memory figures out of the text of {@code /proc/<pid>/status} (and {@code /proc/meminfo}), where
 * each line is {@code Name:<spaces>value kB}. VmRSS is the resident set now; VmHWM is its high-water mark
 * since the process started, which catches a peak that a later sample would miss.
 */
public final class ProcStatusParser {

    private ProcStatusParser() {
    }

    /** The named field in KiB; throws when the field is missing or not in kB, rather than report a wrong figure. */
    public static long kib(List<String> statusLines, String field) {
        String prefix = field + ":";
        for (String line : statusLines) {
            if (line.startsWith(prefix)) {
                return kibField(line);
            }
        }
        throw new IllegalArgumentException("no " + field + " line in /proc status text");
    }

    /** Parses {@code "VmRSS:\t  123456 kB"} into 123456. */
    static long kibField(String line) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        String[] parts = value.split("\\s+");
        if (parts.length != 2 || !parts[1].equals("kB")) {
            throw new IllegalArgumentException("expected '<number> kB' in: " + line);
        }
        return Long.parseLong(parts[0]);
    }
}
