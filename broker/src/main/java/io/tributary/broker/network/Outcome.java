package io.tributary.broker.network;

import io.tributary.wire.ResponseFrame;

/**
 * What the connection does once a request is finished: send a response, send nothing
 * ({@code acks=0} produce), or close the connection (after every earlier response has been written,
 * so a client never loses an answer it was owed).
 */
public sealed interface Outcome {

    NoResponse NO_RESPONSE = new NoResponse();

    record Send(ResponseFrame frame) implements Outcome {
    }

    record NoResponse() implements Outcome {
    }

    /** Close the connection; {@code reason} is logged once. */
    record Close(String reason) implements Outcome {
    }
}
