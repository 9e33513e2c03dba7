package io.tributary.controller;

import io.tributary.common.Time;
import io.tributary.controller.local.LocalMetadataLog;
import io.tributary.metadata.controller.ControllerConfig;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.controller.api.UnregisterBrokerRequest;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.BrokerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The single-node mode: the driver over the local file log, as the broker runs it without controller.quorum.voters. */
class LocalControllerDriverTest {

    @TempDir
    Path dir;

    private ControllerDriver open() throws Exception {
        ControllerDriver driver = new ControllerDriver(ControllerDriverConfig.of(0, ControllerConfig.fromProperties(Map.of())),
                LocalMetadataLog.open(dir), Time.SYSTEM, new Random(3), t -> { });
        driver.start();
        driver.firstActivation().get(10, TimeUnit.SECONDS);
        return driver;
    }

    @Test
    void aSingleNodeIsActiveAtOnceCommitsSynchronouslyAndRestartsFromItsSnapshot() throws Exception {
        MetadataImage before;
        long epochBefore;
        try (ControllerDriver driver = open()) {
            assertThat(driver.isActive()).isTrue();
            assertThat(driver.activeControllerId()).hasValue(0);
            assertThat(driver.committedImage().clusterId()).isPresent();
            RegisterBrokerResponse reg = driver.submit(new RegisterBrokerRequest(0, null, new UUID(0, 1),
                    List.of(new BrokerEndpoint("PLAINTEXT", "localhost", 9092, "PLAINTEXT")), null)).get(10, TimeUnit.SECONDS);
            epochBefore = reg.brokerEpoch();
            BrokerHeartbeatResponse hb = driver.heartbeat(0, reg.brokerEpoch(), driver.committedImage().lastAppliedOffset(),
                    false, false, "conn").get(10, TimeUnit.SECONDS);
            assertThat(hb.isFenced()).isFalse();
            CreateTopicsResponse created = driver.submit(new CreateTopicsRequest(
                    List.of(CreateTopicsRequest.Topic.of("t", 2, 1)), false)).get(10, TimeUnit.SECONDS);
            assertThat(created.topics().get(0).error().isSuccess()).isTrue();
            before = driver.committedImage();
            assertThat(before.topic("t").partitionCount()).isEqualTo(2);
        }
        try (var files = Files.list(dir.resolve(LocalMetadataLog.DIR_NAME))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("a clean stop leaves the snapshot, named by its offset")
                    .contains(String.format("%020d.checkpoint", before.lastAppliedOffset()));
        }
        try (ControllerDriver driver = open()) {
            MetadataImage after = driver.committedImage();
            assertThat(after.topics()).isEqualTo(before.topics());
            assertThat(after.clusterId()).isEqualTo(before.clusterId());
            assertThat(after.broker(0).brokerEpoch()).isEqualTo(epochBefore);
            // The session of the previous run's broker is soft state; a fetch from the start gets the whole image.
            MetadataFetchResult all = driver.fetch(0, 0).get(10, TimeUnit.SECONDS);
            assertThat(all.entries()).singleElement()
                    .satisfies(e -> assertThat(e.kind()).isEqualTo(MetadataFetchEntry.Kind.SNAPSHOT));
        }
    }

    @Test
    void aHaltLeavesNoSnapshotAndTheNextStartReplaysTheLog() throws Exception {
        MetadataImage before;
        ControllerDriver first = open();
        first.submit(new RegisterBrokerRequest(0, null, new UUID(0, 1),
                List.of(new BrokerEndpoint("PLAINTEXT", "localhost", 9092, "PLAINTEXT")), null)).get(10, TimeUnit.SECONDS);
        before = first.committedImage();
        first.halt();
        assertThat(first.isActive()).isFalse();
        assertThatThrownBy(() -> first.submit(new UnregisterBrokerRequest(0)).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ControllerUnavailableException.class);
        try (var files = Files.list(dir.resolve(LocalMetadataLog.DIR_NAME))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".checkpoint"));
        }
        try (ControllerDriver driver = open()) {
            assertThat(driver.committedImage().brokers()).isEqualTo(before.brokers());
            assertThat(driver.committedImage().lastAppliedOffset()).isEqualTo(before.lastAppliedOffset());
        }
    }
}
