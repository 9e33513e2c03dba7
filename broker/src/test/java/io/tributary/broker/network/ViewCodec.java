package io.tributary.broker.network;

import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiCodec;
import io.tributary.wire.ParsedRequest;
import io.tributary.wire.RequestHeader;
import io.tributary.wire.ResponseFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A toy protocol whose decoded request is a view of the frame, as Produce record data is, so tests
 * can see whether a frame's bytes outlive their request. Request: int16 apiKey, int16 version, int32
 * correlationId, then the body (a view, not a copy). Response: int32 size, int32 correlationId,
 * UTF-8 body. API key 99 is "not implemented" (malformed); version 9 is unsupported (API key 18 gets a
 * reply, others a close).
 */
final class ViewCodec implements ApiCodec<ByteBuffer, String> {

    static final ViewCodec INSTANCE = new ViewCodec();

    static ParsedRequest parse(ByteBuffer frame) {
        ByteBuffer f = frame.duplicate();
        if (f.remaining() < 8) {
            return new ParsedRequest.Malformed("frame of " + f.remaining() + " bytes is too short", null);
        }
        RequestHeader h = new RequestHeader(f.getShort(), f.getShort(), f.getInt(), "test");
        if (h.apiKey() == 99) {
            return new ParsedRequest.Malformed("unknown API key 99", h);
        }
        if (h.apiVersion() == 9) {
            return new ParsedRequest.UnsupportedVersion(h, h.apiKey() == 18 ? INSTANCE.encode(h, "UNSUPPORTED") : null);
        }
        return new ParsedRequest.Ok<>(h, INSTANCE.decode(h, f), INSTANCE);
    }

    static String text(ByteBuffer view) {
        ByteBuffer v = view.duplicate();
        byte[] b = new byte[v.remaining()];
        v.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public short apiKey() {
        return 0;
    }

    @Override
    public String name() {
        return "View";
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
    public ByteBuffer decode(RequestHeader header, ByteBuffer body) {
        return body.slice();
    }

    @Override
    public ResponseFrame encode(RequestHeader header, String response) {
        byte[] b = response.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + b.length).putInt(4 + b.length).putInt(header.correlationId()).put(b);
        out.flip();
        return ResponseFrame.of(out);
    }

    @Override
    public String errorResponse(RequestHeader header, ByteBuffer request, ErrorCode error) {
        return "ERROR " + error;
    }
}
