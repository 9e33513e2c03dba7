package io.tributary.metadata.record;

/**
 * Bytes that are not a valid encoded metadata record or batch: truncated, corrupt, of an unknown
 * type or version, or describing an impossible record. The message says what was wrong and where.
 */
public final class MetadataCodecException extends RuntimeException {

    public MetadataCodecException(String message) {
        super(message);
    }

    public MetadataCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
