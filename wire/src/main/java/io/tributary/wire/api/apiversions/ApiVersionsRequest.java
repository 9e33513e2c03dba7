package io.tributary.wire.api.apiversions;

import java.util.regex.Pattern;

/**
 * An ApiVersions request. Versions before 3 carry no client software fields; they read as empty
 * strings, as in Kafka.
 */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) {

    /** KIP-511: names and versions are letters, digits, '.', '-' and must start and end with a letter or digit. */
    private static final Pattern SOFTWARE = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");

    public ApiVersionsRequest {
        clientSoftwareName = clientSoftwareName == null ? "" : clientSoftwareName;
        clientSoftwareVersion = clientSoftwareVersion == null ? "" : clientSoftwareVersion;
    }

    /**
     * Whether the v3+ software fields are well formed; Kafka answers {@code INVALID_REQUEST} when they
     * are not. Empty fields (versions 0-2) are valid.
     */
    public boolean hasValidSoftwareFields() {
        if (clientSoftwareName.isEmpty() && clientSoftwareVersion.isEmpty()) {
            return true;
        }
        return SOFTWARE.matcher(clientSoftwareName).matches() && SOFTWARE.matcher(clientSoftwareVersion).matches();
    }
}
