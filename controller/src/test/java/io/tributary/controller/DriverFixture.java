package io.tributary.controller;

import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.BrokerEndpoint;
import io.tributary.metadata.record.MetadataRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One {@link ControllerDriver} over an {@link InMemoryControllerLog}, on a hand-driven clock. */
final class DriverFixture implements AutoCloseable {

    static final int NODE_ID = 1;
    static final long SESSION_MS = 1500;
    static final Duration WAIT = Duration.ofSeconds(10);

    final ManualTime time = new ManualTime();
    final InMemoryControllerLog log = new InMemoryControllerLog();
    final ControllerDriver driver;
    final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
    final RecordingListener listener = new RecordingListener();

    DriverFixture(UnaryOperator<ControllerDriverConfig> tweak) throws Exception {
        ControllerDriverConfig config = tweak.apply(ControllerDriverConfig.of(NODE_ID,
                ControllerConfig.fromProperties(Map.of()).withBrokerSessionTimeoutMs(SESSION_MS)));
        driver = new ControllerDriver(config, log, time, new Random(7), fatalErrors::add);
        driver.addListener(listener);
        driver.start();
    }

    DriverFixture() throws Exception {
        this(c -> c);
    }

    /** Makes this node the active controller, committing its activation batch; returns the epoch. */
    long activate() throws Exception {
        long epoch = log.becomeLeader();
        await().atMost(WAIT).until(driver::isActive);
        await().atMost(WAIT).until(() -> log.uncommittedBatches() > 0 || driver.firstActivation().isDone());
        log.commitAll();
        driver.firstActivation().get(10, TimeUnit.SECONDS);
        return epoch;
    }

    /** Everything the controller thread was given before this call has run, and its timers were looked at since. */
    void barrier() throws Exception {
        // The loop looks at its timers before it takes each task: after the first task, it has.
        for (int i = 0; i < 2; i++) {
            driver.execute(() -> { }).get(10, TimeUnit.SECONDS);
        }
    }

    <T> T commitAndGet(CompletableFuture<T> f) throws Exception {
        await().atMost(WAIT).until(() -> log.uncommittedBatches() > 0 || f.isDone());
        log.commitAll();
        return f.get(10, TimeUnit.SECONDS);
    }

    /** Registers a broker (committed) and returns its epoch. */
    long register(int brokerId) throws Exception {
        RegisterBrokerResponse r = commitAndGet(driver.submit(new RegisterBrokerRequest(brokerId, null,
                new UUID(brokerId, brokerId), List.of(new BrokerEndpoint("PLAINTEXT", "localhost", 9092 + brokerId, "PLAINTEXT")),
                null)));
        assertThat(r.error().isSuccess()).as("registration of broker %d: %s", brokerId, r.error()).isTrue();
        return r.brokerEpoch();
    }

    /** A caught-up heartbeat on {@code connection}; its records (if any) committed. */
    BrokerHeartbeatResponse heartbeat(int brokerId, long epoch, Object connection) throws Exception {
        return commitAndGet(driver.heartbeat(brokerId, epoch, driver.committedImage().lastAppliedOffset(), false, false,
                connection));
    }

    /** Registers and unfences a broker whose heartbeats arrive on {@code connection}. */
    long registerUnfenced(int brokerId, Object connection) throws Exception {
        long epoch = register(brokerId);
        assertThat(heartbeat(brokerId, epoch, connection).isFenced()).isFalse();
        assertThat(driver.committedImage().isActiveBroker(brokerId)).isTrue();
        return epoch;
    }

    CompletableFuture<CreateTopicsResponse> createTopic(String name, int partitions) {
        return driver.submit(new CreateTopicsRequest(List.of(CreateTopicsRequest.Topic.of(name, partitions, 1)), false));
    }

    MetadataImage image() {
        return driver.committedImage();
    }

    @Override
    public void close() {
        driver.close();
    }

    /** Records what an in-process consumer of the driver sees. */
    static final class RecordingListener implements MetadataLog.Listener {
        final List<Long> offsets = new CopyOnWriteArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        /** The brokers fenced, in commit order: an unfencing heartbeat right after would hide one in the image. */
        final List<Integer> fenced = new CopyOnWriteArrayList<>();
        volatile MetadataImage image = MetadataImage.EMPTY;

        @Override
        public void onCommit(long offset, List<MetadataRecord> records) {
            io.tributary.metadata.image.MetadataDelta d = new io.tributary.metadata.image.MetadataDelta(image);
            d.replayAll(records);
            image = d.apply(offset);
            offsets.add(offset);
            records.stream().filter(r -> r instanceof io.tributary.metadata.record.FenceBrokerRecord)
                    .forEach(r -> fenced.add(((io.tributary.metadata.record.FenceBrokerRecord) r).brokerId()));
        }

        @Override
        public void onBecomeActive(long epoch) {
            events.add("active " + epoch);
        }

        @Override
        public void onResign() {
            events.add("resign");
        }

        @Override
        public void onSnapshotLoaded(MetadataImage loaded) {
            image = loaded;
            events.add("snapshot " + loaded.lastAppliedOffset());
        }

        List<String> eventsCopy() {
            return new ArrayList<>(events);
        }
    }
}
