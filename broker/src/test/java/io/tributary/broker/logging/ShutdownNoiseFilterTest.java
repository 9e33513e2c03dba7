package io.tributary.broker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Ratis's complaints about peer calls refused while this node closes are held back once the stop has
 * begun, and only those: before the stop, from our own loggers, below WARN, or about anything else,
 * every message passes. The production filter follows the process-wide {@code nodeStopping()} flag;
 * this one follows the test's own, since other tests in the JVM stop nodes.
 */
class ShutdownNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final Logger ratis = context.getLogger("org.apache.ratis.grpc.server.GrpcLogAppender");
    private final Logger ours = context.getLogger("io.tributary.quorum.RaftQuorum");
    /** The test's own stop flag: other tests in this JVM stop nodes, which sets the process-wide one. */
    private final AtomicBoolean stopBegun = new AtomicBoolean();
    private final ShutdownNoiseFilter filter = new ShutdownNoiseFilter(stopBegun::get);

    @Test
    void expectedRatisShutdownWarningsAreHeldBackOnlyOnceTheNodeStops() {
        ServerNotReadyException notReady = new ServerNotReadyException("3@group-1 is not in [RUNNING]: current state is CLOSING");
        assertThat(decide(ratis, Level.WARN, "{}: Failed requestVote", notReady)).as("before the stop").isEqualTo(FilterReply.NEUTRAL);

        long before = ShutdownNoiseFilter.suppressedCount();
        stopBegun.set(true);

        assertThat(decide(ratis, Level.WARN, "{}: Failed requestVote", notReady)).isEqualTo(FilterReply.DENY);
        assertThat(decide(ratis, Level.WARN, "Failed to resetClient for 1", new AlreadyClosedException("3 is already CLOSED")))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, ratis, Level.WARN, "{}: APPEND_ENTRIES onError, lastRequest: {}: {}",
                new Object[] {"1", null, new RuntimeException("CANCELLED: client cancelled")}, null)).isEqualTo(FilterReply.DENY);
        IllegalStateException logClosed = new IllegalStateException("3@group-1-SegmentedRaftLog is expected to be opened but it is CLOSED");
        assertThat(decide(ratis, Level.WARN, "{}: appendEntries* failed: entry=(t:2, i:23)",
                new java.util.concurrent.CompletionException(logClosed))).as("a peer's append after the log closed").isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, ratis, Level.WARN, "{}: Failed APPEND_ENTRIES request {}: {}", new Object[] {"1", "2->1#63-t2",
                "org.apache.ratis.protocol.exceptions.ServerNotReadyException: 1@group-1 is not in [STARTING, RUNNING]: current state is "
                        + "CLOSING"}, null)).as("the exception as text, in another state list").isEqualTo(FilterReply.DENY);
        assertThat(ShutdownNoiseFilter.suppressedCount() - before).as("held back and counted").isEqualTo(5);

        assertThat(decide(ours, Level.WARN, "{}: Failed requestVote", notReady)).as("our own logger").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(ratis, Level.INFO, "{}: Failed requestVote", notReady)).as("below WARN").isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(ratis, Level.ERROR, "{}: failed to write the log", new java.io.IOException("No space left on device")))
                .as("anything else Ratis says").isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(Logger logger, Level level, String format, Throwable t) {
        return filter.decide(null, logger, level, format, new Object[] {"3"}, t);
    }
}
