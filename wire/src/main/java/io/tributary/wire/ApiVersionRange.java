package io.tributary.wire;

/**
 * One line of what ApiVersions advertises: the versions of one API this broker reads and writes.
 *
 * @param apiKey     the Kafka API key
 * @param minVersion the oldest version accepted
 * @param maxVersion the newest version accepted
 */
public record ApiVersionRange(short apiKey, short minVersion, short maxVersion) {

    public ApiVersionRange {
        if (minVersion < 0 || minVersion > maxVersion) {
            throw new IllegalArgumentException("bad version range " + minVersion + ".." + maxVersion + " for API key " + apiKey);
        }
    }

    public boolean contains(short version) {
        return version >= minVersion && version <= maxVersion;
    }
}
