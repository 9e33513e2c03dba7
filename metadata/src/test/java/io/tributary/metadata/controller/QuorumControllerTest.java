package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.CreateTopicsRequest;
import io.tributary.metadata.controller.api.CreateTopicsResponse;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.InMemoryMetadataLog;
import io.tributary.metadata.log.NotControllerException;
import io.tributary.metadata.record.ClusterIdRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.NoOpRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuorumControllerTest {

    private static CreateTopicsRequest create(String name) {
        return new CreateTopicsRequest(List.of(CreateTopicsRequest.Topic.of(name, 1, 1)), false);
    }

    /** A controller that is active in epoch 1 with one unfenced broker, everything committed. */
    private static QuorumController activeWithOneBroker() {
        QuorumController qc = new QuorumController(ControllerConfig.defaults(), new Random(7));
        ControllerResult<Optional<String>> boot = qc.becomeActive(1, 0);
        qc.replay(0, boot.records());
        ControllerResult<RegisterBrokerResponse> reg = qc.handle(
                new RegisterBrokerRequest(0, null, TestCluster.incarnation(0), TestCluster.endpoints(0), null), 0);
        qc.replay(1, reg.records());
        var hb = qc.handle(new BrokerHeartbeatRequest(0, reg.response().brokerEpoch(), 1, false, false), 0);
        qc.replay(2, hb.records());
        assertThat(qc.committedImage().isActiveBroker(0)).isTrue();
        return qc;
    }

    @Test
    void theFirstActiveControllerCreatesTheClusterIdOnce() {
        QuorumController qc = new QuorumController(ControllerConfig.defaults(), new Random(1));
        ControllerResult<Optional<String>> boot = qc.becomeActive(1, 0);
        String id = boot.response().orElseThrow();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_-]+");
        assertThat(boot.records()).containsExactly(new ClusterIdRecord(id));
        qc.replay(0, boot.records());
        qc.resign();
        assertThat(qc.becomeActive(2, 0).records()).isEmpty();
        assertThat(qc.committedImage().clusterId()).contains(id);
    }

    @Test
    void consecutiveCommandsSeeEachOtherBeforeCommit() {
        QuorumController qc = activeWithOneBroker();
        ControllerResult<CreateTopicsResponse> first = qc.handle(create("a"), 0);
        ControllerResult<CreateTopicsResponse> second = qc.handle(create("a"), 0);
        assertThat(first.response().topics().get(0).error().isSuccess()).isTrue();
        assertThat(second.response().topics().get(0).error().code()).isEqualTo(ErrorCode.TOPIC_ALREADY_EXISTS);
        assertThat(second.records()).isEmpty();
        assertThat(qc.uncommittedBatches()).isEqualTo(1);
        assertThat(qc.image().topic("a")).isNotNull();
        assertThat(qc.committedImage().topic("a")).isNull();
        qc.replay(3, first.records());
        assertThat(qc.uncommittedBatches()).isZero();
        assertThat(qc.image()).isSameAs(qc.committedImage());
        assertThat(qc.committedImage().topic("a")).isNotNull();
    }

    @Test
    void aFailedAppendMakesTheControllerResignAndForgetItsSpeculation() {
        QuorumController qc = activeWithOneBroker();
        qc.handle(create("a"), 0);
        qc.handle(create("b"), 0);
        qc.appendFailed(new RuntimeException("disk full"));
        assertThat(qc.isActive()).isFalse();
        assertThat(qc.uncommittedBatches()).isZero();
        assertThat(qc.image().topic("a")).isNull();
        assertThatThrownBy(() -> qc.handle(create("c"), 0)).isInstanceOf(NotControllerException.class);
    }

    @Test
    void brokerEpochsAreNeverReusedEvenWhileUncommitted() {
        QuorumController qc = activeWithOneBroker();
        var first = qc.handle(new RegisterBrokerRequest(5, null, TestCluster.incarnation(5), TestCluster.endpoints(5), null), 0);
        var gone = qc.handle(new io.tributary.metadata.controller.api.UnregisterBrokerRequest(5), 0);
        assertThat(gone.response().isSuccess()).isTrue();
        var again = qc.handle(new RegisterBrokerRequest(5, null, TestCluster.incarnation(5), TestCluster.endpoints(5), null), 0);
        assertThat(again.response().brokerEpoch()).isGreaterThan(first.response().brokerEpoch());
    }

    @Test
    void aStandbyRefusesCommandsButReplays() {
        QuorumController active = activeWithOneBroker();
        QuorumController standby = new QuorumController(ControllerConfig.defaults(), new Random(3));
        assertThatThrownBy(() -> standby.handle(create("a"), 0)).isInstanceOf(NotControllerException.class);
        ControllerResult<CreateTopicsResponse> r = active.handle(create("a"), 0);
        active.replay(3, r.records());
        MetadataImage image = active.committedImage();
        for (MetadataRecord record : image.toRecords()) {
            assertThat(record).isNotNull();
        }
        standby.replay(3, image.toRecords());
        assertThat(standby.committedImage()).isEqualTo(image);
    }

    @Test
    void uncommittedWorkIsBounded() {
        QuorumController qc = new QuorumController(ControllerConfig.defaults().withMaxUncommittedBatches(2), new Random(1));
        qc.becomeActive(1, 0);
        assertThat(qc.uncommittedBatches()).isEqualTo(1);
        qc.handle(new RegisterBrokerRequest(0, null, TestCluster.incarnation(0), TestCluster.endpoints(0), null), 0);
        assertThat(qc.hasCapacity()).isFalse();
        assertThatThrownBy(() -> qc.handle(create("x"), 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too many uncommitted batches");
    }

    @Test
    void illegalTransitionsAreRefused() {
        QuorumController qc = new QuorumController(ControllerConfig.defaults(), new Random(1));
        assertThatThrownBy(qc::resign).isInstanceOf(IllegalStateException.class);
        qc.becomeActive(3, 0);
        assertThatThrownBy(() -> qc.becomeActive(4, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already active");
        assertThatThrownBy(() -> qc.loadSnapshot(MetadataImage.EMPTY)).isInstanceOf(IllegalStateException.class);
        qc.resign();
        assertThatThrownBy(() -> qc.becomeActive(3, 0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not follow");
    }

    @Test
    void aCommittedBatchThatIsNotOursWhileWeHavePendingOnesIsRefused() {
        QuorumController qc = activeWithOneBroker();
        qc.handle(create("a"), 0);
        assertThatThrownBy(() -> qc.replay(3, List.of(new NoOpRecord()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the oldest batch");
        assertThatThrownBy(() -> qc.replay(2, List.of(new NoOpRecord()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not follow");
    }

    @Test
    void aBrokerIsNotCaughtUpUntilItsRegistrationCommitted() {
        QuorumController qc = new QuorumController(ControllerConfig.defaults(), new Random(1));
        qc.replay(0, qc.becomeActive(1, 0).records());
        var reg = qc.handle(new RegisterBrokerRequest(0, null, TestCluster.incarnation(0), TestCluster.endpoints(0), null), 0);
        long epoch = reg.response().brokerEpoch();
        var early = qc.handle(new BrokerHeartbeatRequest(0, epoch, 100, false, false), 0);
        assertThat(early.response().isCaughtUp()).isFalse();
        assertThat(early.response().isFenced()).isTrue();
        qc.replay(5, reg.records());
        assertThat(qc.handle(new BrokerHeartbeatRequest(0, epoch, 4, false, false), 0).response().isCaughtUp()).isFalse();
        var late = qc.handle(new BrokerHeartbeatRequest(0, epoch, 5, false, false), 0);
        assertThat(late.response().isCaughtUp()).isTrue();
        assertThat(late.response().isFenced()).isFalse();
    }

    @Test
    void aSnapshotReplacesTheStandbyState() {
        QuorumController active = activeWithOneBroker();
        QuorumController standby = new QuorumController(ControllerConfig.defaults(), new Random(3));
        standby.loadSnapshot(active.committedImage());
        assertThat(standby.committedImage()).isEqualTo(active.committedImage());
        assertThat(standby.heartbeats().isCaughtUp(0, active.committedImage().lastAppliedOffset())).isTrue();
        standby.becomeActive(2, 0);
        assertThat(standby.handle(create("a"), 0).response().topics().get(0).error().isSuccess()).isTrue();
    }

    @Test
    void theInMemoryLogDrivesAControllerThroughFailover() {
        InMemoryMetadataLog log = new InMemoryMetadataLog();
        QuorumController qc = new QuorumController(ControllerConfig.defaults(), new Random(5));
        log.register(new io.tributary.metadata.log.MetadataLog.Listener() {
            @Override
            public void onCommit(long offset, List<MetadataRecord> records) {
                qc.replay(offset, records);
            }

            @Override
            public void onBecomeActive(long epoch) {
            }

            @Override
            public void onResign() {
                if (qc.isActive()) {
                    qc.resign();
                }
            }

            @Override
            public void onSnapshotLoaded(MetadataImage image) {
                qc.loadSnapshot(image);
            }
        });
        long epoch = log.becomeLeader();
        var boot = qc.becomeActive(epoch, 0);
        var future = log.append(qc.epoch(), boot.records());
        assertThat(future).isNotDone();
        log.commitAll();
        assertThat(future.join()).isZero();
        var reg = qc.handle(new RegisterBrokerRequest(0, null, TestCluster.incarnation(0), TestCluster.endpoints(0), null), 0);
        var pending = log.append(qc.epoch(), reg.records());
        log.resign();
        assertThat(pending).isCompletedExceptionally();
        assertThat(qc.isActive()).isFalse();
        assertThat(qc.image().brokers()).isEmpty();
        long next = log.becomeLeader();
        assertThat(qc.becomeActive(next, 0).records()).as("the cluster id is already committed").isEmpty();
        var stale = log.append(epoch, List.of(new NoOpRecord()));
        assertThat(stale).isCompletedExceptionally();
    }
}
