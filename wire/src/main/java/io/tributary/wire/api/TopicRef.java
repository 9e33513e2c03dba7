package io.tributary.wire.api;

import io.tributary.common.TopicId;

/**
 * A topic named by a request, by name, by id (KIP-516), or both. Versions before topic ids always
 * give a name and {@link TopicId#ZERO}; id-based versions may give a null name.
 */
public record TopicRef(String name, TopicId id) {

    public TopicRef {
        id = id == null ? TopicId.ZERO : id;
    }

    public static TopicRef byName(String name) {
        return new TopicRef(name, TopicId.ZERO);
    }

    public boolean hasId() {
        return !id.isZero();
    }
}
