package io.tributary.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for people: a header row in capitals, then rows, each column padded to its widest cell and
 * separated by two spaces, as {@code kafka-consumer-groups --describe} prints. Optional lines before
 * the table (a summary), lines after it, and a message when it has no rows.
 */
public final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> preamble = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();
    private String whenEmpty = "";

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** A table of no columns: only its preamble lines print. */
    public static Table lines() {
        return new Table();
    }

    /** A line printed above the table, such as a summary. */
    public Table line(String text) {
        preamble.add(text);
        return this;
    }

    /** A line printed below the table, such as what to do next. */
    public Table footer(String text) {
        footer.add(text);
        return this;
    }

    /** What prints instead of the header when there are no rows. */
    public Table whenEmpty(String text) {
        whenEmpty = text;
        return this;
    }

    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public void print(PrintStream out) {
        preamble.forEach(out::println);
        printRows(out);
        footer.forEach(out::println);
    }

    private void printRows(PrintStream out) {
        if (headers.isEmpty()) {
            return;
        }
        if (rows.isEmpty()) {
            if (!whenEmpty.isEmpty()) {
                out.println(whenEmpty);
            }
            return;
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        out.println(render(headers, widths));
        rows.forEach(row -> out.println(render(row, widths)));
    }

    private static String render(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return line.toString();
    }
}
