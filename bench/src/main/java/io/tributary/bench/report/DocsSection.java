package io.tributary.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates one scenario's section of {@code docs/benchmarks.md}. The section sits between two HTML
 * comments, {@code <!-- bench:NAME:begin -->} and {@code <!-- bench:NAME:end -->}; everything outside
 * them (the method and caveats a person wrote) is left exactly as it was.
 */
public final class DocsSection {

    private DocsSection() {
    }

    public static String begin(String scenario) {
        return "<!-- bench:" + scenario + ":begin -->";
    }

    public static String end(String scenario) {
        return "<!-- bench:" + scenario + ":end -->";
    }

    /** Returns the document with the section replaced, or appended at the end when it is not there yet. */
    public static String replace(String document, String scenario, String body) {
        String begin = begin(scenario);
        String end = end(scenario);
        String section = begin + "\n" + body.strip() + "\n" + end;
        int from = document.indexOf(begin);
        int to = document.indexOf(end);
        if (from < 0 && to < 0) {
            String separator = document.isEmpty() || document.endsWith("\n\n") ? "" : document.endsWith("\n") ? "\n" : "\n\n";
            return document + separator + section + "\n";
        }
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("docs have a broken bench section for " + scenario
                    + ": expected " + begin + " before " + end);
        }
        return document.substring(0, from) + section + document.substring(to + end.length());
    }

    public static void write(Path file, String scenario, String body) throws IOException {
        String document = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Files.writeString(file, replace(document, scenario, body), StandardCharsets.UTF_8);
    }
}
