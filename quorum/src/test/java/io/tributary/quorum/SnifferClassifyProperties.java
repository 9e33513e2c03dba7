package io.tributary.quorum;

import io.netty.buffer.Unpooled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SnifferClassifyProperties {

    private static final byte[] PREFACE = ControllerPortSniffer.HTTP2_PREFACE;

    @Property(tries = 500)
    void onlyTheWholePrefaceMeansRaftAndAPrefixMeansWait(@ForAll @Size(max = 64) byte[] bytes) {
        ControllerPortSniffer.Verdict v = ControllerPortSniffer.classify(Unpooled.wrappedBuffer(bytes));
        int n = Math.min(bytes.length, PREFACE.length);
        boolean prefixMatches = Arrays.equals(bytes, 0, n, PREFACE, 0, n);
        if (!prefixMatches) {
            assertThat(v).isEqualTo(ControllerPortSniffer.Verdict.KAFKA);
        } else if (bytes.length >= PREFACE.length) {
            assertThat(v).isEqualTo(ControllerPortSniffer.Verdict.RAFT);
        } else {
            assertThat(v).isEqualTo(ControllerPortSniffer.Verdict.NEED_MORE);
        }
    }

    @Property(tries = 300)
    void theBytesAfterThePrefaceDoNotMatter(@ForAll @Size(max = 64) byte[] rest) {
        byte[] bytes = ByteBuffer.allocate(PREFACE.length + rest.length).put(PREFACE).put(rest).array();
        assertThat(ControllerPortSniffer.classify(Unpooled.wrappedBuffer(bytes))).isEqualTo(ControllerPortSniffer.Verdict.RAFT);
    }

    @Property(tries = 300)
    void anyKafkaFrameWithinTheDefaultSizeLimitIsKafkaAtItsFirstByte(
            @ForAll @IntRange(min = 0, max = 104_857_600) int size, @ForAll @Size(max = 32) byte[] rest) {
        byte[] first = ByteBuffer.allocate(4).putInt(size).array();
        assertThat(ControllerPortSniffer.classify(Unpooled.wrappedBuffer(new byte[] {first[0]})))
                .isEqualTo(ControllerPortSniffer.Verdict.KAFKA);
        byte[] frame = ByteBuffer.allocate(4 + rest.length).put(first).put(rest).array();
        assertThat(ControllerPortSniffer.classify(Unpooled.wrappedBuffer(frame))).isEqualTo(ControllerPortSniffer.Verdict.KAFKA);
    }
}
