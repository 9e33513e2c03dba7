package io.tributary.controller;

/** Bytes that are not a well-formed metadata fetch answer; the message says where and why. */
public final class MetadataFetchFramingException extends RuntimeException {

    public MetadataFetchFramingException(String message) {
        super(message);
    }
}
