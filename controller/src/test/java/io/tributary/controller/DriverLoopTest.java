package io.tributary.controller;

import io.tributary.common.Time;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DriverLoopTest {

    private static final DriverLoop.Timers NO_TIMERS = new DriverLoop.Timers() {
        @Override
        public long nextDeadlineNs() {
            return Long.MAX_VALUE;
        }

        @Override
        public void runDue(long nowNs) {
        }
    };

    @Test
    void requestsBeyondTheBoundAreRefusedAndTheRestRunInOrder() {
        DriverLoop loop = new DriverLoop(Time.SYSTEM, 3, 3);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            assertThat(loop.offerRequest(() -> ran.add(n))).isTrue();
        }
        assertThat(loop.offerRequest(() -> ran.add(99))).as("the fourth waits nowhere").isFalse();
        loop.start(NO_TIMERS, t -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 3);
        assertThat(ran).containsExactly(0, 1, 2);
        assertThat(loop.offerRequest(() -> ran.add(3))).as("room again once taken").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 4);
        loop.stop();
        assertThat(loop.offerRequest(() -> ran.add(5))).isFalse();
    }

    @Test
    void aFullLogEventQueueHoldsTheLogThreadBackInsteadOfDroppingEvents() throws Exception {
        DriverLoop loop = new DriverLoop(Time.SYSTEM, 1, 2);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new CopyOnWriteArrayList<>();
        loop.start(NO_TIMERS, t -> { });
        assertThat(loop.offerRequest(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isTrue();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                int n = i;
                loop.putLogEvent(() -> ran.add(n));
            }
        });
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(100)).until(() -> !producer.isDone());
        release.countDown();
        producer.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 5);
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
        loop.stop();
    }

    @Test
    void aTaskThatThrowsIsReportedAndTheLoopCarriesOn() {
        DriverLoop loop = new DriverLoop(Time.SYSTEM, 4, 4);
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        loop.start(NO_TIMERS, uncaught::add);
        loop.offerRequest(() -> {
            throw new IllegalStateException("boom");
        });
        loop.offerRequest(() -> ran.add("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == 1);
        assertThat(uncaught).singleElement().satisfies(t -> assertThat(t).hasMessage("boom"));
        loop.stop();
    }

    @Test
    void timersRunWhenDue() {
        ManualTime time = new ManualTime();
        long deadline = time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(50);
        List<Long> fired = new CopyOnWriteArrayList<>();
        DriverLoop loop = new DriverLoop(time, 4, 4);
        loop.start(new DriverLoop.Timers() {
            @Override
            public long nextDeadlineNs() {
                return fired.isEmpty() ? deadline : Long.MAX_VALUE;
            }

            @Override
            public void runDue(long nowNs) {
                if (fired.isEmpty() && nowNs - deadline >= 0) {
                    fired.add(nowNs);
                }
            }
        }, t -> { });
        time.advanceMs(49);
        loop.wakeup();
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(50)).until(fired::isEmpty);
        time.advanceMs(1);
        loop.wakeup();
        await().atMost(Duration.ofSeconds(10)).until(() -> fired.size() == 1);
        loop.stop();
    }
}
