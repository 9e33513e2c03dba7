package io.tributary.log;

/**
 * The log could not read or write its files, or found them inconsistent while serving. The broker
 * maps it to {@code KAFKA_STORAGE_ERROR} and takes the partition offline.
 */
public final class LogStorageException extends RuntimeException {

    public LogStorageException(String message) {
        super(message);
    }

    public LogStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
