package io.tributary.broker.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * What a route answers: a status, a content type and the whole body. Bodies are small (a scrape of a
 * few thousand series, a JSON document), so they are built in full before any byte is written.
 */
public record HttpReply(HttpResponseStatus status, String contentType, byte[] body) {

    public static final String TEXT = "text/plain; charset=utf-8";

    /** A plain-text answer, such as an error: one line that names its cause. */
    public static HttpReply text(HttpResponseStatus status, String line) {
        return new HttpReply(status, TEXT, (line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
