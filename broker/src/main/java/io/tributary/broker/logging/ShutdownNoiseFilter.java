package io.tributary.broker.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Marker;

/**
 * Keeps Ratis's complaints about connections closing out of the log while this process stops. Once
 * the node's clean stop reaches its quorum member ({@link #nodeStopping}), Ratis warns, often with a
 * stack trace, about every peer call that the closing member refuses or cancels
 * ({@code ServerNotReadyException: ... is not in [RUNNING]}, {@code AlreadyClosedException},
 * {@code CANCELLED: client cancelled}, an interrupted log appender, a peer's append refused because
 * the Raft log is already closed). They are expected and say
 * nothing an operator can act on; the node logs one line with their count instead
 * ({@link #suppressedCount}). Anything else Ratis says, and all of it before the stop, passes.
 *
 * <p>Installed by {@code logback.xml} as a turbo filter, so it decides before a message is formatted.
 * One node per process: the flag is process-wide.
 */
public final class ShutdownNoiseFilter extends TurboFilter {

    private static final String RATIS = "org.apache.ratis";
    /** Simple names of the exceptions a closing Raft member's peer calls end with. */
    private static final Set<String> EXPECTED = Set.of("ServerNotReadyException", "AlreadyClosedException",
            "InterruptedException", "ClosedChannelException");
    /** Text of the same events when Ratis puts the exception in the message rather than as the throwable. */
    private static final Set<String> EXPECTED_TEXT = Set.of("ServerNotReadyException", "is not in [RUNNING]",
            "is not in [STARTING, RUNNING]", "CANCELLED", "is already CLOSED",
            "is interrupted", "UNAVAILABLE", "Timed out gracefully shutting down connection",
            "Timed out forcefully shutting down connection",
            // A peer's append that arrives after this member closed its Raft log (the new leader
            // does not know yet that this one is going).
            "is expected to be opened but it is CLOSED");
    private static volatile boolean stopping;
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    /** Whether the stop has begun: the process-wide flag, or a test's own (tests share one JVM, and the flag is one-way). */
    private final BooleanSupplier stopBegun;

    /** The filter {@code logback.xml} installs: it follows {@link #nodeStopping}. */
    public ShutdownNoiseFilter() {
        this(() -> stopping);
    }

    ShutdownNoiseFilter(BooleanSupplier stopBegun) {
        this.stopBegun = stopBegun;
    }

    /** This process's node has begun to leave its controller quorum: expected shutdown noise is held back from now on. */
    public static void nodeStopping() {
        stopping = true;
    }

    /** How many Ratis messages were held back since {@link #nodeStopping}. */
    public static long suppressedCount() {
        return SUPPRESSED.get();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!stopBegun.getAsBoolean() || level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith(RATIS)) {
            return FilterReply.NEUTRAL;
        }
        if (expected(t) || expectedText(format)) {
            SUPPRESSED.incrementAndGet();
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object p : params) {
                if ((p instanceof Throwable e && expected(e)) || (p != null && expectedText(String.valueOf(p)))) {
                    SUPPRESSED.incrementAndGet();
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean expected(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (EXPECTED.contains(c.getClass().getSimpleName()) || expectedText(String.valueOf(c.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean expectedText(String text) {
        if (text == null) {
            return false;
        }
        for (String s : EXPECTED_TEXT) {
            if (text.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
