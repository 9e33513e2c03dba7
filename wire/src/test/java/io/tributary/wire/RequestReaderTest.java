package io.tributary.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.wire.api.metadata.MetadataRequest;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.junit.jupiter.api.Test;

class RequestReaderTest {

    private final RequestReader reader = new RequestReader(ApiRegistry.standard());

    @Test
    void aFrameShorterThanTheFixedHeaderIsMalformedWithoutAHeader() {
        ParsedRequest p = reader.read(ByteBuffer.wrap(new byte[] {0, 3, 0, 9, 0}));
        assertThat(p).isInstanceOfSatisfying(ParsedRequest.Malformed.class, m -> {
            assertThat(m.reason()).contains("shorter than a request header");
            assertThat(m.headerOrNull()).isNull();
        });
    }

    @Test
    void anUnimplementedApiIsMalformedButKeepsTheHeaderForTheLogLine() {
        ByteBuffer frame = KafkaWire.request(new MetadataRequestData(), (short) 9);
        frame.putShort(0, (short) 33);  // AlterConfigs, which Tributary does not implement
        ParsedRequest p = reader.read(frame);
        assertThat(p).isInstanceOfSatisfying(ParsedRequest.Malformed.class, m -> {
            assertThat(m.reason()).contains("API key 33");
            assertThat(m.headerOrNull().correlationId()).isEqualTo(KafkaWire.CORRELATION_ID);
            assertThat(m.headerOrNull().clientId()).isEqualTo(KafkaWire.CLIENT_ID);
        });
        frame.putShort(0, (short) -7);
        assertThat(reader.read(frame)).isInstanceOf(ParsedRequest.Malformed.class);
    }

    @Test
    void readsFlexibleHeadersWithTaggedFieldsAndNullClientIds() {
        ByteBuffer frame = KafkaWire.request(new MetadataRequestData().setTopics(null), (short) 12, 7, null);
        ParsedRequest p = reader.read(frame);
        assertThat(p).isInstanceOfSatisfying(ParsedRequest.Ok.class, ok -> {
            assertThat(ok.header()).isEqualTo(new RequestHeader((short) 3, (short) 12, 7, null));
            assertThat(((MetadataRequest) ok.body()).allTopics()).isTrue();
        });
    }

    @Test
    void skipsUnknownTaggedFieldsInAFlexibleHeader() {
        // Header v2 by hand: key 3, version 12, correlation 5, client id "c", one tagged field (tag 9, 2 bytes).
        ByteBuffer body = KafkaWire.request(new MetadataRequestData().setTopics(null), (short) 12);
        body.position(8 + 2 + KafkaWire.CLIENT_ID.length() + 1);  // past the fixed part, client id and an empty tag section
        ByteBuffer frame = ByteBuffer.allocate(64);
        frame.putShort((short) 3).putShort((short) 12).putInt(5).putShort((short) 1).put((byte) 'c');
        frame.put((byte) 1).put((byte) 9).put((byte) 2).put((byte) 0xAB).put((byte) 0xCD);
        frame.put(body).flip();
        assertThat(reader.read(frame)).isInstanceOfSatisfying(ParsedRequest.Ok.class,
                ok -> assertThat(ok.header()).isEqualTo(new RequestHeader((short) 3, (short) 12, 5, "c")));
    }

    @Test
    void aCutBodyIsMalformedAndNamesTheApiAndVersion() {
        ByteBuffer whole = KafkaWire.request(new ProduceRequestData().setAcks((short) 1), (short) 7);
        ByteBuffer cut = whole.duplicate().limit(whole.limit() - 3);
        ParsedRequest p = reader.read(cut);
        assertThat(p).isInstanceOfSatisfying(ParsedRequest.Malformed.class, m -> {
            assertThat(m.reason()).contains("Produce v7");
            assertThat(m.headerOrNull().apiVersion()).isEqualTo((short) 7);
        });
    }

    @Test
    void aClientIdLongerThanTheFrameIsMalformed() {
        ByteBuffer frame = KafkaWire.request(new MetadataRequestData(), (short) 4);
        frame.putShort(8, (short) 30_000);
        assertThat(reader.read(frame)).isInstanceOfSatisfying(ParsedRequest.Malformed.class,
                m -> assertThat(m.reason()).contains("client id length 30000"));
    }

    @Test
    void doesNotMoveTheCallersPosition() {
        ByteBuffer frame = KafkaWire.request(new MetadataRequestData(), (short) 4);
        int before = frame.position();
        reader.read(frame);
        assertThat(frame.position()).isEqualTo(before);
    }
}
