package io.tributary.broker.net.client;

import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.ClientCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a peer advertised in its ApiVersions answer: one version range per API key it implements.
 * Immutable; a connection learns it once, during its handshake.
 */
public final class PeerVersions {

    private final Map<Short, ApiVersionRange> byKey;

    private PeerVersions(Map<Short, ApiVersionRange> byKey) {
        this.byKey = byKey;
    }

    /** The ranges as advertised; a key advertised twice keeps its last range, as Kafka's client does. */
    public static PeerVersions of(List<ApiVersionRange> advertised) {
        Map<Short, ApiVersionRange> m = new TreeMap<>();
        for (ApiVersionRange r : advertised) {
            m.put(r.apiKey(), r);
        }
        return new PeerVersions(Map.copyOf(m));
    }

    public Optional<ApiVersionRange> range(short apiKey) {
        return Optional.ofNullable(byKey.get(apiKey));
    }

    /** Every advertised range, ordered by API key. */
    public List<ApiVersionRange> ranges() {
        return byKey.values().stream().sorted((a, b) -> Short.compare(a.apiKey(), b.apiKey())).toList();
    }

    /**
     * The version to send {@code codec}'s API at: {@link ClientCodec#versionFor} with the peer's range.
     *
     * @throws UnsupportedVersionException naming the API and both ranges, if the peer does not implement
     *                                     the API or the ranges do not meet
     */
    public short versionFor(ClientCodec<?, ?> codec, String peer) {
        ApiVersionRange r = byKey.get(codec.apiKey());
        if (r == null) {
            throw new UnsupportedVersionException(peer + " does not implement " + codec.name() + " (API key "
                    + codec.apiKey() + ")");
        }
        short v = codec.versionFor(r);
        if (v < 0) {
            throw new UnsupportedVersionException(peer + " speaks " + codec.name() + " v" + r.minVersion() + "-v"
                    + r.maxVersion() + " but this node speaks v" + codec.minVersion() + "-v" + codec.maxVersion());
        }
        return v;
    }

    @Override
    public String toString() {
        return ranges().toString();
    }
}
