package io.tributary.cli;

import java.io.PrintStream;

/**
 * A progress line on standard error for long operations ("produced 12,000 records ..."), redrawn in
 * place at most every {@value #INTERVAL_MS} ms, and only when standard error is a terminal: a script
 * that captures stderr sees no progress noise. The launcher tells whether it is one
 * ({@code -Dtributary.cli.stderr.tty=true}), since the JVM cannot.
 */
public final class Progress implements AutoCloseable {
    static final long INTERVAL_MS = 200;
    private final PrintStream err;
    private final boolean enabled;
    private long lastDrawnMs;
    private int lastWidth;

    public Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Progress on {@link System#err}, shown if the launcher said stderr is a terminal. */
    public static Progress onStderr() {
        return new Progress(System.err, Boolean.getBoolean("tributary.cli.stderr.tty"));
    }

    /** Redraws the line with {@code text}, unless it was drawn less than an interval ago. */
    public void update(String text, long nowMs) {
        if (!enabled || nowMs - lastDrawnMs < INTERVAL_MS) {
            return;
        }
        lastDrawnMs = nowMs;
        err.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
        err.flush();
        lastWidth = Math.max(lastWidth, text.length());
    }

    /** Clears the line, so what follows starts at the left margin. */
    @Override
    public void close() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }
}
