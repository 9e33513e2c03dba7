package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Netty's leak detector, made into an assertion. The broker's tests run with
 * {@code -Dio.netty.leakDetection.level=paranoid} (every buffer tracked); this class also sets that
 * level, so a test run from an IDE checks the same. Netty reports a leak (an unreleased buffer that
 * became garbage) as an ERROR line when a later allocation finds it in its reference queue; those lines
 * are collected here.
 *
 * <p>{@link #assertNoLeaks()} first leaks a canary buffer on purpose and waits until the detector
 * reports it, so a pass means the detector ran after the test's garbage was collected, not that it
 * never looked. The canary's own report is then set aside.
 */
public final class NettyLeaks {

    private static final Queue<String> REPORTS = new ConcurrentLinkedQueue<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> collector = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    REPORTS.add(event.getFormattedMessage());
                }
            }
        };
        collector.setContext(detector.getLoggerContext());
        collector.setName("netty-leaks");
        collector.start();
        detector.addAppender(collector);
    }

    private NettyLeaks() {
    }

    /** Makes sure the detector is set up before the code under test allocates anything. */
    public static void install() {
        // The static initialiser does the work; calling this forces it to run.
    }

    /** Fails with Netty's leak records if any buffer allocated so far was dropped without a release. */
    public static void assertNoLeaks() {
        String canary = "tributary-leak-canary-" + UUID.randomUUID();
        leakOneBuffer(canary);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            System.gc();
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            return REPORTS.stream().anyMatch(r -> r.contains(canary));
        });
        // References found unreachable in the same collection as the canary may be queued just behind it.
        System.gc();
        ByteBufAllocator.DEFAULT.directBuffer(1).release();
        List<String> leaks = new ArrayList<>();
        String r;
        while ((r = REPORTS.poll()) != null) {
            if (!r.contains("tributary-leak-canary-")) {
                leaks.add(r);
            }
        }
        assertThat(leaks).as("Netty buffers that were never released").isEmpty();
    }

    private static void leakOneBuffer(String hint) {
        ByteBuf leaked = ByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.touch(hint);
        leaked.writeLong(1L);
    }
}
