package io.tributary.wire.api.findcoordinator;

import java.util.List;

/**
 * A FindCoordinator request: which broker coordinates each key. Before v4 a request names exactly one
 * key; from v4 (KIP-699) it names any number, all of one type, and the answer has one entry per key.
 *
 * @param keyType v1+; {@link CoordinatorType#GROUP} before
 * @param keys    the group ids or transactional ids, one before v4
 */
public record FindCoordinatorRequest(CoordinatorType keyType, List<String> keys) {

    public FindCoordinatorRequest {
        keys = List.copyOf(keys);
    }
}
