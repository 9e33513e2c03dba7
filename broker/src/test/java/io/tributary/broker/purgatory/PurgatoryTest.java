package io.tributary.broker.purgatory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PurgatoryTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** Waits until a shared counter reaches a target. */
    static final class WaitFor extends DelayedOperation<String> {
        final AtomicLong value;
        final long target;
        final AtomicInteger completions = new AtomicInteger();
        volatile Boolean expired;

        WaitFor(AtomicLong value, long target, long timeoutMs, List<String> keys) {
            super(timeoutMs, keys);
            this.value = value;
            this.target = target;
        }

        @Override
        protected boolean tryComplete() {
            return value.get() >= target && forceComplete(false);
        }

        @Override
        protected void onComplete(boolean expired) {
            completions.incrementAndGet();
            this.expired = expired;
        }
    }

    @Test
    void completesAtOnceWhenTheConditionAlreadyHolds() {
        Purgatory<String> p = new Purgatory<>("t", 10, timer);
        WaitFor op = new WaitFor(new AtomicLong(5), 5, 10_000, List.of("a"));
        assertThat(p.tryCompleteElseWatch(op)).isTrue();
        assertThat(op.expired).isFalse();
        assertThat(p.watched()).isZero();
    }

    @Test
    void afterCloseWaitingAndLaterOperationsAreAnsweredAsExpiredAtOnce() {
        Purgatory<String> p = new Purgatory<>("t", 10, timer);
        WaitFor waiting = new WaitFor(new AtomicLong(), 1, 60_000, List.of("a"));
        assertThat(p.tryCompleteElseWatch(waiting)).isFalse();
        assertThat(p.close()).isEqualTo(1);
        assertThat(waiting.expired).isTrue();
        // An operation that arrives after the close (a produce that was being appended while the
        // broker began to stop) must not wait: nothing would wake it before its own timeout.
        WaitFor late = new WaitFor(new AtomicLong(), 1, 60_000, List.of("a"));
        assertThat(p.tryCompleteElseWatch(late)).isTrue();
        assertThat(late.expired).isTrue();
        assertThat(late.completions.get()).isEqualTo(1);
        assertThat(p.watched()).isZero();
    }

    @Test
    void completesWhenAWatchedKeyFires() {
        Purgatory<String> p = new Purgatory<>("t", 10, timer);
        AtomicLong v = new AtomicLong();
        WaitFor op = new WaitFor(v, 3, 60_000, List.of("a", "b"));
        assertThat(p.tryCompleteElseWatch(op)).isFalse();
        assertThat(p.watched()).isEqualTo(1);
        v.set(3);
        assertThat(p.checkAndComplete("c")).isZero();
        assertThat(p.checkAndComplete("b")).isEqualTo(1);
        assertThat(op.expired).isFalse();
        assertThat(p.watched()).isZero();
        assertThat(p.checkAndComplete("a")).isZero();
        assertThat(op.completions.get()).isEqualTo(1);
    }

    @Test
    void expiresAfterItsTimeout() {
        Purgatory<String> p = new Purgatory<>("t", 10, timer);
        WaitFor op = new WaitFor(new AtomicLong(), 1, 50, List.of("a"));
        long start = System.nanoTime();
        p.tryCompleteElseWatch(op);
        await().atMost(Duration.ofSeconds(5)).until(() -> op.expired != null);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50);
        assertThat(op.expired).isTrue();
        assertThat(p.watched()).isZero();
    }

    @Test
    void aFullPurgatoryAnswersEarlyInsteadOfGrowing() {
        Purgatory<String> p = new Purgatory<>("t", 2, timer);
        AtomicLong v = new AtomicLong();
        List<WaitFor> ops = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WaitFor op = new WaitFor(v, 1, 60_000, List.of("a"));
            ops.add(op);
            p.tryCompleteElseWatch(op);
        }
        assertThat(p.watched()).isEqualTo(2);
        assertThat(ops.get(2).expired).isTrue();
        assertThat(p.expireAll()).isEqualTo(2);
        assertThat(p.watched()).isZero();
    }

    @Test
    void concurrentEventsAndTimeoutsCompleteEachOperationExactlyOnce() throws Exception {
        Purgatory<String> p = new Purgatory<>("t", 10_000, timer);
        AtomicLong v = new AtomicLong();
        List<WaitFor> ops = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            for (int t = 0; t < 3; t++) {
                pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 2000; i++) {
                        v.incrementAndGet();
                        p.checkAndComplete(i % 2 == 0 ? "a" : "b");
                    }
                    return null;
                });
            }
            go.countDown();
            for (int i = 0; i < 500; i++) {
                WaitFor op = new WaitFor(v, i * 12L, i % 7 == 0 ? 1 : 60_000, List.of("a", "b"));
                ops.add(op);
                p.tryCompleteElseWatch(op);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            p.checkAndComplete("a");
            await().atMost(Duration.ofSeconds(10)).until(() -> ops.stream().allMatch(DelayedOperation::isCompleted));
            assertThat(ops).allSatisfy(op -> assertThat(op.completions.get()).isEqualTo(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> p.watched() == 0);
        } finally {
            pool.shutdownNow();
        }
    }
}
