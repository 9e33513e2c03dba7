package io.tributary.broker.net.client;

import io.tributary.broker.Version;
import io.tributary.common.ErrorCode;
import io.tributary.wire.ApiVersionRange;
import io.tributary.wire.api.apiversions.ApiVersionsClientCodec;
import io.tributary.wire.api.apiversions.ApiVersionsCodec;
import io.tributary.wire.api.apiversions.ApiVersionsRequest;
import io.tributary.wire.api.apiversions.ApiVersionsResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The first exchange on every connection: ApiVersions, which tells the client the peer's version range
 * for each API.
 *
 * <p>It is sent at {@link ApiVersionsClientCodec#DEFAULT_VERSION}. A peer that does not know that
 * version answers, as KIP-511 has it, in the v0 layout with {@code UNSUPPORTED_VERSION} and its ranges
 * (sometimes only ApiVersions' own); the handshake then tries once more at the highest version both
 * sides speak, or at v0 when the peer named no ApiVersions range. A second refusal, any other error, or
 * no common version fails the handshake.
 */
final class ApiVersionsHandshake {

    static final ApiVersionsRequest REQUEST = new ApiVersionsRequest("tributary", softwareVersion());

    private ApiVersionsHandshake() {
    }

    static CompletableFuture<PeerVersions> run(NodeConnection c, long timeoutMs) {
        return attempt(c, ApiVersionsClientCodec.DEFAULT_VERSION, false, timeoutMs);
    }

    private static CompletableFuture<PeerVersions> attempt(NodeConnection c, short version, boolean isFallback, long timeoutMs) {
        return c.sendAt(ApiVersionsClientCodec.INSTANCE, version, REQUEST, timeoutMs).thenCompose(response -> {
            if (response.error() == ErrorCode.NONE) {
                return CompletableFuture.completedFuture(PeerVersions.of(response.apiKeys()));
            }
            if (response.error() == ErrorCode.UNSUPPORTED_VERSION && !isFallback) {
                short next = fallbackVersion(response.apiKeys(), version);
                if (next < 0) {
                    return CompletableFuture.failedFuture(new UnsupportedVersionException(c.peer()
                            + " speaks no ApiVersions version this node speaks (it advertised " + response.apiKeys() + ")"));
                }
                return attempt(c, next, true, timeoutMs);
            }
            return CompletableFuture.failedFuture(refused(c, version, response));
        });
    }

    /**
     * The version to retry at after a KIP-511 refusal of {@code refused}: the highest both sides speak
     * within the peer's ApiVersions range, v0 if the peer named none, and -1 if there is no such version
     * below the one refused (retrying at it could only be refused again).
     */
    static short fallbackVersion(List<ApiVersionRange> peerRanges, short refused) {
        ApiVersionRange own = null;
        for (ApiVersionRange r : peerRanges) {
            if (r.apiKey() == ApiVersionsCodec.API_KEY) {
                own = r;
            }
        }
        short v = own == null ? 0 : ApiVersionsClientCodec.INSTANCE.versionFor(own);
        return v >= refused ? -1 : v;
    }

    private static NetworkClientException refused(NodeConnection c, short version, ApiVersionsResponse response) {
        if (response.error() == ErrorCode.UNSUPPORTED_VERSION) {
            return new UnsupportedVersionException(c.peer() + " refused ApiVersions v" + version + " too");
        }
        return new DisconnectedException("handshake with " + c.peer() + " failed: ApiVersions v" + version
                + " answered " + response.error(), null, true);
    }

    /** Kafka's KIP-511 rule: letters, digits, '.' and '-', starting and ending with a letter or digit. */
    private static String softwareVersion() {
        String v = Version.version().replaceAll("[^a-zA-Z0-9.\\-]", "-").replaceAll("^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$", "");
        return v.isEmpty() ? "dev" : v;
    }
}
