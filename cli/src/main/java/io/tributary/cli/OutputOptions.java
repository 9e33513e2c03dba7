package io.tributary.cli;

import java.io.PrintStream;
import picocli.CommandLine.Option;

/** {@code --json}: the command prints one JSON document (or one per line, for records) instead of tables. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print JSON for scripts instead of tables for people.")
    boolean json;

    public boolean json() {
        return json;
    }

    /** Prints {@code value} as JSON, or the table, whichever the user asked for. */
    public void print(PrintStream out, Object value, Table table) {
        if (json) {
            out.println(Json.write(value));
        } else {
            table.print(out);
        }
    }
}
