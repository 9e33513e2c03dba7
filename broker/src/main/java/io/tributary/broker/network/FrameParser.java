package io.tributary.broker.network;

import io.tributary.wire.ParsedRequest;
import java.nio.ByteBuffer;

/**
 * Turns one request frame (without its size prefix) into a {@link ParsedRequest}. The broker passes
 * the wire module's {@code RequestReader}; tests pass their own.
 */
@FunctionalInterface
public interface FrameParser {

    /** Never throws: bytes that do not parse become {@link ParsedRequest.Malformed}. */
    ParsedRequest parse(ByteBuffer frame);
}
