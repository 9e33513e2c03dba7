package io.tributary.controller;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatConnectionsTest {

    @Test
    void aBrokerFollowsItsLatestConnectionAndAClosedOneNamesItsBrokers() {
        HeartbeatConnections c = new HeartbeatConnections();
        c.bind(1, 10, "a");
        c.bind(2, 20, "a");
        c.bind(1, 11, "b");
        assertThat(c.connectionOf(1)).isEqualTo("b");
        assertThat(c.connectionClosed("a")).containsExactly(new HeartbeatConnections.Binding(2, 20));
        assertThat(c.connectionClosed("a")).isEmpty();
        assertThat(c.connectionClosed("b")).containsExactly(new HeartbeatConnections.Binding(1, 11));
        assertThat(c.size()).isZero();
    }

    @Test
    void clearForgetsEverything() {
        HeartbeatConnections c = new HeartbeatConnections();
        c.bind(1, 10, "a");
        c.clear();
        assertThat(c.connectionClosed("a")).isEmpty();
        assertThat(c.connectionOf(1)).isNull();
    }
}
