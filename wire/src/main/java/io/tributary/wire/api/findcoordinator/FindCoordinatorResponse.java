package io.tributary.wire.api.findcoordinator;

import io.tributary.common.ErrorCode;
import java.util.List;

/**
 * A FindCoordinator response: one {@link Coordinator} per requested key. Before v4 the response holds
 * exactly one, whose fields are the response's top-level fields on the wire.
 */
public record FindCoordinatorResponse(int throttleTimeMs, List<Coordinator> coordinators) {

    public FindCoordinatorResponse {
        coordinators = List.copyOf(coordinators);
    }

    /**
     * @param errorMessage v1+, null for none
     * @param nodeId       -1 on error
     * @param host         "" on error
     * @param port         -1 on error
     */
    public record Coordinator(String key, ErrorCode error, String errorMessage, int nodeId, String host, int port) {

        public static Coordinator found(String key, int nodeId, String host, int port) {
            return new Coordinator(key, ErrorCode.NONE, null, nodeId, host, port);
        }

        /** No coordinator for {@code key}, as Kafka answers it: node -1, empty host, port -1. */
        public static Coordinator failed(String key, ErrorCode error, String errorMessage) {
            return new Coordinator(key, error, errorMessage, -1, "", -1);
        }
    }
}
