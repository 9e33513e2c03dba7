package io.tributary.metadata.controller;

import io.tributary.common.ErrorCode;
import io.tributary.metadata.controller.api.ApiError;
import io.tributary.metadata.controller.api.BrokerHeartbeatRequest;
import io.tributary.metadata.controller.api.BrokerHeartbeatResponse;
import io.tributary.metadata.controller.api.FenceBrokerRequest;
import io.tributary.metadata.controller.api.FenceStaleBrokersRequest;
import io.tributary.metadata.controller.api.RegisterBrokerRequest;
import io.tributary.metadata.controller.api.RegisterBrokerResponse;
import io.tributary.metadata.controller.api.UnregisterBrokerRequest;
import io.tributary.metadata.image.PartitionRegistration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerLifecycleTest {

    private static final long SESSION_MS = ControllerConfig.DEFAULT_BROKER_SESSION_TIMEOUT_MS;

    @Test
    void aNewBrokerStartsFencedAndIsUnfencedOnceCaughtUp() {
        TestCluster c = new TestCluster();
        RegisterBrokerResponse r = c.register(0);
        assertThat(r.error().isSuccess()).isTrue();
        assertThat(c.image().broker(0).fenced()).isTrue();
        assertThat(c.image().broker(0).brokerEpoch()).isEqualTo(r.brokerEpoch());
        BrokerHeartbeatResponse behind = c.run(new BrokerHeartbeatRequest(0, r.brokerEpoch(), -1, false, false));
        assertThat(behind.isCaughtUp()).isFalse();
        assertThat(behind.isFenced()).isTrue();
        BrokerHeartbeatResponse caughtUp = c.heartbeat(0);
        assertThat(caughtUp.isCaughtUp()).isTrue();
        assertThat(caughtUp.isFenced()).isFalse();
        assertThat(c.image().isActiveBroker(0)).isTrue();
    }

    @Test
    void brokerEpochsGrowAcrossRegistrationsAndUnregistration() {
        TestCluster c = TestCluster.withBrokers(2);
        long first = c.brokerEpochs.get(0);
        long second = c.register(0).brokerEpoch();
        assertThat(second).isGreaterThan(first).isGreaterThan(c.brokerEpochs.get(1));
        assertThat(c.run(new UnregisterBrokerRequest(0)).isSuccess()).isTrue();
        long third = c.register(0).brokerEpoch();
        assertThat(third).isGreaterThan(second);
    }

    @Test
    void aDifferentIncarnationIsRefusedWhileTheOldSessionLives() {
        TestCluster c = TestCluster.withBrokers(1);
        RegisterBrokerResponse dup = c.register(0, new UUID(99, 99));
        assertThat(dup.error().code()).isEqualTo(ErrorCode.DUPLICATE_BROKER_REGISTRATION);
        assertThat(dup.brokerEpoch()).isEqualTo(-1);
        c.nowMs += SESSION_MS;
        RegisterBrokerResponse later = c.register(0, new UUID(99, 99));
        assertThat(later.error().isSuccess()).isTrue();
        assertThat(c.image().broker(0).incarnationId()).isEqualTo(new UUID(99, 99));
    }

    @Test
    void aRestartedBrokerGivesUpItsLeadershipsAndIsrsBeforeReRegistering() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 3, 3);
        int leader = c.partition("t", 0).leader();
        RegisterBrokerResponse again = c.register(leader);
        assertThat(again.error().isSuccess()).isTrue();
        PartitionRegistration p = c.partition("t", 0);
        assertThat(p.leader()).isNotEqualTo(leader).isNotEqualTo(-1);
        assertThat(p.isr()).doesNotContain(leader);
        assertThat(c.image().broker(leader).fenced()).isTrue();
    }

    @Test
    void heartbeatsFromUnknownOrStaleBrokersAreRefused() {
        TestCluster c = TestCluster.withBrokers(1);
        BrokerHeartbeatResponse unknown = c.run(new BrokerHeartbeatRequest(7, 0, 0, false, false));
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.BROKER_ID_NOT_REGISTERED);
        BrokerHeartbeatResponse stale = c.run(new BrokerHeartbeatRequest(0, c.brokerEpochs.get(0) + 100, 0, false, false));
        assertThat(stale.error().code()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH);
        assertThat(stale.error().message()).contains("Expected broker epoch");
    }

    @Test
    void invalidRegistrationsAreRefused() {
        TestCluster c = TestCluster.withBrokers(1);
        assertThat(c.run(new RegisterBrokerRequest(1, null, new UUID(1, 1), List.of(), null)).error().code())
                .isEqualTo(ErrorCode.INVALID_REGISTRATION);
        assertThat(c.run(new RegisterBrokerRequest(-3, null, new UUID(1, 1), TestCluster.endpoints(1), null)).error().code())
                .isEqualTo(ErrorCode.INVALID_REGISTRATION);
        String clusterId = c.image().clusterId().orElseThrow();
        assertThat(c.run(new RegisterBrokerRequest(1, clusterId, new UUID(1, 1), TestCluster.endpoints(1), "r1")).error().isSuccess())
                .isTrue();
        assertThat(c.image().broker(1).rack()).isEqualTo("r1");
    }

    @Test
    void silentBrokersAreFencedAndTheirLeadershipsMove() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 6, 3);
        c.advanceKeeping(SESSION_MS - 1, 0, 1);
        assertThat(c.run(new FenceStaleBrokersRequest())).as("the session has not lapsed yet").isEmpty();
        c.advanceKeeping(2, 0, 1);
        assertThat(c.run(new FenceStaleBrokersRequest())).containsExactly(2);
        assertThat(c.image().broker(2).fenced()).isTrue();
        for (PartitionRegistration p : c.image().topic("t").partitions()) {
            assertThat(p.leader()).isIn(0, 1);
            assertThat(p.isr()).doesNotContain(2);
        }
        assertThat(c.run(new FenceStaleBrokersRequest())).as("fenced once").isEmpty();
    }

    @Test
    void severalBrokersCanBeFencedAtOnce() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 3, 3);
        c.advanceKeeping(SESSION_MS, 0);
        assertThat(c.run(new FenceStaleBrokersRequest())).containsExactly(1, 2);
        for (PartitionRegistration p : c.image().topic("t").partitions()) {
            assertThat(p.leader()).isEqualTo(0);
            assertThat(p.isr()).containsExactly(0);
        }
    }

    @Test
    void aNewActiveControllerGivesEveryBrokerAFullSession() {
        TestCluster c = TestCluster.withBrokers(2);
        c.nowMs += SESSION_MS * 5;
        c.log.resign();
        long epoch = c.log.becomeLeader();
        c.append(c.controller.becomeActive(epoch, c.nowMs));
        c.nowMs += SESSION_MS - 1;
        assertThat(c.run(new FenceStaleBrokersRequest())).isEmpty();
        c.nowMs += 1;
        assertThat(c.run(new FenceStaleBrokersRequest())).containsExactly(0, 1);
    }

    @Test
    void fencingForAReasonEndsTheSessionSoANewIncarnationMayRegisterAtOnce() {
        TestCluster c = TestCluster.withBrokers(2);
        c.createTopic("t", 2, 2);
        long epoch = c.brokerEpochs.get(1);
        ApiError r = c.run(new FenceBrokerRequest(1, epoch, "its heartbeat connection closed"));
        assertThat(r.isSuccess()).isTrue();
        assertThat(c.image().broker(1).fenced()).isTrue();
        for (PartitionRegistration p : c.image().topic("t").partitions()) {
            assertThat(p.leader()).isEqualTo(0);
            assertThat(p.isr()).containsExactly(0);
        }
        assertThat(c.run(new FenceBrokerRequest(1, epoch, "again")).isSuccess()).as("fencing twice is harmless").isTrue();
        RegisterBrokerResponse restarted = c.register(1, new UUID(7, 7));
        assertThat(restarted.error().isSuccess()).as("no DUPLICATE_BROKER_REGISTRATION: the session ended").isTrue();
        assertThat(restarted.brokerEpoch()).isGreaterThan(epoch);
    }

    @Test
    void fencingForAReasonSparesANewerRegistrationAndALiveBrokerComesBack() {
        TestCluster c = TestCluster.withBrokers(2);
        long old = c.brokerEpochs.get(1);
        long newer = c.register(1).brokerEpoch();
        c.heartbeat(1);
        assertThat(c.run(new FenceBrokerRequest(1, old, "an old connection closed")).code()).isEqualTo(ErrorCode.STALE_BROKER_EPOCH);
        assertThat(c.image().broker(1).fenced()).isFalse();
        assertThat(c.run(new FenceBrokerRequest(9, 0, "unknown")).code()).isEqualTo(ErrorCode.BROKER_ID_NOT_REGISTERED);
        assertThat(c.run(new FenceBrokerRequest(1, newer, "its connection closed")).isSuccess()).isTrue();
        assertThat(c.image().broker(1).fenced()).isTrue();
        assertThat(c.controller.heartbeats().hasValidSession(1, c.nowMs)).isFalse();
        assertThat(c.heartbeat(1).isFenced()).as("it reconnected and heartbeats again").isFalse();
        assertThat(c.controller.heartbeats().hasValidSession(1, c.nowMs)).isTrue();
    }

    @Test
    void aBrokerMayAskToBeFencedAndComeBack() {
        TestCluster c = TestCluster.withBrokers(2);
        c.createTopic("t", 2, 2);
        assertThat(c.heartbeat(1, true, false).isFenced()).isTrue();
        assertThat(c.image().broker(1).fenced()).isTrue();
        assertThat(c.heartbeat(1, true, false).isFenced()).as("stays fenced while it wants to").isTrue();
        assertThat(c.heartbeat(1).isFenced()).isFalse();
    }

    @Test
    void controlledShutdownMovesLeadershipsAwayFirst() {
        TestCluster c = TestCluster.withBrokers(3);
        c.createTopic("t", 3, 3);
        BrokerHeartbeatResponse first = c.run(new BrokerHeartbeatRequest(0, c.brokerEpochs.get(0), 0, false, true));
        assertThat(first.shouldShutDown()).isFalse();
        assertThat(first.isFenced()).isFalse();
        assertThat(c.image().broker(0).inControlledShutdown()).isTrue();
        for (PartitionRegistration p : c.image().topic("t").partitions()) {
            assertThat(p.leader()).isNotEqualTo(0).isNotEqualTo(-1);
            assertThat(p.isr()).doesNotContain(0);
        }
        BrokerHeartbeatResponse notYetSeen = c.run(new BrokerHeartbeatRequest(0, c.brokerEpochs.get(0), 0, false, true));
        assertThat(notYetSeen.shouldShutDown()).as("the broker has not seen the moves yet").isFalse();
        BrokerHeartbeatResponse done = c.heartbeat(0, false, true);
        assertThat(done.shouldShutDown()).isTrue();
        assertThat(done.isFenced()).isTrue();
        assertThat(c.image().broker(0).fenced()).isTrue();
    }

    @Test
    void controlledShutdownOfABrokerLeadingNothingIsImmediate() {
        TestCluster c = TestCluster.withBrokers(2);
        BrokerHeartbeatResponse r = c.heartbeat(1, false, true);
        assertThat(r.shouldShutDown()).isTrue();
        assertThat(c.image().broker(1).fenced()).isTrue();
        BrokerHeartbeatResponse again = c.heartbeat(1, false, true);
        assertThat(again.shouldShutDown()).isTrue();
    }

    @Test
    void theLastReplicaOfAPartitionShutsDownLeavingItOffline() {
        TestCluster c = TestCluster.withBrokers(1);
        c.createTopic("solo", 1, 1);
        c.heartbeat(0, false, true);
        PartitionRegistration p = c.partition("solo", 0);
        assertThat(p.leader()).isEqualTo(-1);
        assertThat(p.isr()).isEmpty();
        assertThat(p.elr()).as("it stays electable when it returns").containsExactly(0);
        assertThat(c.heartbeat(0, false, true).shouldShutDown()).isTrue();
    }

    @Test
    void unregisteringMovesLeadershipsAndRemovesTheBroker() {
        TestCluster c = TestCluster.withBrokers(2);
        c.createTopic("t", 2, 2);
        ApiError r = c.run(new UnregisterBrokerRequest(0));
        assertThat(r.isSuccess()).isTrue();
        assertThat(c.image().broker(0)).isNull();
        for (PartitionRegistration p : c.image().topic("t").partitions()) {
            assertThat(p.leader()).isEqualTo(1);
            assertThat(c.image().offlineReplicas(p)).containsExactly(0);
        }
        assertThat(c.run(new UnregisterBrokerRequest(0)).code()).isEqualTo(ErrorCode.BROKER_ID_NOT_REGISTERED);
    }
}
