package io.tributary.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HotMethodsTest {

    @Test
    void waitingForWorkIsNotNativeWork() {
        assertThat(HotMethods.isIdleWait("io.netty.channel.epoll.Native.epollWait0")).isTrue();
        assertThat(HotMethods.isIdleWait("jdk.internal.misc.Unsafe.park")).isTrue();
        assertThat(HotMethods.isIdleWait("sun.nio.ch.EPoll.wait")).as("Kafka's selector").isTrue();
        assertThat(HotMethods.isIdleWait("sun.nio.ch.FileDispatcherImpl.pwrite0")).isFalse();
        assertThat(HotMethods.isIdleWait("io.netty.channel.unix.Socket.recvAddress")).isFalse();
    }
}
