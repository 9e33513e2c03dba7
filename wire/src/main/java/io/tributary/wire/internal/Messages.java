package io.tributary.wire.internal;

import io.tributary.wire.MalformedRequestException;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Reads a request body with kafka-clients' generated classes and turns every way that can fail into
 * a {@link MalformedRequestException}.
 *
 * <p>The generated readers check each array count, string length and byte-field length against the
 * bytes that remain before allocating, so a hostile length claim fails fast instead of allocating
 * (the fuzz properties in the tests hold us to that). What they throw varies (RuntimeException,
 * IllegalArgumentException, BufferUnderflowException, NegativeArraySizeException...), hence the
 * catch-all here: the body came from the network, so any failure to read it is the peer's fault.
 */
public final class Messages {

    private Messages() {
    }

    /**
     * Reads {@code body} into {@code message} at {@code version}, then translates it with {@code toDomain}.
     * A failure in either step is a malformed request: translation only fails on values the protocol
     * forbids, which a well-behaved client never sends.
     */
    public static <M extends ApiMessage, Q> Q read(M message, ByteBuffer body, short version, Function<M, Q> toDomain) {
        String name = message.getClass().getSimpleName().replace("RequestData", "");
        try {
            message.read(new ByteBufferAccessor(body), version);
        } catch (RuntimeException e) {
            throw new MalformedRequestException(name + " v" + version + " request body does not parse: " + describe(e), e);
        }
        try {
            return toDomain.apply(message);
        } catch (MalformedRequestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedRequestException(name + " v" + version + " request is invalid: " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }
}
