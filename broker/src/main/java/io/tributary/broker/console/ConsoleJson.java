package io.tributary.broker.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.broker.http.HttpReply;
import java.io.IOException;

/**
 * The console API's JSON: one shared mapper (thread-safe once configured), replies typed
 * {@code application/json}, and errors as a JSON object with one {@code error} line, so a script
 * reads every answer the same way.
 */
final class ConsoleJson {

    static final String JSON = "application/json; charset=utf-8";
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ConsoleJson() {
    }

    static HttpReply ok(Object body) throws IOException {
        return new HttpReply(HttpResponseStatus.OK, JSON, MAPPER.writeValueAsBytes(body));
    }

    static HttpReply error(HttpResponseStatus status, String line) throws IOException {
        return new HttpReply(status, JSON, MAPPER.writeValueAsBytes(java.util.Map.of("error", line)));
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }
}
