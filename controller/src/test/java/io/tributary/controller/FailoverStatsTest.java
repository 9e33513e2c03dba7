package io.tributary.controller;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailoverStatsTest {

    private final AtomicLong nowNs = new AtomicLong(1_000_000_000L);
    private final FailoverStats stats = new FailoverStats(nowNs::get);

    @Test
    void aLostBrokerCountsOnceWithTheTimeSinceItsLastHeartbeat() {
        stats.heartbeatAccepted(1, false);
        nowNs.addAndGet(250_000_000L);
        stats.fenced(1);
        stats.fenced(1);
        assertThat(stats.fencings()).isEqualTo(1);
        assertThat(stats.lastFailoverNs()).isEqualTo(250_000_000L);
        assertThat(stats.lastFencedBroker()).isEqualTo(1);
    }

    @Test
    void aBrokerInControlledShutdownIsNoFailoverWhenItIsFenced() {
        stats.heartbeatAccepted(2, false);
        stats.heartbeatAccepted(2, true);
        nowNs.addAndGet(900_000_000L);
        stats.fenced(2);
        assertThat(stats.fencings()).isZero();
        assertThat(stats.lastFailoverNs()).isEqualTo(-1);
        assertThat(stats.lastFencedBroker()).isEqualTo(-1);
    }
}
