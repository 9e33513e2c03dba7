package io.tributary.broker.net.client;

/**
 * The peer does not implement the API at any version this node can speak (Kafka's
 * {@code UNSUPPORTED_VERSION}). Nothing was sent, and sending again to the same peer cannot help.
 */
public final class UnsupportedVersionException extends NetworkClientException {

    UnsupportedVersionException(String message) {
        super(message, null, false);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
