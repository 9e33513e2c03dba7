package io.tributary.controller;

import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.FenceBrokerRecord;
import io.tributary.metadata.record.MetadataBatchCodec;
import io.tributary.metadata.record.MetadataRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.tributary.controller.DriverFixture.SESSION_MS;
import static io.tributary.controller.DriverFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver over an in-memory log whose commits and leadership the test decides, on a hand-driven clock. */
class ControllerDriverTest {

    @Test
    void aCommandCompletesOnlyOnceItsBatchIsCommittedAndReplayedEverywhere() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.registerUnfenced(1, "conn-1");
            CompletableFuture<CreateTopicsResponse> created = f.createTopic("orders", 3);
            // What the in-process listener holds at the moment the caller hears back.
            CompletableFuture<Boolean> listenerHadIt = created.thenApply(r -> f.listener.image.topic("orders") != null);
            await().atMost(WAIT).until(() -> f.log.uncommittedBatches() == 1);
            f.barrier();
            assertThat(created).as("not committed yet").isNotDone();
            assertThat(f.image().topic("orders")).isNull();

            f.log.commitNext();
            CreateTopicsResponse r = created.get(10, TimeUnit.SECONDS);
            assertThat(r.topics()).singleElement().satisfies(t -> assertThat(t.error().isSuccess()).isTrue());
            assertThat(f.image().topic("orders").partitionCount()).isEqualTo(3);
            assertThat(listenerHadIt.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(f.listener.image).isEqualTo(f.image());
        }
    }

    @Test
    void aCommandWithoutRecordsWaitsForTheBatchesBeforeIt() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            long epoch = f.register(1);
            CompletableFuture<BrokerHeartbeatResponse> unfencing = f.driver.heartbeat(1, epoch,
                    f.image().lastAppliedOffset(), false, false, "c");
            await().atMost(WAIT).until(() -> f.log.uncommittedBatches() == 1);
            // This heartbeat changes nothing, but its answer (unfenced) rests on the uncommitted batch.
            CompletableFuture<BrokerHeartbeatResponse> next = f.driver.heartbeat(1, epoch, f.image().lastAppliedOffset(),
                    false, false, "c");
            f.barrier();
            assertThat(f.log.uncommittedBatches()).isEqualTo(1);
            assertThat(next).isNotDone();
            f.log.commitAll();
            assertThat(unfencing.get(10, TimeUnit.SECONDS).isFenced()).isFalse();
            assertThat(next.get(10, TimeUnit.SECONDS).isFenced()).isFalse();
        }
    }

    @Test
    void resigningMidFlightFailsPendingCommandsWithNotControllerAndLaterOnesFailFast() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.registerUnfenced(1, "conn-1");
            CompletableFuture<CreateTopicsResponse> inFlight = f.createTopic("t", 1);
            await().atMost(WAIT).until(() -> f.log.uncommittedBatches() == 1);
            f.log.leaderHint(2);
            f.log.resign();

            assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(NotControllerException.class);
            await().atMost(WAIT).until(() -> !f.driver.isActive());
            assertThat(f.driver.activeControllerId()).hasValue(2);
            CompletableFuture<CreateTopicsResponse> refused = f.createTopic("u", 1);
            assertThat(refused).as("fails fast, without queueing").isCompletedExceptionally();
            assertThatThrownBy(refused::join).cause().isInstanceOf(NotControllerException.class)
                    .satisfies(e -> assertThat(((NotControllerException) e).leaderHint()).hasValue(2));
            assertThat(f.listener.eventsCopy()).endsWith("resign");
            assertThat(f.image().topic("t")).isNull();
        }
    }

    @Test
    void aFailedAppendResignsFailsWhatWaitsAndAsksTheLogToMoveLeadershipOn() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            long epoch = f.activate();
            f.registerUnfenced(1, "conn-1");
            CompletableFuture<CreateTopicsResponse> first = f.createTopic("a", 1);
            CompletableFuture<CreateTopicsResponse> second = f.createTopic("b", 1);
            await().atMost(WAIT).until(() -> f.log.uncommittedBatches() == 2);
            f.log.failUncommitted(new IllegalStateException("the disk is gone"));
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotControllerException.class)
                    .hasRootCauseMessage("the disk is gone");
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotControllerException.class);
            await().atMost(WAIT).until(() -> !f.driver.isActive());
            assertThat(f.log.stepDowns).containsExactly(epoch);
            assertThat(f.fatalErrors).as("a failed append is not a diverged state").isEmpty();
        }
    }

    @Test
    void aBrokerIsUnfencedOnlyOnceItsMetadataCaughtUpWithItsRegistration() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            long epoch = f.register(4);
            BrokerHeartbeatResponse behind = f.commitAndGet(f.driver.heartbeat(4, epoch, -1, false, false, "c4"));
            assertThat(behind.isCaughtUp()).isFalse();
            assertThat(behind.isFenced()).isTrue();
            assertThat(f.image().broker(4).fenced()).isTrue();
            BrokerHeartbeatResponse caughtUp = f.heartbeat(4, epoch, "c4");
            assertThat(caughtUp.isCaughtUp()).isTrue();
            assertThat(caughtUp.isFenced()).isFalse();
            assertThat(f.image().isActiveBroker(4)).isTrue();
        }
    }

    @Test
    void aBrokerWhoseSessionLapsesIsFencedByThePeriodicCheck() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.log.autoCommit(true);
            long quiet = f.registerUnfenced(1, "c1");
            long chatty = f.registerUnfenced(2, "c2");
            for (int i = 0; i < 4; i++) {
                f.time.advanceMs(SESSION_MS / 2);
                f.heartbeat(2, chatty, "c2");
                f.barrier();
            }
            assertThat(f.image().broker(1).fenced()).as("broker 1 went silent %d ms ago", 2 * SESSION_MS).isTrue();
            assertThat(f.image().broker(1).brokerEpoch()).isEqualTo(quiet);
            assertThat(f.image().isActiveBroker(2)).as("broker 2 kept heartbeating").isTrue();
        }
    }

    @Test
    void aLapsedSessionIsActedOnWithinTheCheckIntervalMax() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.log.autoCommit(true);
            long chatty = f.registerUnfenced(2, "c2");
            // Broker 1's session starts between two checks of a quarter-session schedule (375 ms apart),
            // so that only a check at least every 100 ms acts on its lapse in time.
            f.time.advanceMs(200);
            f.heartbeat(2, chatty, "c2");
            f.barrier();
            f.registerUnfenced(1, "c1");
            long stepMs = 20;
            long elapsedMs = 0;
            while (elapsedMs < SESSION_MS + ControllerDriverConfig.SESSION_CHECK_INTERVAL_MAX_MS + stepMs) {
                f.time.advanceMs(stepMs);
                elapsedMs += stepMs;
                f.heartbeat(2, chatty, "c2");
                f.barrier();
                if (elapsedMs < SESSION_MS) {
                    assertThat(f.image().isActiveBroker(1)).as("broker 1 silent for %d ms only", elapsedMs).isTrue();
                }
            }
            // The clock stands still from here: only the commit of a fence already decided can show up.
            long lateMs = elapsedMs - SESSION_MS;
            await("broker 1's session lapsed " + lateMs + " ms ago").atMost(WAIT).until(() -> f.image().broker(1).fenced());
        }
    }

    @Test
    void aControllerThatStalledHearsTheHeartbeatsQueuedMeanwhileBeforeJudgingSessions() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.log.autoCommit(true);
            long one = f.registerUnfenced(1, "c1");
            long two = f.registerUnfenced(2, "c2");
            CountDownLatch resume = new CountDownLatch(1);
            CompletableFuture<Void> stall = f.driver.execute(() -> {
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // The controller thread is stuck (a GC pause, a starved host) for two sessions, while both
            // brokers go on heartbeating: their heartbeats wait in its queue.
            f.time.advanceMs(2 * SESSION_MS);
            long offset = f.driver.committedImage().lastAppliedOffset();
            CompletableFuture<BrokerHeartbeatResponse> h1 = f.driver.heartbeat(1, one, offset, false, false, "c1");
            CompletableFuture<BrokerHeartbeatResponse> h2 = f.driver.heartbeat(2, two, offset, false, false, "c2");
            resume.countDown();
            stall.get(10, TimeUnit.SECONDS);

            assertThat(f.commitAndGet(h1).isFenced()).as("broker 1 heartbeated in time; the controller was deaf").isFalse();
            assertThat(f.commitAndGet(h2).isFenced()).isFalse();
            f.time.advanceMs(ControllerDriverConfig.SESSION_CHECK_INTERVAL_MAX_MS);
            f.barrier();
            assertThat(f.image().isActiveBroker(1)).isTrue();
            assertThat(f.image().isActiveBroker(2)).isTrue();
            assertThat(f.listener.fenced).as("brokers fenced (and unfenced by their next heartbeat)").isEmpty();

            // A broker that really went silent is still fenced, one check interval later at most.
            long stepMs = 50;
            for (long silentMs = 0; silentMs <= SESSION_MS + 3 * ControllerDriverConfig.SESSION_CHECK_INTERVAL_MAX_MS; silentMs += stepMs) {
                f.time.advanceMs(stepMs);
                f.heartbeat(2, two, "c2");
                f.barrier();
            }
            await().atMost(WAIT).until(() -> f.image().broker(1).fenced());
            assertThat(f.image().isActiveBroker(2)).isTrue();
            assertThat(f.listener.fenced).containsExactly(1);
        }
    }

    @Test
    void closingTheHeartbeatConnectionFencesTheBrokerAtOnce() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.log.autoCommit(true);
            long epoch = f.registerUnfenced(1, "old-conn");
            f.registerUnfenced(2, "other-conn");
            f.heartbeat(1, epoch, "new-conn");
            f.driver.onConnectionClosed("old-conn");
            f.barrier();
            assertThat(f.image().isActiveBroker(1)).as("broker 1 heartbeats on new-conn now").isTrue();

            f.driver.onConnectionClosed("new-conn");
            await().atMost(WAIT).until(() -> f.image().broker(1).fenced());
            assertThat(f.image().isActiveBroker(2)).isTrue();
            // No time passed: this was the connection, not the session.
            f.driver.onConnectionClosed("never-seen");
            f.barrier();
            assertThat(f.image().isActiveBroker(2)).isTrue();

            // A live broker that reconnects heartbeats its way back.
            assertThat(f.heartbeat(1, epoch, "third-conn").isFenced()).isFalse();
            assertThat(f.image().isActiveBroker(1)).isTrue();
        }
    }

    @Test
    void aNewlyActiveControllerGivesEveryBrokerAFullSessionBeforeFencing() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.log.autoCommit(true);
            f.registerUnfenced(1, "c1");
            f.log.resign();
            await().atMost(WAIT).until(() -> !f.driver.isActive());
            f.time.advanceMs(10 * SESSION_MS);
            long epoch = f.log.becomeLeader();
            await().atMost(WAIT).until(f.driver::isActive);
            assertThat(f.listener.eventsCopy()).endsWith("resign", "active " + epoch);

            f.time.advanceMs(SESSION_MS - 1);
            f.barrier();
            assertThat(f.image().isActiveBroker(1)).as("still within the grace session").isTrue();
            f.time.advanceMs(SESSION_MS / 2);
            f.barrier();
            await().atMost(WAIT).until(() -> f.image().broker(1).fenced());
        }
    }

    @Test
    void aLongPollIsAnsweredAsSoonAsABatchCommits() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            f.registerUnfenced(1, "c1");
            long next = f.image().lastAppliedOffset() + 1;
            CompletableFuture<MetadataFetchResult> poll = f.driver.fetch(next, 60_000);
            f.barrier();
            assertThat(poll).isNotDone();
            CompletableFuture<CreateTopicsResponse> created = f.createTopic("t", 2);
            f.commitAndGet(created);
            // The clock never moved: only the commit can have answered it.
            MetadataFetchResult r = poll.get(10, TimeUnit.SECONDS);
            assertThat(r.highWatermark()).isEqualTo(f.image().lastAppliedOffset());
            assertThat(r.entries()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(MetadataFetchEntry.Kind.BATCH);
                assertThat(e.offset()).isEqualTo(next);
                assertThat(MetadataBatchCodec.decode(e.payload())).anyMatch(rec -> rec.toString().contains("TopicRecord"));
            });
            List<MetadataFetchEntry> decoded = MetadataFetchFraming.decode(r.framed());
            assertThat(decoded).isEqualTo(r.entries());
        }
    }

    @Test
    void aLongPollWithNothingNewIsAnsweredEmptyAtItsDeadline() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            f.activate();
            long hw = f.image().lastAppliedOffset();
            CompletableFuture<MetadataFetchResult> poll = f.driver.fetch(hw + 1, 500);
            f.barrier(); // parked, its deadline taken from the clock as it stands
            f.time.advanceMs(499);
            f.barrier();
            assertThat(poll).isNotDone();
            f.time.advanceMs(1);
            f.driver.wakeup();
            MetadataFetchResult r = poll.get(10, TimeUnit.SECONDS);
            assertThat(r.isEmpty()).isTrue();
            assertThat(r.highWatermark()).isEqualTo(hw);
            assertThat(f.driver.fetch(0, 0).get(10, TimeUnit.SECONDS).entries()).as("from the start: the whole tail")
                    .extracting(MetadataFetchEntry::offset).containsExactly(hw);
        }
    }

    @Test
    void aFetchOlderThanTheTailGetsASnapshotOfTheCommittedImage() throws Exception {
        try (DriverFixture f = new DriverFixture(c -> c.withTail(2, 1 << 20))) {
            f.activate();
            f.log.autoCommit(true);
            f.registerUnfenced(1, "c1");
            for (int i = 0; i < 4; i++) {
                f.createTopic("t" + i, 1).get(10, TimeUnit.SECONDS);
            }
            MetadataImage image = f.image();
            MetadataFetchResult r = f.driver.fetch(0, 0).get(10, TimeUnit.SECONDS);
            assertThat(r.entries()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(MetadataFetchEntry.Kind.SNAPSHOT);
                assertThat(e.offset()).isEqualTo(image.lastAppliedOffset());
                MetadataDelta d = new MetadataDelta(MetadataImage.EMPTY);
                d.replayAll(MetadataBatchCodec.decode(e.payload()));
                assertThat(d.apply(e.offset())).isEqualTo(image);
            });
            MetadataFetchResult recent = f.driver.fetch(image.lastAppliedOffset() - 1, 0).get(10, TimeUnit.SECONDS);
            assertThat(recent.entries()).extracting(MetadataFetchEntry::kind).containsOnly(MetadataFetchEntry.Kind.BATCH);
            assertThat(recent.entries()).extracting(MetadataFetchEntry::offset)
                    .containsExactly(image.lastAppliedOffset() - 1, image.lastAppliedOffset());
        }
    }

    @Test
    void parkedFetchesAreBoundedAndFailWhenTheControllerResigns() throws Exception {
        try (DriverFixture f = new DriverFixture(c -> c.withParkedFetchesMax(1))) {
            f.activate();
            long next = f.image().lastAppliedOffset() + 1;
            CompletableFuture<MetadataFetchResult> parked = f.driver.fetch(next, 60_000);
            CompletableFuture<MetadataFetchResult> refused = f.driver.fetch(next, 60_000);
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ControllerUnavailableException.class);
            f.log.resign();
            assertThatThrownBy(() -> parked.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(NotControllerException.class);
        }
    }

    @Test
    void aCommittedBatchThatCannotBeReplayedStopsTheControllerLoudly() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            long epoch = f.activate();
            // Someone else's batch, fencing a broker nobody registered: this node's state cannot follow.
            List<MetadataRecord> bad = List.of(new FenceBrokerRecord(99, 1));
            f.log.append(epoch, bad);
            f.log.commitAll();
            await().atMost(WAIT).until(() -> !f.fatalErrors.isEmpty());
            assertThat(f.driver.isActive()).isFalse();
            assertThatThrownBy(() -> f.createTopic("t", 1).get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(ControllerUnavailableException.class);
        }
    }

    @Test
    void closingFailsWhatWaitsAndClosesTheLog() throws Exception {
        DriverFixture f = new DriverFixture();
        f.activate();
        f.registerUnfenced(1, "c1");
        CompletableFuture<CreateTopicsResponse> inFlight = f.createTopic("t", 1);
        CompletableFuture<MetadataFetchResult> poll = f.driver.fetch(f.image().lastAppliedOffset() + 2, 60_000);
        await().atMost(WAIT).until(() -> f.log.uncommittedBatches() == 1);
        f.close();
        assertThat(f.log.closed()).isTrue();
        assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ControllerUnavailableException.class);
        assertThatThrownBy(() -> poll.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ControllerUnavailableException.class);
        assertThatThrownBy(() -> f.createTopic("u", 1).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ControllerUnavailableException.class);
        f.close();
    }

    @Test
    void executeRunsATaskOnTheControllerThreadWhetherActiveOrNot() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            java.util.concurrent.atomic.AtomicReference<String> thread = new java.util.concurrent.atomic.AtomicReference<>();
            f.driver.execute(() -> thread.set(Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
            assertThat(thread.get()).isEqualTo("tributary-controller");
            assertThat(f.driver.isActive()).isFalse();
            assertThatThrownBy(() -> f.driver.execute(() -> {
                throw new IllegalStateException("task failed");
            }).get(10, TimeUnit.SECONDS)).cause().hasMessage("task failed");
        }
    }

    @Test
    void aListenerAddedLateStartsFromTheCommittedImage() throws Exception {
        try (DriverFixture f = new DriverFixture()) {
            long epoch = f.activate();
            f.log.autoCommit(true);
            f.registerUnfenced(1, "c1");
            DriverFixture.RecordingListener late = new DriverFixture.RecordingListener();
            f.driver.addListener(late);
            f.createTopic("t", 1).get(10, TimeUnit.SECONDS);
            f.barrier();
            assertThat(late.eventsCopy()).startsWith("snapshot " + (f.image().lastAppliedOffset() - 1), "active " + epoch);
            assertThat(late.image).isEqualTo(f.image());
        }
    }
}
