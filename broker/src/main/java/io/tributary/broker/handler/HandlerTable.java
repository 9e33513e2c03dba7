package io.tributary.broker.handler;

import io.tributary.wire.ApiCodec;
import io.tributary.wire.ApiRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table from API to handler. Handlers are registered by codec class, so that the compiler
 * checks each handler takes the codec's request type and returns its response type. A test holds
 * the table's APIs equal to exactly what {@link ApiRegistry} advertises.
 */
public final class HandlerTable {

    private final ApiRegistry registry;
    private final Map<Short, ApiHandler<?, ?>> byApiKey = new HashMap<>();

    public HandlerTable(ApiRegistry registry) {
        this.registry = registry;
    }

    public <Q, R, C extends ApiCodec<Q, R>> HandlerTable register(Class<C> codecClass, ApiHandler<Q, R> handler) {
        ApiCodec<?, ?> codec = registry.codecs().stream().filter(codecClass::isInstance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(codecClass.getSimpleName() + " is not in the API registry"));
        if (byApiKey.putIfAbsent(codec.apiKey(), handler) != null) {
            throw new IllegalStateException("two handlers for " + codec.name());
        }
        return this;
    }

    /** The handler for a codec's API, typed to match it; null if none is registered. */
    @SuppressWarnings("unchecked")
    public <Q, R> ApiHandler<Q, R> handler(ApiCodec<Q, R> codec) {
        return (ApiHandler<Q, R>) byApiKey.get(codec.apiKey());
    }

    public Set<Short> apiKeys() {
        return new TreeSet<>(byApiKey.keySet());
    }

    public ApiRegistry registry() {
        return registry;
    }
}
