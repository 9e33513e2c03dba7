package io.tributary.quorum;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ListenerDispatcherTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stillLeader = new AtomicBoolean(true);
    private final List<Throwable> fatal = new CopyOnWriteArrayList<>();
    private CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean throwOnCommit;

    private final QuorumListener listener = new QuorumListener() {
        @Override
        public void onCommit(long index, long term, byte[] entry) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (throwOnCommit) {
                throw new IllegalStateException("listener bug");
            }
            events.add("commit " + index);
        }

        @Override
        public void onLeaderChange(int leaderId, long term, boolean isLocal) {
            events.add("leader " + leaderId + " " + term + " " + isLocal);
        }

        @Override
        public byte[] takeSnapshot() {
            return new byte[0];
        }

        @Override
        public void loadSnapshot(long index, byte[] snapshot) {
            events.add("load " + index);
        }

        @Override
        public void onFatalError(Throwable cause) {
            events.add("fatal");
        }
    };

    private final ListenerDispatcher dispatcher = new ListenerDispatcher(1, listener, term -> stillLeader.get(), fatal::add);

    @AfterEach
    void close() {
        gate.countDown();
        dispatcher.close();
    }

    @Test
    void deliversInSubmissionOrderAndReportsLocalLeadershipAfterEarlierCommits() throws Exception {
        dispatcher.commit(1, 1, new byte[0]);
        dispatcher.commit(2, 1, new byte[0]);
        dispatcher.localLeaderReady(2);
        dispatcher.commit(3, 2, new byte[0]).get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("commit 1", "commit 2", "leader 1 2 true", "commit 3");
    }

    @Test
    void aLeadershipLostBeforeDeliveryIsNotReportedAsLocal() throws Exception {
        stillLeader.set(false);
        dispatcher.localLeaderReady(5);
        dispatcher.commit(1, 5, new byte[0]).get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("commit 1");
    }

    @Test
    void observedLeadersAreCoalescedAndTermsNeverGoBack() throws Exception {
        gate = new CountDownLatch(1);
        CompletableFuture<Void> blocked = dispatcher.commit(1, 1, new byte[0]);
        dispatcher.leaderObserved(2, 5);
        dispatcher.leaderObserved(3, 4); // older term: ignored
        dispatcher.leaderObserved(3, 6);
        gate.countDown();
        blocked.get(5, TimeUnit.SECONDS);
        dispatcher.commit(2, 6, new byte[0]).get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("commit 1", "leader 3 6 false", "commit 2");
        dispatcher.localLeaderReady(5); // a stale readiness for an older term is not news
        dispatcher.commit(3, 6, new byte[0]).get(5, TimeUnit.SECONDS);
        assertThat(events).containsExactly("commit 1", "leader 3 6 false", "commit 2", "commit 3");
    }

    @Test
    void aThrowingListenerStopsDeliveryAndIsReportedOnce() throws Exception {
        dispatcher.commit(1, 1, new byte[0]).get(5, TimeUnit.SECONDS);
        throwOnCommit = true;
        assertThatThrownBy(() -> dispatcher.commit(2, 1, new byte[0]).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("listener bug");
        throwOnCommit = false;
        assertThatThrownBy(() -> dispatcher.commit(3, 1, new byte[0]).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QuorumException.class);
        dispatcher.leaderObserved(2, 9);
        assertThat(fatal).hasSize(1);
        assertThat(events).containsExactly("commit 1", "fatal");
        assertThat(dispatcher.failure()).hasMessage("listener bug");
    }

    @Test
    void theQueueIsBoundedAndBlocksTheApplyThreadInsteadOfGrowing() throws Exception {
        gate = new CountDownLatch(1);
        int total = ListenerDispatcher.ORDERED_TASKS_MAX + 1;
        AtomicInteger submitted = new AtomicInteger();
        List<CompletableFuture<Void>> futures = new CopyOnWriteArrayList<>();
        Thread applier = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                futures.add(dispatcher.commit(i, 1, new byte[0]));
                submitted.incrementAndGet();
            }
        });
        applier.start();
        // One task runs (held at the gate) and the rest fill the permits; the last submit waits.
        await().atMost(Duration.ofSeconds(10)).until(() -> submitted.get() == ListenerDispatcher.ORDERED_TASKS_MAX
                && applier.getState() == Thread.State.TIMED_WAITING);
        assertThat(submitted.get()).isEqualTo(ListenerDispatcher.ORDERED_TASKS_MAX);
        gate.countDown();
        applier.join(10_000);
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= total; i++) {
            expected.add("commit " + i);
        }
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void afterCloseSubmissionsFailInsteadOfHanging() {
        dispatcher.close();
        assertThatThrownBy(() -> dispatcher.commit(1, 1, new byte[0]).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QuorumException.class);
        assertThatThrownBy(() -> dispatcher.call(() -> 1)).isInstanceOf(QuorumException.class);
        assertThat(events).isEmpty();
    }
}
