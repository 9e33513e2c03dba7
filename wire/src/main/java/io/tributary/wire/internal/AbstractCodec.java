package io.tributary.wire.internal;

import io.tributary.wire.ApiCodec;

/**
 * What every server-side {@link ApiCodec} states about itself (key, name, version range), held once so
 * that each API's codec only maps its records to and from kafka-clients' generated message classes.
 * The range is the pinned kafka-clients' range for the API, passed in from its generated request class.
 *
 * @param <Q> the request record
 * @param <R> the response record
 */
public abstract class AbstractCodec<Q, R> implements ApiCodec<Q, R> {

    private final short apiKey;
    private final String name;
    private final short minVersion;
    private final short maxVersion;

    protected AbstractCodec(short apiKey, String name, short minVersion, short maxVersion) {
        if (minVersion > maxVersion) {
            throw new IllegalArgumentException(name + ": versions " + minVersion + ".." + maxVersion);
        }
        this.apiKey = apiKey;
        this.name = name;
        this.minVersion = minVersion;
        this.maxVersion = maxVersion;
    }

    @Override
    public final short apiKey() {
        return apiKey;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final short minVersion() {
        return minVersion;
    }

    @Override
    public final short maxVersion() {
        return maxVersion;
    }
}
