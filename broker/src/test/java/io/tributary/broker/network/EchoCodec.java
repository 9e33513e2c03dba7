package io.tributary.broker.network;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.MalformedRequestException;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A toy protocol for network tests, independent of Kafka's. Request: int16 apiKey, int16 version,
 * int32 correlationId, then a UTF-8 body. Response: int32 size, int32 correlationId, UTF-8 body.
 * API key 99 is "not implemented" (malformed); version 9 is unsupported.
 */
final class EchoCodec implements ApiCodec<String, String> {

    static final EchoCodec INSTANCE = new EchoCodec();

    static ParsedRequest parse(ByteBuffer frame) {
        if (frame.remaining() < 8) {
            return new ParsedRequest.Malformed("frame of " + frame.remaining() + " bytes is too short", null);
        }
        RequestHeader h = new RequestHeader(frame.getShort(), frame.getShort(), frame.getInt(), "test");
        if (h.apiKey() == 99) {
            return new ParsedRequest.Malformed("unknown API key 99", h);
        }
        if (h.apiVersion() == 9) {
            return new ParsedRequest.UnsupportedVersion(h, h.apiKey() == 18 ? INSTANCE.encode(h, "UNSUPPORTED") : null);
        }
        return new ParsedRequest.Ok<>(h, INSTANCE.decode(h, frame), INSTANCE);
    }

    static byte[] request(int correlationId, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + b.length).putShort((short) 0).putShort((short) 0).putInt(correlationId).put(b).array();
    }

    static byte[] request(short apiKey, short version, int correlationId, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + b.length).putShort(apiKey).putShort(version).putInt(correlationId).put(b).array();
    }

    static int correlationId(byte[] response) {
        return ByteBuffer.wrap(response).getInt();
    }

    static String body(byte[] response) {
        return new String(response, 4, response.length - 4, StandardCharsets.UTF_8);
    }

    @Override
    public short apiKey() {
        return 0;
    }

    @Override
    public String name() {
        return "Echo";
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 0;
    }

    @Override
    public String decode(RequestHeader header, ByteBuffer body) {
        byte[] b = new byte[body.remaining()];
        body.get(b);
        String s = new String(b, StandardCharsets.UTF_8);
        if (s.equals("garbage")) {
            throw new MalformedRequestException("garbage");
        }
        return s;
    }

    @Override
    public ResponseFrame encode(RequestHeader header, String response) {
        byte[] b = response.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).putInt(4 + b.length).putInt(header.correlationId()).put(b);
        out.flip();
        return ResponseFrame.of(out);
    }

    @Override
    public String errorResponse(RequestHeader header, String request, ErrorCode error) {
        return "ERROR " + error;
    }
}
