package io.tributary.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The bench's command line: {@code <scenario> [--quick] [--runs N] [--systems tributary,kafka]
 * [--docs FILE | --no-docs] [--keep-data] [--port-base N] [--jfr] [--partitions N] [--offsets-mib N]}.
 *
 * @param docs where to regenerate the scenario's section; empty means do not write docs. A full run
 *             writes {@code docs/benchmarks.md} by default; a quick run writes only when asked
 * @param partitions the partition count of the foundation's multi-partition topic (default 6)
 * @param offsetsMib the groups scenario's offsets partition size in MiB, measuring the offsets load alone;
 *                   0 (the default) runs every groups measurement at the plan's size
 */
public record BenchOptions(String scenario, boolean quick, int runs, Set<SystemKind> systems,
                           Optional<Path> docs, boolean keepData, int portBase, boolean jfr, int partitions,
                           int offsetsMib, List<String> rawArgs) {

    public static final int DEFAULT_RUNS = 3;
    public static final int DEFAULT_PORT_BASE = 29300;
    public static final int DEFAULT_PARTITIONS = 6;
    /** The largest offsets partition the groups scenario fills (8 GiB); filling takes about 90 s per GiB. */
    public static final int OFFSETS_MIB_MAX = 8192;
    public static final String USAGE = """
            usage: bench/run <scenario> [options]
              scenarios: %s
              --quick              a tenth of the data (minutes instead of half an hour)
              --runs N             rounds per system, alternating Tributary and Kafka (default 3)
              --systems LIST       tributary,kafka (default both); one system alone gives no ratios
              --docs FILE          regenerate the scenario's section of FILE (default docs/benchmarks.md on full runs)
              --no-docs            do not touch the docs
              --keep-data          keep node directories under bench/target/work after the run
              --port-base N        first of the loopback ports the nodes use (default 29300)
              --jfr                record each broker with Java Flight Recorder and print its hot methods
                                   (for finding where time goes; the recording itself costs a little speed)
              --partitions N       partitions of the multi-partition produce/consume topic (default 6)
              --offsets-mib N      groups only: fill the offsets partition to N MiB and measure only its load
            """;

    public BenchOptions {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (systems.isEmpty()) {
            throw new IllegalArgumentException("--systems names no system");
        }
        if (portBase < 1024 || portBase > 65_000) {
            throw new IllegalArgumentException("--port-base out of range: " + portBase);
        }
        if (partitions < 2 || partitions > 1000) {
            throw new IllegalArgumentException("--partitions must be 2 to 1000, got " + partitions);
        }
        if (offsetsMib < 0 || offsetsMib > OFFSETS_MIB_MAX) {
            throw new IllegalArgumentException("--offsets-mib must be 1 to " + OFFSETS_MIB_MAX + ", got " + offsetsMib);
        }
        systems = Set.copyOf(systems);
        rawArgs = List.copyOf(rawArgs);
    }

    public static BenchOptions parse(List<String> args, Path defaultDocs) {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            throw new IllegalArgumentException("the first argument names the scenario");
        }
        String scenario = args.get(0);
        boolean quick = false;
        boolean keepData = false;
        boolean noDocs = false;
        boolean jfr = false;
        int runs = DEFAULT_RUNS;
        int portBase = DEFAULT_PORT_BASE;
        int partitions = DEFAULT_PARTITIONS;
        int offsetsMib = 0;
        Path docs = null;
        Set<SystemKind> systems = EnumSet.allOf(SystemKind.class);
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--quick" -> quick = true;
                case "--keep-data" -> keepData = true;
                case "--no-docs" -> noDocs = true;
                case "--jfr" -> jfr = true;
                case "--runs" -> runs = Integer.parseInt(value(flag, rest));
                case "--port-base" -> portBase = Integer.parseInt(value(flag, rest));
                case "--partitions" -> partitions = Integer.parseInt(value(flag, rest));
                case "--offsets-mib" -> {
                    offsetsMib = Integer.parseInt(value(flag, rest));
                    if (offsetsMib == 0) {
                        throw new IllegalArgumentException("--offsets-mib must be 1 to " + OFFSETS_MIB_MAX + ", got 0");
                    }
                }
                case "--docs" -> docs = Path.of(value(flag, rest));
                case "--systems" -> systems = systems(value(flag, rest));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        Optional<Path> docsTarget = noDocs ? Optional.empty()
                : docs != null ? Optional.of(docs)
                : quick ? Optional.empty() : Optional.of(defaultDocs);
        return new BenchOptions(scenario, quick, runs, systems, docsTarget, keepData, portBase, jfr, partitions, offsetsMib, args);
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static Set<SystemKind> systems(String list) {
        Set<SystemKind> systems = EnumSet.noneOf(SystemKind.class);
        for (String name : list.split(",")) {
            systems.add(SystemKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return systems;
    }

    /** The command as a user would type it again, for the report. */
    public String command() {
        return "bench/run " + String.join(" ", rawArgs);
    }
}
